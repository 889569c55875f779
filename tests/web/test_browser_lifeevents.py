"""A life-event path and a closed-loop referral in a real browser (Debian chromium, Playwright): the
person opens a life-event page for Oulu, ticks a step, sends a contact request from a step's service
(nothing pre-ticked, "what goes to whom" shown first) and keeps the code; staff of the organisation
(signed in with tests/signin.py) accept it in the back office; the person sees "accepted" by the code.
axe-core finds no serious violations on these pages in fi, sv and en."""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from auroranet.identity.principal import Principal, Role
from auroranet.referrals import service as ref_svc
from auroranet.referrals.messages import MESSAGES as REF
from auroranet.web import session as sess
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


def _staff_cookie(rt: Any) -> str:
    store = sess.Store(rt.db, rt.writes, rt.session_secret())
    s = sess.WebSession(secret=store.secret)
    from auroranet.identity.principal import sign_in

    sign_in(s, Principal("staff-1", "staff", roles=(Role("provider_staff", f"organisation:{ORG}"),)))
    sess.persist(s, store)
    assert s.sid is not None
    return sess.cookie_value(s.sid, store.secret)


def test_life_event_to_accepted_referral(page: Any, browser: Any, base_url: str, web_runtime: Any) -> None:
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
    staff_ctx.add_cookies([{"name": sess.COOKIE, "value": _staff_cookie(web_runtime), "url": base_url}])
    staff = staff_ctx.new_page()
    staff.goto("/backoffice/referrals?lang=fi")
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
