"""Issue 11 in a real browser (Debian chromium via Playwright): results first on a phone (the first
service above the fold at 360×740), one-line 0–10 scales with 3:1 option borders, focus on the error
summary, the GET search (Back returns to the results, language switch keeps the query, a way back from
the service page, counts in a live region), the quick exit (tap and Shift ×3, nothing left in Back),
the HTML 404 page; axe-core with no violations of any impact, fi/sv/en at 360 px and 1280 px.
Screenshots of the results page go to test-artifacts/ (and are the README's docs/screenshots)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from auroranet.web.messages import MESSAGES
from tests.web.conftest import PLAN_3X10D
from tests.web.test_browser import ARTIFACTS, answer, base_url, browser, check_axe, page  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
NEUTRAL = "https://yle.fi/saa"


def _contrast(page: Any, selector: str) -> float:
    """WCAG contrast of an element's border colour against white."""
    return float(page.evaluate("""sel => {
      const c = getComputedStyle(document.querySelector(sel)).borderTopColor.match(/[0-9.]+/g).map(Number);
      const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
      const L = 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
      return 1.05 / (L + 0.05);
    }""", selector))


def test_results_first_on_a_phone_in_every_language(page: Any) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/assessment/3x10d?lang=en")
    # every 0–10 scale on one line between its end labels; unselected borders reach 3:1
    tops = page.evaluate("""() => [...document.querySelectorAll('.options.numbers')].map(
        g => new Set([...g.querySelectorAll('label')].map(l => Math.round(l.getBoundingClientRect().top))).size)""")
    assert tops == [1] * 10, tops
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert _contrast(page, ".options .option label") >= 3.0
    # nothing answered: the error summary gets focus
    page.click("#to-check")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    check_axe(page, "assessment-error-en")
    started = time.perf_counter()
    answer(page, "en", PLAN_3X10D, age="17", municipality="Tampere")
    took = time.perf_counter() - started
    print(f"answers to results: {took:.1f} s")
    for lang in ("fi", "sv", "en"):
        for name, size in (("360", PHONE), ("1280", DESKTOP)):
            page.set_viewport_size(size)
            t0 = time.perf_counter()
            page.goto(f"/results?lang={lang}")
            print(f"results {lang} {name}: {time.perf_counter() - t0:.2f} s")
            first = page.locator("article.service").first.bounding_box()
            assert first["y"] + 60 < size["height"], f"{lang} {name}: first service at {first['y']}px"
            assert page.locator("article.service details.more[open]").count() == 0  # details on demand
            if lang == "en":
                page.screenshot(path=str(ARTIFACTS / f"web-ux-results-{name}.png"), full_page=False)
            if name == "360":
                page.locator(".profile-details summary").click()
                size_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.chart-label')).fontSize)")
                assert size_px >= 14
                page.locator("article.service details.more summary").first.click()
            check_axe(page, f"results-{lang}-{name}")  # with the profile and a card open on the phone
            if lang == "en":
                page.screenshot(path=str(ARTIFACTS / f"web-ux-results-{name}-open.png"), full_page=True)


def test_search_back_language_and_service_page(page: Any) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/search?lang=fi")
    page.fill("#q", "asuminen")
    page.locator("form.search-form button[type=submit]").first.click()
    page.wait_for_selector("article.service")
    url = page.url
    assert "q=asuminen" in url
    assert page.locator("#results-h").get_attribute("role") is None
    assert page.locator(".result-count[role=status]").inner_text().endswith(MESSAGES["results_count"]["fi"].split("}")[1])
    check_axe(page, "search-fi-360")
    page.locator("article.service h3 a").first.click()
    page.wait_for_url("**/service/**")
    assert page.locator("#back-to-search").is_visible()
    check_axe(page, "service-from-search-fi-360")
    page.go_back()
    page.wait_for_selector("article.service")
    assert page.url == url  # Back returns to the results, no "Confirm Form Resubmission"
    for lang in ("sv", "en"):
        page.locator(f'.langs a[lang="{lang}"]').click()
        page.wait_for_selector("article.service")
        assert page.input_value("#q") == "asuminen" and f"lang={lang}" in page.url
        page.set_viewport_size(DESKTOP)
        check_axe(page, f"search-{lang}-1280")
    page.locator("details.filters summary").click()
    assert page.locator("#area").is_visible()


def test_quick_exit_and_the_404_page(page: Any) -> None:
    page.route(NEUTRAL + "**", lambda route: route.fulfill(status=200, content_type="text/html",
                                                           body="<html lang='fi'><title>Sää</title>neutral</html>"))
    page.goto("/?lang=en")
    page.goto("/privacy?lang=en")
    page.locator("a.exit-page").click()
    page.wait_for_url(NEUTRAL + "**")
    page.go_back()
    page.wait_for_load_state()
    assert page.url.endswith("/?lang=en")  # the exited page is not in Back: it was replaced
    page.goto("/search?lang=sv")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL + "**")
    for lang, size in (("sv", PHONE), ("fi", DESKTOP)):
        page.set_viewport_size(size)
        r = page.goto(f"/no-such-page?lang={lang}")
        assert r.status == 404 and page.get_attribute("html", "lang") == lang
        assert page.locator("h1").inner_text() == MESSAGES["not_found_title"][lang]
        check_axe(page, f"404-{lang}")
    page.goto("/privacy?lang=fi")
    check_axe(page, "privacy-fi")
    page.goto("/assessment/3x10d?lang=sv")
    page.set_viewport_size(PHONE)
    check_axe(page, "assessment-sv-360")
