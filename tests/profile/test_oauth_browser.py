"""A connected service asks through OAuth2 in a real browser (Playwright + Debian chromium), with the
person signed in at the real test provider: the consent screen, one value ticked, the code delivered to
the service's local callback server, exchanged and read with httpx; then /consents (withdraw) and
/profile/access. axe-core on the consent screen, /consents and /profile/access: no violation of any
impact; screenshots at 1280 and 360 px."""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from auroranet.network.clients import add_client
from auroranet.runtime import Runtime
from tests.profile.test_browser import _assessment, _login, live  # noqa: F401  (fixture)
from tests.web.test_browser import browser, check_axe, shots  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def callback() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            seen.append(self.path)
            body = b"<!doctype html><html lang='en'><title>Service</title><main><h1>Back at the service</h1></main></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/cb", seen
    server.shutdown()


def test_a_service_asks_the_person_in_a_browser(browser: Any, live: tuple[str, Runtime],  # noqa: F811
                                                callback: tuple[str, list[str]]) -> None:
    base, rt = live
    redirect, seen = callback
    with rt.db.session() as s:
        svc = add_client(s, names={"fi": "Nuorten palvelu", "sv": "Ungas tjänst", "en": "Youth service"},
                         provider="Testikunta", receivable_attributes=["age", "life_situation_meters"],
                         privacy_notice_url="https://service.example/privacy", oauth_redirect_uris=[redirect])
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = urlencode({"response_type": "code", "client_id": svc.info.id, "redirect_uri": redirect,
                       "scope": "age life_situation_meters", "state": "xyz-1", "code_challenge": challenge,
                       "code_challenge_method": "S256"})
    ctx = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    try:
        _login(page, "Maija Meikäläinen (maija, person)")
        _assessment(page)
        page.get_by_role("button", name="Save to my profile").click()
        page.wait_for_url("**/profile?saved=1")
        page.goto(f"/oauth/authorize?{query}")
        page.wait_for_url("**/oauth/consent/**")
        assert page.get_by_role("checkbox").count() == 1  # the profile holds meters but no age
        assert not page.get_by_role("checkbox").first.is_checked()
        assert "Youth service" in page.inner_text("main")
        check_axe(page, "oauth-consent")
        shots(page, "oauth-consent")
        page.get_by_role("checkbox").first.check()
        page.get_by_role("button", name="Give the ticked values").click()
        page.wait_for_url(f"{redirect}?**")
        q = parse_qs(urlsplit([p for p in seen if p.startswith("/cb?")][-1]).query)
        assert q["state"] == ["xyz-1"]
        tok = httpx.post(f"{base}/oauth/token", data={"grant_type": "authorization_code", "code": q["code"][0],
                                                     "redirect_uri": redirect, "code_verifier": verifier},
                         auth=(svc.info.id, svc.secret))
        assert tok.status_code == 200, tok.text
        bearer = {"Authorization": f"Bearer {tok.json()['access_token']}"}
        got = httpx.get(f"{base}/oauth/attributes", headers=bearer).json()["attributes"]
        assert list(got) == ["life_situation_meters"] and got["life_situation_meters"]["housing"][0] < 5
        page.goto("/consents?lang=en")
        assert "Youth service" in page.inner_text("main")
        check_axe(page, "consents")
        shots(page, "consents")
        page.get_by_role("button", name="Withdraw consent: Youth service").click()
        page.wait_for_url("**/consents?withdrawn=1")
        check_axe(page, "consents-withdrawn")
        assert httpx.get(f"{base}/oauth/attributes", headers=bearer).status_code == 401
        page.goto("/profile/access?lang=en")
        assert "A service read data" in page.inner_text("main") and "read_by_service" not in page.inner_text("main")
        check_axe(page, "profile-access")
        shots(page, "profile-access")
    finally:
        ctx.close()
