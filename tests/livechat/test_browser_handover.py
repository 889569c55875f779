"""Hand-over in a real browser (Debian chromium via Playwright), fi/sv/en: the person asks the panel for
a person, sees the transcript offered but not ticked, ticks it and joins the queue; a staff member signed
in to the back office takes the conversation and they chat live both ways (server-sent events) until the
staff member closes it. axe-core finds no violations of any impact on either side; 360 px wide pages.
Also: the panel's own labels follow the conversation's language."""

from __future__ import annotations

from typing import Any

import pytest

from auroranet.identity.principal import sign_in
from auroranet.runtime import Runtime
from auroranet.web import session as sess
from tests.livechat.conftest import add_desk, desk, staff_principal
from tests.web.conftest import _web_template, web_runtime  # noqa: F401 - fixtures
from tests.web.test_browser import base_url, browser, check_axe, page, shots  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEXTS = {
    "fi": ("tarvitsen asumistukea", "haluan puhua ihmisen kanssa", "Kyllä", "Olet jonossa", "Ota keskustelu", "Lähetä"),
    "sv": ("jag behöver bostadsbidrag", "jag vill prata med en människa", "Ja", "Du står i kö", "Ta samtalet", "Skicka"),
    "en": ("I need housing allowance", "I want to talk to a person", "Yes", "You are in the queue",
           "Take the conversation", "Send"),
}


def staff_page(browser: Any, base_url: str, rt: Runtime) -> Any:  # noqa: F811
    store = sess.Store(rt.db, rt.writes, rt.session_secret())
    session = sess.WebSession(secret=store.secret)
    sign_in(session, staff_principal("oulu"))
    sess.persist(session, store)
    assert session.sid is not None
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    ctx.add_cookies([{"name": sess.COOKIE, "value": sess.cookie_value(session.sid, store.secret), "url": base_url}])
    return ctx.new_page()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_person_and_staff_chat_live(page: Any, browser: Any, base_url: str, web_runtime: Runtime,  # noqa: F811
                                    lang: str) -> None:
    find, ask, yes, queued, take, send = TEXTS[lang]
    add_desk(web_runtime, desk())
    page.goto(f"/assistant?lang={lang}")
    for text in (find, ask):
        page.fill("#chat-text", text)
        page.keyboard.press("Enter")
        page.locator("#chat-suggestions button").first.wait_for()
    box = page.locator("#chat-suggestions input[type=checkbox][value=transcript]")
    box.wait_for()
    assert not box.is_checked()  # nothing pre-ticked
    check_axe(page, f"handover-offer-{lang}")
    box.check()
    page.get_by_role("button", name=yes, exact=True).click()
    page.locator("#chat-log").get_by_text(queued).wait_for()

    staff = staff_page(browser, base_url, web_runtime)
    staff.goto(f"/backoffice/livechat?lang={lang}")
    check_axe(staff, f"livechat-queue-{lang}")
    shots(staff, f"livechat-queue-{lang}")
    staff.locator("button.lc-take").first.click()
    staff.wait_for_url("**/backoffice/livechat/*")
    assert find in staff.locator("#lc-transcript").inner_text()  # the transcript the person ticked
    staff.fill("#lc-text", "Hei! / Hej! / Hello!")
    staff.keyboard.press("Enter")
    page.locator("#chat-log .msg.staff").get_by_text("Hei! / Hej! / Hello!").wait_for()
    page.fill("#chat-text", "kiitos, asun Oulussa")
    page.keyboard.press("Enter")
    staff.locator("#lc-log").get_by_text("kiitos, asun Oulussa").wait_for()
    # a reload while talking with a person: the same conversation and its live chat come back
    page.reload()
    page.locator("#chat-log .msg.staff").get_by_text("Hei! / Hej! / Hello!").wait_for()
    page.fill("#chat-text", "olen taas täällä")
    page.keyboard.press("Enter")
    staff.locator("#lc-log").get_by_text("olen taas täällä").wait_for()
    assert staff.evaluate("document.activeElement.id") == "lc-text"
    check_axe(staff, f"livechat-chat-{lang}")
    check_axe(page, f"handover-live-{lang}")
    shots(staff, f"livechat-chat-{lang}")
    shots(page, f"handover-live-{lang}")
    staff.click("#lc-close")
    staff.wait_for_url("**/backoffice/livechat")
    page.locator("#chat-log .msg.sys").last.wait_for()
    staff.context.close()


def test_desk_page_is_accessible(browser: Any, base_url: str, web_runtime: Runtime) -> None:  # noqa: F811
    staff = staff_page(browser, base_url, web_runtime)
    for lang in ("fi", "sv", "en"):
        staff.goto(f"/backoffice/livechat/desks?lang={lang}")
        check_axe(staff, f"livechat-desks-{lang}")
    shots(staff, "livechat-desks")
    staff.context.close()


def test_panel_labels_follow_the_conversation_language(page: Any) -> None:  # noqa: F811
    page.goto("/assistant?lang=fi")
    assert page.inner_text("label[for=chat-text]") == "Viestisi"
    page.fill("#chat-text", "in english please")
    page.keyboard.press("Enter")
    page.locator("#chat-log .msg.bot[lang='en']").wait_for()
    assert page.inner_text("label[for=chat-text]") == "Your message"
    assert page.inner_text("#chat-form button[type=submit]") == "Send"
    assert page.get_attribute(".chat-panel", "lang") == "en"
    page.fill("#chat-text", "på svenska tack")
    page.keyboard.press("Enter")
    page.locator("#chat-log .msg.bot[lang='sv']").wait_for()
    assert page.inner_text("#assistant-h") == "Chatta med assistenten"
    page.fill("#chat-text", "hej")
    page.keyboard.press("Enter")
    page.locator("#chat-log .msg.you .who").nth(2).wait_for()
    assert page.locator("#chat-log .msg.you .who").last.inner_text() == "Du:"  # written after the switch
    check_axe(page, "assistant-labels-sv")
