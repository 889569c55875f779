"""The chat panel in a real browser (Debian chromium via Playwright): talking with the keyboard only,
replies in the live region with services and their explanations, urgent help, axe-core without
violations in fi/sv/en, nothing wider than a 360 px screen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import _web_template, web_runtime  # noqa: F401 - fixtures
from tests.web.test_browser import base_url, browser, page, shots  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def axe_clean(page: Any, name: str) -> None:
    page.add_script_tag(url="/static/vendor/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["violations"] == [], f"{name}: {[(v['id'], v['impact']) for v in result['violations']]}"


@pytest.mark.parametrize("lang,text,found", [("fi", "tarvitsen asumistukea", "Löysin nämä palvelut"),
                                             ("sv", "jag behöver bostadsbidrag", "Jag hittade de här tjänsterna"),
                                             ("en", "I need housing allowance", "I found these services")])
def test_chat_panel(page: Any, lang: str, text: str, found: str) -> None:
    page.goto(f"/assistant?lang={lang}")
    axe_clean(page, f"assistant-{lang}")
    page.keyboard.press("Tab")  # skip link first, then the rest: the input is reachable by keyboard
    page.focus("#chat-text")
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    log = page.locator("#chat-log")
    log.get_by_text(found).wait_for()
    assert log.locator(".chat-services li").count() >= 1
    assert page.evaluate("document.activeElement.id") == "chat-text"
    page.locator("#chat-suggestions button").first.wait_for()
    axe_clean(page, f"assistant-{lang}-answered")
    shots(page, f"assistant-{lang}")


def test_urgent_help_in_the_panel(page: Any) -> None:
    page.goto("/assistant?lang=fi")
    page.fill("#chat-text", "mä haluun kuolla")
    page.keyboard.press("Enter")
    page.locator("#chat-log .urgent-list a[href='tel:112']").wait_for()
    axe_clean(page, "assistant-urgent")


def test_language_switch_marks_replies(page: Any) -> None:
    page.goto("/assistant?lang=fi")
    page.fill("#chat-text", "in english please")
    page.keyboard.press("Enter")
    page.locator("#chat-log .msg.bot[lang='en']").wait_for()
    axe_clean(page, "assistant-switch")
