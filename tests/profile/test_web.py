"""My AuroraAI through the web app with the real test provider: save from the results page, history as
chart data and a table, saved services, re-authentication before export and erasure, the export, the
erasure (a new login finds nothing), consent receipts (anonymous and signed in), withdrawal with a
signed webhook to a local HTTP server, and the access log."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Iterator

import pytest
from fastapi.testclient import TestClient

from auroranet.consent.webhooks import signing_key, verify
from auroranet.network.models import Client
from auroranet.runtime import Runtime
from tests.idp import provider_login
from tests.web.conftest import read_transferred, register_receiver
from tests.web.test_views import answer_all, csrf


@pytest.fixture
def id_runtime(any_id_runtime: Runtime) -> Runtime:
    """Saved assessments, consents, export and erasure are stored: both backends (SQLite and PostgreSQL)."""
    return any_id_runtime


def _save_assessment(client: TestClient) -> None:
    answer_all(client)
    page = client.get("/results")
    assert page.status_code == 200 and 'action="/profile/assessments"' in page.text
    r = client.post("/profile/assessments", data={"csrf_token": csrf(page.text)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/profile?saved=1"


def test_anonymous_sees_no_save_button_and_profile_invites_to_sign_in(client: TestClient) -> None:
    answer_all(client)
    results = client.get("/results")
    assert 'action="/profile/assessments"' not in results.text
    page = client.get("/profile")
    assert page.status_code == 200 and 'href="/login?next=/profile"' in page.text
    r = client.post("/profile/assessments", data={"csrf_token": csrf(results.text)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def test_save_history_export_erase_and_log_in_again(client: TestClient) -> None:
    provider_login(client, "/login?next=/profile", "maija")
    _save_assessment(client)
    _save_assessment(client)
    page = client.get("/profile?lang=en")
    m = re.search(r'data-history="([^"]+)"', page.text)
    assert m
    chart = json.loads(m.group(1).replace("&#34;", '"').replace("&quot;", '"'))
    assert len(chart["dates"]) == 2 and {s["key"] for s in chart["series"]} >= {"health", "housing"}
    assert "<table" in page.text and "Health" in page.text  # the table alternative
    # export needs a fresh login: the first login is fresh, so it is allowed now ...
    r = client.get("/profile/export.json")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    data = r.json()
    assert len(data["assessments"]) == 2 and data["assessments"][0]["meters"] == data["assessments"][1]["meters"]
    meters = data["assessments"][0]["meters"]
    assert meters["housing"] < meters["health"] < meters["family"]  # answered 2, 3 and 9
    assert {"view", "save_assessment", "export"} <= {a["action"] for a in data["access_log"]}
    # erase: confirmation required
    form = client.get("/profile/erase")
    assert form.status_code == 200
    bad = client.post("/profile/erase", data={"csrf_token": csrf(form.text)})
    assert bad.status_code == 400
    r = client.post("/profile/erase", data={"csrf_token": csrf(form.text), "confirm": "yes"}, follow_redirects=False)
    assert r.status_code == 303 and "erased=1" in r.headers["location"]
    assert "/login" in client.get("/profile").text  # signed out
    provider_login(client, "/login?next=/profile", "maija")
    again = client.get("/profile/export.json").json()
    assert again["assessments"] == [] and again["saved_services"] == [] and again["consents"] == []


def test_export_and_erase_ask_for_a_new_login_when_the_last_is_old(client: TestClient, id_runtime: Runtime,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    provider_login(client, "/login?next=/profile", "matti")
    import time as real_time

    later = real_time.time() + id_runtime.settings.oidc_reauth_max_age_seconds + 10
    monkeypatch.setattr("auroranet.identity.flows.time.time", lambda: later)
    for path in ("/profile/export", "/profile/export.json", "/profile/erase"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?reauth=1&next=/profile/")
    r = client.get("/login?reauth=1&next=/profile/export", follow_redirects=False)
    assert "prompt=login" in r.headers["location"] and "max_age=0" in r.headers["location"]


def test_saved_services(client: TestClient, id_runtime: Runtime) -> None:
    service_id, _ = register_receiver(id_runtime)
    provider_login(client, "/login", "sanna")
    page = client.get(f"/service/{service_id}")
    assert 'action="/profile/services"' in page.text
    r = client.post("/profile/services", data={"csrf_token": csrf(page.text), "service_id": service_id},
                    follow_redirects=False)
    assert r.status_code == 303
    prof = client.get("/profile")
    assert f'href="/service/{service_id}"' in prof.text
    client.post("/profile/services", data={"csrf_token": csrf(prof.text), "service_id": service_id, "action": "remove"})
    assert f'href="/service/{service_id}"' not in client.get("/profile").text
    assert client.post("/profile/services", data={"csrf_token": csrf(prof.text), "service_id": "nope"}).status_code == 404


class _Hook(BaseHTTPRequestHandler):
    received: list[tuple[bytes, str]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        _Hook.received.append((body, self.headers.get("X-Aurora-Signature", "")))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[str]:
    _Hook.received = []
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


def _share(client: TestClient, service_id: str, channel_id: str) -> str:
    answer_all(client, bg={"age": "40"})
    page = client.get(f"/handover/{service_id}/{channel_id}")
    r = client.post(f"/handover/{service_id}/{channel_id}",
                    data={"csrf_token": csrf(page.text), "share": ["age"], "action": "share"}, follow_redirects=False)
    m = re.search(r"auroraai_access_token=([0-9a-f]{64})", r.headers["location"])
    assert m
    return m.group(1)


def test_anonymous_hand_over_has_a_downloadable_receipt(client: TestClient, id_runtime: Runtime) -> None:
    service_id, channel_id = register_receiver(id_runtime)
    _share(client, service_id, channel_id)
    page = client.get("/consents?lang=en")
    rid = re.search(r'href="/consents/([0-9a-f]{32})\.json"', page.text)
    assert rid and "Test service" in page.text and "Withdraw" not in page.text
    receipt = client.get(f"/consents/{rid.group(1)}.json").json()
    assert receipt["principal"]["id"] is None and receipt["data_categories"] == ["age"]
    assert receipt["legal_basis"].startswith("consent") and receipt["status"] == "active"
    other = TestClient(client.app)
    assert other.get(f"/consents/{rid.group(1)}.json").status_code == 404  # only this browser session


def test_withdrawal_stops_the_transfer_and_tells_the_recipient(client: TestClient, id_runtime: Runtime,
                                                               webhook: str) -> None:
    service_id, channel_id = register_receiver(id_runtime)
    with id_runtime.db.session() as s:
        row = next(c for c in s.query(Client).all() if channel_id in c.channel_ids)
        row.webhook_url = webhook
        client_id = row.id
    provider_login(client, "/login", "maija")
    token = _share(client, service_id, channel_id)
    page = client.get("/consents?lang=en")
    rid = re.search(r'action="/consents/([0-9a-f]{32})/withdraw"', page.text)
    assert rid, page.text
    assert client.post(f"/consents/{rid.group(1)}/withdraw", data={}).status_code == 403
    r = client.post(f"/consents/{rid.group(1)}/withdraw", data={"csrf_token": csrf(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    assert read_transferred(id_runtime, token) is None  # no further transfer
    assert len(_Hook.received) == 1
    body, sig = _Hook.received[0]
    assert verify(signing_key(id_runtime.settings, client_id), body, sig)
    assert not verify(signing_key(id_runtime.settings, "other"), body, sig)
    sent = json.loads(body)
    assert sent["event"] == "consent.withdrawn" and sent["receipt_id"] == rid.group(1)
    import hashlib

    assert sent["access_token_sha256"] == hashlib.sha256(token.encode()).hexdigest()
    assert "withdrawn" in client.get("/consents?lang=en").text
    log = client.get("/profile/access?lang=en").text
    assert "Consent withdrawn" in log and "Consents opened" in log and "withdraw_consent" not in log


def test_life_event_ticks_are_kept_in_the_profile_sealed_and_follow_the_person(
        client: TestClient, id_runtime: Runtime) -> None:
    """Signed in, the ticked steps of a life event go to the profile (sealed: which life event a person is in
    is sensitive), are there after signing in on another device, are listed on /profile, exported, and
    gone with the account."""
    from sqlalchemy import text

    provider_login(client, "/login?next=/profile", "maija")
    page = client.get("/life-events/moving_to_study")
    r = client.post("/life-events/moving_to_study/done",
                    data={"csrf_token": csrf(page.text), "done": ["housing", "no-such-step"]}, follow_redirects=False)
    assert r.status_code == 303
    with id_runtime.db.engine.connect() as c:
        sealed = c.execute(text("select life_events_enc from profiles")).scalars().all()
    assert len(sealed) == 1 and sealed[0] and "moving_to_study" not in sealed[0] and "housing" not in sealed[0]
    # another device: a new client, signed in as the same person
    other = TestClient(client.app, follow_redirects=False)
    with other:
        provider_login(other, "/login?next=/profile", "maija")
        step = other.get("/life-events/moving_to_study")
        assert re.search(r'name="done" value="housing"[^>]*checked', step.text)
        profile_page = other.get("/profile?lang=en")
        assert 'href="/life-events/moving_to_study"' in profile_page.text and "1 of " in profile_page.text
        assert other.get("/profile/export.json").json()["life_event_progress"] == {"moving_to_study": ["housing"]}
        # unticking everything drops the life event from the profile
        other.post("/life-events/moving_to_study/done", data={"csrf_token": csrf(step.text)})
        assert other.get("/profile/export.json").json()["life_event_progress"] == {}
