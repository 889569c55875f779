"""A tour of the pages merged last, as their users see them (issue 11 §9, issues 12–16): one Debian
chromium, one app on loopback signed in at the real OpenID Connect test provider (the person) and through
server-side sessions (staff, tests/signin.py style), every page in fi/sv/en at 360 px and 1280 px. On each:
`lang` set, axe-core with no violation of any impact, no horizontal overflow, every form control named;
a screenshot per page/lang/width in test-artifacts/tour/."""

from __future__ import annotations

import base64
import hashlib
import secrets
import shutil
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlencode

import pytest

from auroranet.app import create_app
from auroranet.db.core import Database, make_engine
from auroranet.identity.principal import Principal, Role, sign_in
from auroranet.network.clients import add_client
from auroranet.runtime import Runtime
from auroranet.wallet.demo import seed_demo
from auroranet.web import session as sess
from tests.curation.conftest import HOBBIES_ORG
from tests.idp import Idp, free_port, idp, make_runtime, oidc_settings  # noqa: F401  (fixture)
from tests.livechat.conftest import add_desk, desk, staff_principal
from tests.official.conftest import PERSON_SCOPES, Fakes, fake_servers, fakes, official_settings  # noqa: F401
from tests.profile.test_browser import _login
from tests.web.conftest import PLAN_3X10D, _web_template  # noqa: F401  (fixture)
from tests.web.test_browser import ARTIFACTS, answer, browser, check_axe  # noqa: F401  (fixture)
from tests.served import serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOUR = ARTIFACTS / "tour"
LANGS = ("fi", "sv", "en")
WIDTHS = (360, 1280)

# Every visible form control must have an accessible name (label, aria-label(ledby), title, or text).
UNNAMED = """() => [...document.querySelectorAll('input, select, textarea, button')].filter(el => {
  if (el.type === 'hidden' || el.closest('[hidden]') || el.getClientRects().length === 0) return false;
  const by = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
    .map(id => (document.getElementById(id) || {}).textContent || '').join('');
  const named = (el.getAttribute('aria-label') || '').trim() || by.trim() || (el.title || '').trim()
    || [...(el.labels || [])].map(l => l.textContent).join('').trim()
    || (el.tagName === 'BUTTON' && el.textContent.trim())
    || (['submit', 'button', 'reset'].includes(el.type) && (el.value || '').trim());
  return !named;
}).map(el => el.outerHTML.slice(0, 120))"""


@pytest.fixture
def live(tmp_path: Path, idp: Idp, fakes: Fakes, _web_template: Path) -> Iterator[tuple[str, Runtime]]:  # noqa: F811
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    shutil.copy2(_web_template, tmp_path / "tour.sqlite")
    db = Database(make_engine(f"sqlite:///{tmp_path / 'tour.sqlite'}"))
    rt = make_runtime(oidc_settings(tmp_path, idp, public_base_url=base, oidc_scopes=PERSON_SCOPES,
                                    **official_settings(fakes)), db)
    seed_demo(rt)
    add_desk(rt, desk())
    rt.snapshot()
    with serving(create_app(runtime=rt), port, started_within=60):
        yield base, rt
    rt.close()


def _staff(browser: Any, base: str, rt: Runtime, principal: Principal) -> Any:  # noqa: F811
    store = sess.Store(rt.db, rt.writes, rt.session_secret())
    session = sess.WebSession(secret=store.secret)
    sign_in(session, principal)
    sess.persist(session, store)
    assert session.sid is not None
    ctx = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(60_000)
    ctx.add_cookies([{"name": sess.COOKIE, "value": sess.cookie_value(session.sid, store.secret), "url": base}])
    return ctx.new_page()


def look(page: Any, name: str, path: str, *, ready: str = "main") -> None:
    """Visit ``path`` in each language and check it at both widths."""
    TOUR.mkdir(parents=True, exist_ok=True)
    sep = "&" if "?" in path else "?"
    for lang in LANGS:
        page.set_viewport_size({"width": WIDTHS[0], "height": 780})
        resp = page.goto(f"{path}{sep}lang={lang}")
        assert resp is not None and resp.status < 400, (name, lang, resp and resp.status)
        page.locator(ready).first.wait_for()
        assert page.get_attribute("html", "lang") == lang, (name, lang)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 780 if width == 360 else 900})
            where = f"{name}-{lang}-{width}"
            wide = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert wide[0] <= wide[1], f"{where}: page is {wide[0]}px wide in a {wide[1]}px window"
            assert not page.evaluate(UNNAMED), f"{where}: unnamed controls {page.evaluate(UNNAMED)}"
            check_axe(page, where)
            page.screenshot(path=str(TOUR / f"{where}.png"), full_page=True)


def test_tour_of_the_new_pages(browser: Any, live: tuple[str, Runtime]) -> None:  # noqa: F811
    base, rt = live
    ctx = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(60_000)
    person = ctx.new_page()
    staff_pages: list[Any] = []
    try:
        # the person: signed in at the real provider, an assessment saved, a service asking through OAuth2
        _login(person, "Maija Meikäläinen (maija, person)")
        answer(person, "en", PLAN_3X10D)
        person.get_by_role("button", name="Save to my profile").click()
        person.wait_for_url("**/profile?saved=1")
        look(person, "official", "/profile/official")
        with rt.db.session() as s:
            svc = add_client(s, names={"fi": "Nuorten palvelu", "sv": "Ungas tjänst", "en": "Youth service"},
                             provider={"fi": "Testikunta", "sv": "Testkommun", "en": "Test municipality"},
                             receivable_attributes=["age", "life_situation_meters"],
                             privacy_notice_url="https://service.example/privacy",
                             oauth_redirect_uris=["http://127.0.0.1:9/cb"])
        challenge = base64.urlsafe_b64encode(hashlib.sha256(secrets.token_bytes(32)).digest()).rstrip(b"=").decode()
        person.goto("/oauth/authorize?" + urlencode({
            "response_type": "code", "client_id": svc.info.id, "redirect_uri": "http://127.0.0.1:9/cb",
            "scope": "age life_situation_meters", "state": "s", "code_challenge": challenge,
            "code_challenge_method": "S256"}))
        person.wait_for_url("**/oauth/consent/**")
        look(person, "oauth-consent", person.url.split(base, 1)[1].split("?")[0])
        look(person, "profile-access", "/profile/access")
        answer(person, "fi", PLAN_3X10D)
        look(person, "results", "/results")
        look(person, "results-near", "/results?free=1&mode=in_person&place=Mikkeli&sort=distance")
        look(person, "search", "/search?q=asuminen")
        look(person, "search-filtered", "/search?q=asuminen&free=1&place=00100&km=25")
        look(person, "results-code", "/results/code")
        # the live chat: the person asks for a person, so the staff queue has a conversation waiting
        person.goto("/assistant?lang=en")
        for text in ("I need housing allowance", "I want to talk to a person"):
            person.fill("#chat-text", text)
            person.keyboard.press("Enter")
            person.locator("#chat-suggestions button").first.wait_for()
        person.get_by_role("button", name="Yes", exact=True).click()
        person.locator("#chat-log").get_by_text("You are in the queue").wait_for()
        look(person, "assistant", "/assistant")

        desk_staff = _staff(browser, base, rt, staff_principal("oulu"))
        staff_pages.append(desk_staff)
        look(desk_staff, "backoffice", "/backoffice")
        look(desk_staff, "livechat", "/backoffice/livechat")
        provider = _staff(browser, base, rt, Principal(
            subject="provider-1", kind="staff", display_name="Pekka",
            roles=(Role("provider_staff", f"organisation:{HOBBIES_ORG}"),)))
        staff_pages.append(provider)
        look(provider, "curation", "/backoffice/curation")
        look(provider, "quality", "/backoffice/quality")
        admin = _staff(browser, base, rt, Principal(
            subject="adm-1", kind="staff", display_name="Aino",
            roles=(Role("admin", "organisation:demo-hyvinvointialue"),)))
        staff_pages.append(admin)
        look(admin, "backoffice-admin", "/backoffice")
        look(admin, "wallet-providers", "/backoffice/wallet/providers")
        look(admin, "wallet-incidents", "/backoffice/wallet/incidents")
    finally:
        for pg in staff_pages:
            pg.context.close()
        ctx.close()
