"""Hand-over end to end over real HTTP (uvicorn on loopback): the person talks through the chat API and
reads the staff member's lines from the server-sent event stream (on both storage backends); staff signed in to the back office see
the queue, take the conversation, chat (their own stream read too) and close it. Then the attacks: staff
of another organisation, a person, anonymous callers, forged ids and CSRF, long messages."""

from __future__ import annotations

import json
import queue
import socket
import threading
from typing import Any, Iterator

import httpx
import pytest

from auroranet.app import create_app
from auroranet.identity.principal import Principal, sign_in
from auroranet.livechat import service as chats
from auroranet.runtime import Runtime
from auroranet.web import session as sess
from tests.livechat.conftest import add_desk, desk, staff_principal
from tests.web.conftest import _web_template, any_web_runtime  # noqa: F401 - fixtures
from tests.served import serving

WAIT = 30.0  # a generous upper bound for an event to arrive on a busy machine (not a timing assert)


@pytest.fixture
def web_runtime(any_web_runtime: Runtime) -> Runtime:  # noqa: F811
    """Queues, takes, lines and desks are stored: both backends (SQLite and PostgreSQL)."""
    return any_web_runtime


@pytest.fixture
def server(web_runtime: Runtime) -> Iterator[str]:  # noqa: F811
    web_runtime.settings = web_runtime.settings.model_copy(update={"livechat_poll_seconds": 0.1})
    add_desk(web_runtime, desk())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with serving(create_app(runtime=web_runtime), port, started_within=120):
        yield f"http://127.0.0.1:{port}"


def signed_in(rt: Runtime, base: str, principal: Principal) -> tuple[httpx.Client, str]:
    """An HTTP client whose server-side web session holds the principal, and its CSRF token."""
    store = sess.Store(rt.db, rt.writes, rt.session_secret())
    session = sess.WebSession(secret=store.secret)
    sign_in(session, principal)
    token = session.csrf_token()
    sess.persist(session, store)
    assert session.sid is not None
    client = httpx.Client(base_url=base, timeout=WAIT, follow_redirects=False)
    client.cookies.set(sess.COOKIE, sess.cookie_value(session.sid, store.secret))
    return client, token


class Stream:
    """Reads a server-sent event stream in a thread; ``next(kind)`` waits for the next event of a kind."""

    def __init__(self, client: httpx.Client, url: str) -> None:
        self.events: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
        self.status: int | None = None
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._read, args=(client, url), daemon=True)
        self.thread.start()
        assert self.ready.wait(WAIT)

    def _read(self, client: httpx.Client, url: str) -> None:
        with client.stream("GET", url, headers={"Accept": "text/event-stream"}) as r:
            self.status = r.status_code
            self.ready.set()
            kind = ""
            for line in r.iter_lines():
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    self.events.put((kind, json.loads(line[6:])))
        self.events.put(("end", {}))

    def next(self, kind: str) -> dict[str, Any]:
        while True:
            got, data = self.events.get(timeout=WAIT)
            if got == kind:
                return data
            assert got != "end", f"the stream ended before a {kind!r} event"


def start_chat(base: str, lang: str = "fi", share: list[str] | None = None) -> tuple[httpx.Client, str, dict[str, Any]]:
    person = httpx.Client(base_url=base, timeout=WAIT)
    cid = person.post("/assistant/v1/conversations", json={"lang": lang}).json()["conversation_id"]
    person.post(f"/assistant/v1/conversations/{cid}/messages", json={"text": "tarvitsen asumistukea"})
    offer = person.post(f"/assistant/v1/conversations/{cid}/messages", json={"text": "haluan puhua ihmisen kanssa"}).json()
    assert offer["handover"]["status"] == "person_offered" and offer["handover"]["desk_id"] == "oulu-chat"
    yes = person.post(f"/assistant/v1/conversations/{cid}/messages", json={"text": "kyllä", "share": share or []})
    assert yes.status_code == 200, yes.text
    return person, cid, yes.json()["handover"]


def test_queue_take_chat_close_over_http(server: str, web_runtime: Runtime) -> None:  # noqa: F811
    person, cid, handover = start_chat(server, share=["transcript"])
    assert handover["status"] == "person_waiting" and handover["shared"] == ["transcript"]
    live = Stream(person, handover["events_url"])
    assert live.status == 200 and live.next("status")["status"] == "waiting"

    maija, csrf = signed_in(web_runtime, server, staff_principal("oulu"))
    q = maija.get("/backoffice/livechat")
    assert q.status_code == 200 and f"lc-row-{handover['chat_id']}" in q.text and "tarvitsen" not in q.text
    r = maija.post(f"/backoffice/livechat/{handover['chat_id']}/take", data={"csrf_token": csrf})
    assert r.status_code == 303 and r.headers["location"] == f"/backoffice/livechat/{handover['chat_id']}"
    assert live.next("line")["text"] == "Maija liittyi keskusteluun."
    assert live.next("status") == {"status": "active", "name": "Maija"}

    page = maija.get(f"/backoffice/livechat/{handover['chat_id']}")
    assert page.status_code == 200 and "tarvitsen asumistukea" in page.text  # the consented transcript
    staff_stream = Stream(maija, f"/backoffice/livechat/{handover['chat_id']}/events")
    assert staff_stream.next("line")["author"] == "system"

    said = maija.post(f"/backoffice/livechat/{handover['chat_id']}/messages",
                      data={"csrf_token": csrf, "text": "Hei! Miten voin auttaa?"}, headers={"Accept": "application/json"})
    assert said.status_code == 204
    assert live.next("line") == {"id": live_id(web_runtime, handover["chat_id"], "staff"), "author": "staff",
                                 "text": "Hei! Miten voin auttaa?", "name": "Maija"}
    reply = person.post(f"/assistant/v1/conversations/{cid}/messages", json={"text": "Asun Oulussa, tarvitsen asuntoa"})
    assert reply.json()["replies"] == [] and reply.json()["handover"]["status"] == "person_active"
    assert staff_stream.next("line")["text"] == "Hei! Miten voin auttaa?"
    assert staff_stream.next("line") == {"id": live_id(web_runtime, handover["chat_id"], "person"), "author": "person",
                                         "text": "Asun Oulussa, tarvitsen asuntoa"}

    closed = maija.post(f"/backoffice/livechat/{handover['chat_id']}/close", data={"csrf_token": csrf})
    assert closed.status_code == 303
    assert live.next("line")["text"] == "Henkilökunta päätti chatin."
    assert live.next("status")["status"] == "closed"
    assert live.next("end") == {}
    after = person.post(f"/assistant/v1/conversations/{cid}/messages", json={"text": "tarvitsen asumistukea"}).json()
    assert after["handover"] is None and "päättynyt" in after["replies"][0]["text"]


def live_id(rt: Runtime, pid: str, author: str) -> int:
    scope, who = chats.Scope(None), chats.Staff("staff-1", "Maija")
    return max(line.id for line in chats.for_staff(rt, pid, staff=who, scope=scope).lines if line.author == author)


def test_staff_of_another_organisation_cannot_read_or_take(server: str, web_runtime: Runtime) -> None:  # noqa: F811
    _, _, handover = start_chat(server, share=["transcript"])
    pid = handover["chat_id"]
    other, csrf = signed_in(web_runtime, server, staff_principal("tampere", subject="t-1", name="Teppo"))
    assert pid not in other.get("/backoffice/livechat").text
    assert other.post(f"/backoffice/livechat/{pid}/take", data={"csrf_token": csrf}).status_code == 404
    assert other.get(f"/backoffice/livechat/{pid}").status_code == 404
    assert other.get(f"/backoffice/livechat/{pid}/events").status_code == 404
    maija, mcsrf = signed_in(web_runtime, server, staff_principal("oulu"))
    assert maija.post(f"/backoffice/livechat/{pid}/take", data={"csrf_token": mcsrf}).status_code == 303
    colleague, ccsrf = signed_in(web_runtime, server, staff_principal("oulu", subject="staff-2", name="Kaisa"))
    assert colleague.post(f"/backoffice/livechat/{pid}/take", data={"csrf_token": ccsrf}).status_code == 409
    assert colleague.get(f"/backoffice/livechat/{pid}").status_code == 404  # only the one who took it reads
    assert colleague.post(f"/backoffice/livechat/{pid}/messages", data={"csrf_token": ccsrf, "text": "x"}).status_code == 404
    assert colleague.post(f"/backoffice/livechat/{pid}/close", data={"csrf_token": ccsrf}).status_code == 404
    assert other.post(f"/backoffice/livechat/{pid}/close", data={"csrf_token": csrf}).status_code == 404


def test_people_anonymous_callers_and_forgeries(server: str, web_runtime: Runtime) -> None:  # noqa: F811
    _, cid, handover = start_chat(server)
    pid = handover["chat_id"]
    anonymous = httpx.Client(base_url=server, timeout=WAIT)
    r = anonymous.get("/backoffice/livechat")
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    person, pcsrf = signed_in(web_runtime, server, Principal(subject="p-1", kind="person"))
    assert person.get("/backoffice/livechat").status_code == 403
    assert person.post(f"/backoffice/livechat/{pid}/take", data={"csrf_token": pcsrf}).status_code == 403
    maija, csrf = signed_in(web_runtime, server, staff_principal("oulu"))
    assert maija.post(f"/backoffice/livechat/{pid}/take", data={"csrf_token": "f" * 64}).status_code == 403
    assert maija.post(f"/backoffice/livechat/{pid}/take").status_code == 403
    for forged in ("0" * 24, "x" * 500, "..%2F..%2Fetc"):
        assert maija.post(f"/backoffice/livechat/{forged}/take", data={"csrf_token": csrf}).status_code == 404
        assert maija.get(f"/backoffice/livechat/{forged}").status_code == 404
    # a NUL in the address is refused at the edge before any route runs (auroranet.badtext)
    assert maija.post("/backoffice/livechat/%00/take", data={"csrf_token": csrf}).status_code == 400
    assert maija.get("/backoffice/livechat/%00").status_code == 400
    for forged in ("nope", "a" * 43, "a" * 300, cid[:-1] + ("A" if cid[-1] != "A" else "B")):
        assert anonymous.get(f"/assistant/v1/conversations/{forged}/live").status_code == 404
        assert anonymous.post(f"/assistant/v1/conversations/{forged}/messages", json={"text": "hei"}).status_code == 404
    assert maija.post(f"/backoffice/livechat/{pid}/take", data={"csrf_token": csrf}).status_code == 303
    too_long = maija.post(f"/backoffice/livechat/{pid}/messages", data={"csrf_token": csrf, "text": "x" * 2001})
    assert too_long.status_code == 400 and "2000" in too_long.text
    assert anonymous.post(f"/assistant/v1/conversations/{cid}/messages", json={"text": "x" * 501}).status_code == 422
    assert anonymous.post(f"/assistant/v1/conversations/{cid}/messages",
                          json={"text": "hei", "share": ["everything"]}).status_code == 422
    assert anonymous.post(f"/assistant/v1/conversations/{cid}/messages", json={"text": "y" * 500}).status_code == 200
    lines = chats.for_staff(web_runtime, pid, staff=chats.Staff("staff-1", "Maija"), scope=chats.Scope(None)).lines
    assert lines[-1].text == "y" * 500


def test_desks_in_the_back_office(server: str, web_runtime: Runtime) -> None:  # noqa: F811
    maija, csrf = signed_in(web_runtime, server, staff_principal("oulu"))
    form = {"csrf_token": csrf, "id": "oulu-nuoret", "organisation_id": "oulu", "name_fi": "Nuorten chat",
            "languages": ["fi", "sv"], "needs": ["housing"], "opening_hours": "1-5 08:00-16:00", "phone": "+358 40 123 4567",
            "municipality_codes": "564"}
    assert maija.post("/backoffice/livechat/desks", data=form).status_code == 303
    listing = maija.get("/backoffice/livechat/desks")
    assert listing.status_code == 200 and "Nuorten chat" in listing.text
    assert maija.post("/backoffice/livechat/desks", data={**form, "organisation_id": "tampere"}).status_code == 403
    bad = maija.post("/backoffice/livechat/desks", data={**form, "opening_hours": "ma-pe 8-16"})
    assert bad.status_code == 400 and "lc-desk-error" in bad.text
    assert maija.post("/backoffice/livechat/desks", data={**form, "topics": "x" * 5000}).status_code == 400
    other, ocsrf = signed_in(web_runtime, server, staff_principal("tampere", subject="t-1"))
    assert "Nuorten chat" not in other.get("/backoffice/livechat/desks").text
    hijack = {**form, "csrf_token": ocsrf, "organisation_id": "tampere"}  # the same id, another organisation
    assert other.post("/backoffice/livechat/desks", data=hijack).status_code == 403
    assert other.post("/backoffice/livechat/desks/oulu-nuoret/remove", data={"csrf_token": ocsrf}).status_code == 404
    assert maija.post("/backoffice/livechat/desks/oulu-nuoret/remove", data={"csrf_token": csrf}).status_code == 303
    assert "Nuorten chat" not in maija.get("/backoffice/livechat/desks").text
