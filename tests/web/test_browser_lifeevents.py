"""A life-event path and a closed-loop referral in a real browser (Debian chromium, Playwright): the
person opens a life-event page for Oulu, ticks a step, sends a contact request from a step's service
(nothing pre-ticked, "what goes to whom" shown first) and keeps the code; staff of the organisation sign
in through the real OpenID Connect test provider (tests/idp.py: its login and consent pages, in the
browser) and accept it in the back office; the person sees "accepted" by the code.
axe-core finds no serious violations on these pages in fi, sv and en."""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from auroranet.identity import service as identity
from auroranet.identity.oidc import forget_discovery
from auroranet.identity.subjects import pseudonymous_subject
from auroranet.referrals import service as ref_svc
from auroranet.referrals.messages import MESSAGES as REF
from tests.idp import Idp, idp  # noqa: F401
from tests.lifeevents.conftest import demo_runtime
from tests.web.test_browser import base_url, browser, check_axe, page, shots  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ORG = "kotipesa-demo"


@pytest.fixture(scope="module")
def web_runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One runtime for the module: the engine snapshot is built once, not per test."""
    rt = demo_runtime(tmp_path_factory.mktemp("browser-lifeevents"))
    yield rt
    rt.close()


def _oulu_housing(rt: Any) -> str:
    return next(s.id for s in rt.catalogue().services if s.names.get("fi") == "Opiskelija-asunnot Oulussa")


def _use_provider(rt: Any, idp: Idp, base_url: str) -> None:
    """Point the running app at the test provider (settings are read per request) and grant the
    provider's staff account "pekka.provider" (sub s-0002) the organisation's role in the roles table."""
    forget_discovery()
    rt.settings = rt.settings.model_copy(update={
        "oidc_issuer": idp.issuer, "oidc_client_id": idp.client_id, "oidc_client_secret": idp.client_secret,
        "oidc_scopes": "openid profile aurora_staff", "oidc_acr_values": "http://ftn.ficora.fi/2017/loa3",
        "public_base_url": base_url})
    with rt.writes, rt.db.session() as s:
        identity.grant(s, subject=pseudonymous_subject(rt.settings, idp.issuer, "s-0002"), role="provider_staff",
                       scope=f"organisation:{ORG}", label="Pekka")


def test_life_event_to_accepted_referral(page: Any, browser: Any, base_url: str, web_runtime: Any,
                                         idp: Idp) -> None:
    _use_provider(web_runtime, idp, base_url)
    service_id = _oulu_housing(web_runtime)
    ref_svc.set_receiver(web_runtime, service_id=service_id, organisation_id=ORG)
    page.goto("/?lang=fi")
    page.click("#start-le-moving_to_study")
    page.fill("#le-mun", "Oulu")
    page.get_by_role("button", name="Näytä palvelut").click()
    assert page.locator("text=Opiskelija-asunnot Oulussa").count() >= 1
    page.check("#done-notify_move")
    page.get_by_role("button", name="Tallenna merkinnät").click()
    assert page.is_checked("#done-notify_move")
    check_axe(page, "life-event-fi")
    shots(page, "life-event-fi")
    page.click(f"a[href='/referrals/new/{service_id}?from=moving_to_study']")
    assert page.locator("input[type=checkbox]:checked").count() == 0  # nothing pre-ticked
    check_axe(page, "referral-new-fi")
    page.fill("#ref-message", "Tarvitsen opiskelija-asunnon syksyksi")
    page.fill("#ref-email", "opiskelija@example.test")
    page.click("#ref-preview")
    assert "Mitä lähtee kenelle" in page.content() and "opiskelija@example.test" in page.content()
    check_axe(page, "referral-preview-fi")
    page.click("#ref-send")
    code = page.inner_text("#ref-code").strip()
    assert len(code) == 19

    staff_ctx = browser.new_context(base_url=base_url)
    staff = staff_ctx.new_page()
    staff.goto("/backoffice/referrals?lang=fi")  # not signed in: to /login, then to the provider's pages
    staff.wait_for_url(f"{idp.issuer}/**")
    staff.fill("#loginname", "pekka.provider")
    staff.get_by_role("button", name="Sign in").click()
    staff.get_by_role("button", name="Allow").click()
    staff.wait_for_url(f"{base_url}/backoffice/referrals**")
    check_axe(staff, "backoffice-list-fi")
    staff.click("a.bo-open")
    assert "Tarvitsen opiskelija-asunnon syksyksi" in staff.content()
    check_axe(staff, "backoffice-detail-fi")
    staff.fill("#bo-note", "Soitamme ensi viikolla.")
    staff.click("#bo-accept")
    assert staff.get_attribute("#bo-status", "data-status") == "accepted"
    staff_ctx.close()

    page.goto("/referrals/status")
    page.fill("#ref-code-input", code)
    page.click("#ref-lookup")
    assert page.get_attribute("#ref-found .status-tag", "data-status") == "accepted"
    assert REF["ref_status_accepted"]["fi"] in page.inner_text("#ref-found")
    assert "Soitamme ensi viikolla." in page.inner_text("#ref-found")
    check_axe(page, "referral-status-fi")
    shots(page, "referral-status-fi")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_life_event_pages_are_accessible(page: Any, web_runtime: Any, lang: str) -> None:
    ref_svc.set_receiver(web_runtime, service_id=_oulu_housing(web_runtime), organisation_id=ORG)
    for path in ("/referrals/status", "/life-events/moving_to_study?municipality=564"):
        page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
        assert page.get_attribute("html", "lang") == lang
        check_axe(page, f"{path}-{lang}")
    if lang == "en":
        shots(page, f"life-event-{lang}")
    page.click("a.referral-link")
    check_axe(page, f"referral-new-{lang}")
