"""Server-side web sessions: the cookie holds only a random id, the answers are encrypted in web_sessions,
"erase my answers" and expiry end them on the server, browsing alone writes no row, a planted id never
receives answers, and the Secure flag follows the effective scheme behind a trusted proxy."""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from auroranet.app import create_app
from auroranet.db.core import utcnow
from auroranet.jobs.schedule import purge_tokens
from auroranet.web import session as sess
from auroranet.web.messages import MESSAGES
from auroranet.web.models import WebSessionRow
from tests.web.test_views import answer_all, csrf

COOKIE_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}\.[0-9a-f]{64}$")


@pytest.fixture
def app(web_runtime):
    return create_app(runtime=web_runtime)


@pytest.fixture
def client(app):
    with TestClient(app, follow_redirects=False) as c:
        yield c


def rows(rt) -> list[WebSessionRow]:
    with rt.db.session() as s:
        return list(s.scalars(select(WebSessionRow)))


def plant(client: TestClient, value: str) -> None:
    """Put a session cookie into a browser as if the server had set it (TestClient's cookie domain)."""
    client.cookies.set(sess.COOKIE, value, domain="testserver.local")


def has_answers(client: TestClient) -> bool:
    r = client.get("/results")
    assert r.status_code == 200
    return MESSAGES["no_answers"]["fi"] not in r.text and 'class="service"' in r.text


def test_cookie_holds_only_a_random_id_and_the_row_is_encrypted(client, web_runtime):
    answer_all(client, bg={"age": "17", "municipality": "Tampere"})
    value = client.cookies.get(sess.COOKIE)
    assert value and COOKIE_SHAPE.match(value), value  # before: base64 JSON of every answer, age and exp
    assert has_answers(client)
    [row] = rows(web_runtime)
    sid = value.partition(".")[0]
    assert row.id_hash == sess.id_hash(sid) and sid not in row.id_hash
    raw = base64.b64decode(row.payload)
    for plain in (b"answers", b"housing", b'"mun":"837"', b'"age":17'):  # ciphertext, not (base64) JSON
        assert plain not in raw and plain not in row.payload.encode()
    assert sess.unseal(row.payload, web_runtime.session_secret(), sid)["bg"] == {"age": 17, "mun": "837"}
    assert sess.unseal(row.payload, web_runtime.session_secret(), "B" * 43) is None  # the id is part of the key


def test_erase_ends_the_session_on_the_server(client, app, web_runtime):
    answer_all(client)
    old = client.cookies.get(sess.COOKIE)
    assert has_answers(client) and len(rows(web_runtime)) == 1
    page = client.get("/privacy")
    r = client.post("/privacy/erase", data={"csrf_token": csrf(page.text)})
    assert r.status_code == 303 and "Max-Age=0" in r.headers["set-cookie"]
    assert rows(web_runtime) == []
    # Replaying the old cookie (a copy kept elsewhere) finds nothing; before, the signed cookie still worked.
    with TestClient(app, follow_redirects=False) as replay:
        plant(replay, old)
        assert not has_answers(replay)


def test_browsing_writes_no_row_and_forms_still_work(client, web_runtime):
    for path in ("/", "/search", "/privacy", "/no-such-page", "/assessment/3x10d/1"):
        client.get(path)
    assert rows(web_runtime) == []
    assert client.get("/search", params={"q": "asunto", "lang": "en"}).status_code == 200  # a GET form
    page = client.get("/privacy?lang=en")
    token = csrf(page.text)
    forged = token[:-1] + ("1" if token[-1] == "0" else "0")  # always differs from the real token
    r = client.post("/privacy/erase", data={"csrf_token": forged})
    assert r.status_code == 403
    r = client.post("/privacy/erase", data={"csrf_token": csrf(page.text)})
    assert r.status_code == 303  # the CSRF token is bound to the session id, which needs no row


def test_expired_session_is_not_read_and_is_purged(client, web_runtime):
    answer_all(client)
    assert has_answers(client)
    with web_runtime.db.session() as s:
        s.execute(update(WebSessionRow).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert not has_answers(client)
    assert purge_tokens(web_runtime)["web_sessions"] == 1
    with web_runtime.db.session() as s:
        assert s.scalar(select(func.count()).select_from(WebSessionRow)) == 0


def test_a_planted_id_never_receives_the_answers(app, web_runtime):
    with TestClient(app, follow_redirects=False) as attacker:
        attacker.get("/")
        planted = attacker.cookies.get(sess.COOKIE)
        assert planted and rows(web_runtime) == []
        with TestClient(app, follow_redirects=False) as victim:
            plant(victim, planted)
            answer_all(victim)
            assert has_answers(victim)
            assert victim.cookies.get(sess.COOKIE) != planted
        assert not has_answers(attacker)


@pytest.mark.parametrize("peer,proto,secure", [("10.0.0.5", "https", True), ("10.0.0.5", None, False),
                                               ("192.0.2.7", "https", False)])
def test_secure_cookie_behind_a_trusted_proxy(web_runtime, peer, proto, secure):
    web_runtime.settings = web_runtime.settings.model_copy(update={"trusted_proxies": "10.0.0.0/24"})
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False, client=(peer, 40000)) as c:
        r = c.get("/", headers={"X-Forwarded-Proto": proto} if proto else {})
    cookie = r.headers["set-cookie"]
    assert sess.COOKIE in cookie and ("; secure" in cookie.lower()) is secure


def test_session_rows_on_both_backends(db) -> None:
    """Insert, update, read back, expire and erase web_sessions rows on SQLite and PostgreSQL."""
    from auroranet.db.writelock import WriteLock

    store = sess.Store(db, WriteLock(db), "s" * 40)

    class FakeRequest:
        def __init__(self, value: str | None) -> None:
            self.cookies = {sess.COOKIE: value} if value else {}

    first = sess.WebSession(secret=store.secret)
    first["answers"] = {"health": 3}
    sess.persist(first, store)
    cookie = sess.cookie_value(first.sid, store.secret)
    again = sess.load(FakeRequest(cookie), store)  # type: ignore[arg-type]
    assert dict(again) == {"answers": {"health": 3}} and again.stored
    again["bg"] = {"age": 40}
    sess.persist(again, store)
    assert dict(sess.load(FakeRequest(cookie), store)) == {"answers": {"health": 3}, "bg": {"age": 40}}  # type: ignore[arg-type]
    with db.session() as s:
        s.execute(update(WebSessionRow).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert dict(sess.load(FakeRequest(cookie), store)) == {}  # type: ignore[arg-type]
    assert sess.purge_expired(db, store.writes) == 1
    other = sess.WebSession(secret=store.secret)
    other["answers"] = {"family": 9}
    sess.persist(other, store)
    erased = sess.load(FakeRequest(sess.cookie_value(other.sid, store.secret)), store)  # type: ignore[arg-type]
    erased.clear()
    sess.persist(erased, store)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(WebSessionRow)) == 0
    store.writes.close()
