"""Urgent help in a real browser (Debian chromium via Playwright): the block is the first thing under the
heading of the results and search pages, the help page and the footer pass axe-core (no serious or
critical violations), and nothing overflows a 360 px screen."""

from __future__ import annotations

from typing import Any

import pytest

from auroranet.web.messages import MESSAGES
from tests.web.test_browser import answer, base_url, browser, check_axe, page, shots  # noqa: F401 - fixtures
from tests.web.test_urgent import LOW_PLAN

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _above(page: Any, first: str, then: str) -> bool:
    return bool(page.locator(first).first.bounding_box()["y"] < page.locator(then).first.bounding_box()["y"])


def test_results_with_urgent_help(page: Any) -> None:
    answer(page, "en", LOW_PLAN)
    region = page.get_by_role("region", name=MESSAGES["urgent_title"]["en"])
    assert region.is_visible()
    assert region.get_by_role("link", name="Call 112").get_attribute("href") == "tel:112"
    assert _above(page, "#urgent-help", "#profile-h") and _above(page, "#urgent-help", "article.service")
    check_axe(page, "results-urgent-en")
    shots(page, "results-urgent-en")


def test_search_with_urgent_help_and_help_page(page: Any) -> None:
    page.goto("/search?lang=fi")
    page.fill("#q", "mä haluun kuolla")
    page.get_by_role("button", name=MESSAGES["search_button"]["fi"]).first.click()
    page.locator("#urgent-help").wait_for()
    assert _above(page, "#urgent-help", "form.search-form")
    check_axe(page, "search-urgent-fi")
    shots(page, "search-urgent-fi")
    page.get_by_role("link", name=MESSAGES["help_all"]["fi"]).first.click()
    page.wait_for_url("**/help")
    assert page.locator("h1").inner_text() == MESSAGES["urgent_title"]["fi"]
    page.goto("/help?lang=sv")
    check_axe(page, "help-sv")
    shots(page, "help-sv")
