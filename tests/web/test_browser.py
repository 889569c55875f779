"""The web app in a real browser: Debian chromium driven by Playwright, the app on loopback in a thread.

Full flow in fi/sv/en (assessment → results → feedback → hand-over with every item but one ticked → the
receiving service reads exactly the ticked items), the consent page's counting share button, keyboard-only flow, search with and without results, axe-core
(served locally) on every page type, and screenshots at desktop and 360 px width in test-artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from auroranet.app import create_app
from auroranet.web.messages import MESSAGES
from tests.web.conftest import NOTHING_TEXT, PLAN_3X10D, read_transferred, register_receiver
from tests.served import serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _need_browser() -> None:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        msg = f"Debian chromium not found at {CHROMIUM} (make install installs it)"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def base_url(web_runtime: Any) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    web_runtime.settings = web_runtime.settings.model_copy(update={"web_warm_on_start": True})
    # the server reports started after the warm-up (cold imports on a busy CI)
    with serving(create_app(runtime=web_runtime), port, started_within=180):
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1100, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    ctx.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def check_axe(page: Any, name: str) -> None:
    """Run axe-core (served by the app itself) and fail on a violation of any impact."""
    page.add_script_tag(url="/static/vendor/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert not bad, f"{name}: {bad}"


def answer(page: Any, lang: str, plan: dict[str, int], *, age: str = "", municipality: str = "",
           check: Any = None) -> None:
    """Start the 3X10D questionnaire and answer it on its one page, then check and show the results.
    ``check(page)`` runs on the form and on the check-your-answers page."""
    page.goto(f"/?lang={lang}")
    page.click("#start-3x10d")
    page.wait_for_url("**/assessment/3x10d/answers")
    for key, value in plan.items():
        page.check(f"#a-{key}-{value}", force=True)
    if age:
        page.fill("#age", age)
    if municipality:
        page.fill("#municipality", municipality)
        page.locator("#municipality").blur()  # close the datalist suggestions (they swallow a click)
    if check:
        check(page, "assessment")
    page.click("#to-check")
    page.wait_for_url("**/assessment/3x10d/check")
    if check:
        check(page, "check")
    page.click("#show-results")
    page.wait_for_url("**/results")


def shots(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 780})
    page.screenshot(path=str(ARTIFACTS / f"web-{name}-360.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name}: page is {width}px wide at a 360px viewport"
    page.set_viewport_size(size)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_full_flow(page: Any, web_runtime: Any, lang: str) -> None:
    service_id, channel_id = register_receiver(web_runtime)
    page.goto(f"/?lang={lang}")
    assert page.get_attribute("html", "lang") == lang
    check_axe(page, f"start-{lang}")
    shots(page, f"start-{lang}")

    def on_form(pg: Any, step: str) -> None:
        check_axe(pg, f"{step}-{lang}")
        shots(pg, f"{step}-{lang}")

    started = time.perf_counter()
    answer(page, lang, PLAN_3X10D, age="17", municipality="Tampere" if lang != "sv" else "Tammerfors", check=on_form)
    from urllib.parse import urlsplit

    assert urlsplit(page.url).path == "/results" and not urlsplit(page.url).query
    assert page.locator(".chart-row").count() == 10
    assert page.locator("article.service").count() >= 1
    check_axe(page, f"results-{lang}")
    shots(page, f"results-{lang}")
    assert time.perf_counter() - started < 60
    # feedback (htmx swaps the form for a thank-you), inside the card's details
    page.locator("article.service details.more summary").first.click()
    # feedback (htmx swaps the form for a thank-you)
    page.locator("article.service").first.get_by_role("button", name=MESSAGES["thumbs_up"][lang]).click()
    page.locator(".thanks").first.wait_for()
    assert page.locator(".thanks").first.inner_text() == MESSAGES["feedback_thanks"][lang]
    # hand-over: untick age, share the rest
    page.locator(f'a[href="/handover/{service_id}/{channel_id}"]').first.click()
    page.wait_for_url(f"**/handover/{service_id}/{channel_id}")
    check_axe(page, f"consent-{lang}")
    shots(page, f"consent-{lang}")
    boxes = page.locator('input[name="share"]')
    assert boxes.count() == 12 and not any(boxes.nth(i).is_checked() for i in range(12))  # nothing pre-ticked
    for i in range(12):
        if boxes.nth(i).get_attribute("id") != "share-age":
            boxes.nth(i).check()
    # No network in tests: the browser's request to the receiving service is observed, then fails offline.
    landed: list[str] = []
    page.on("request", lambda r: landed.append(r.url)
            if "auroraai_access_token=" in r.url and not r.url.startswith("http://127.0.0.1") else None)
    page.get_by_role("button", name=MESSAGES["consent_share"][lang].format(n=11)).click()
    for _ in range(50):
        if landed:
            break
        page.wait_for_timeout(100)
    assert landed, f"the browser never reached the receiving service: {page.url}"
    token = re.search(r"auroraai_access_token=([0-9a-f]{64})", landed[-1]).group(1)
    got = read_transferred(web_runtime, token)
    assert got is not None and "age" not in got
    assert got["municipality_code"] == "837"
    assert got["life_situation_meters"]["housing"] == [2]


def test_consent_nothing_ticked_and_the_button_counts(page: Any, web_runtime: Any) -> None:
    """Nothing ticked, the share button disabled at zero; ticking enables it and counts; no axe violations."""
    service_id, channel_id = register_receiver(web_runtime)
    answer(page, "en", PLAN_3X10D, age="17")
    page.goto(f"/handover/{service_id}/{channel_id}")
    share = page.locator("#consent-share")
    boxes = page.locator('input[name="share"]')
    assert boxes.count() == 11 and page.locator('input[name="share"]:checked').count() == 0
    assert share.is_disabled() and share.inner_text() == MESSAGES["consent_share"]["en"].format(n=0)
    page.add_script_tag(url="/static/vendor/axe.min.js")
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                               ".map(v => [v.id, v.impact])")
    assert violations == []
    page.check("#share-age")
    assert share.is_enabled() and share.inner_text() == MESSAGES["consent_share"]["en"].format(n=1)
    page.check("#share-meter-housing")
    assert share.inner_text() == MESSAGES["consent_share"]["en"].format(n=2)
    page.uncheck("#share-age")
    page.uncheck("#share-meter-housing")
    assert share.is_disabled()
    assert page.get_by_role("button", name=MESSAGES["consent_decline"]["en"]).is_enabled()  # declining still works


def test_keyboard_only(page: Any) -> None:
    """Tab, Space and Enter only: start, answer every question, see results."""
    page.goto("/?lang=en")

    def tab_to(predicate: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(() => {{ const e = document.activeElement; return !!({predicate}); }})()"):
                return
        raise AssertionError(f"could not reach {predicate} with Tab")

    tab_to("e.classList.contains('skip-link')", 3)
    tab_to("e.id === 'start-3x10d'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/assessment/3x10d/answers")
    for key in PLAN_3X10D:
        tab_to(f"e.name === 'a-{key}'")
        page.keyboard.press("ArrowRight")  # a radio group: Tab enters, arrows choose
        assert page.evaluate("document.activeElement.checked")
    tab_to("e.id === 'to-check'", 200)
    page.keyboard.press("Enter")
    page.wait_for_url("**/assessment/3x10d/check")
    tab_to("e.id === 'show-results'", 100)
    page.keyboard.press("Enter")
    page.wait_for_url("**/results")
    assert page.locator("article.service").count() >= 1
    # focus is visible on a focused control
    tab_to("e.tagName === 'A'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_search_and_service_page(page: Any, web_runtime: Any, engine_finds_nothing: None) -> None:
    from auroranet.catalogue.service import list_services

    with web_runtime.db.session() as s:
        svc = list_services(s)[0]
    page.goto("/search?lang=en")
    check_axe(page, "search-form")
    page.fill("#q", svc.names["en"])
    page.get_by_role("button", name=MESSAGES["search_button"]["en"]).first.click()
    page.locator("article.service").first.wait_for()
    assert "search" in page.url and svc.names["en"] not in page.url
    check_axe(page, "search-results")
    shots(page, "search-results")
    page.fill("#q", NOTHING_TEXT)
    page.get_by_role("button", name=MESSAGES["search_button"]["en"]).first.click()
    page.get_by_text(MESSAGES["no_results"]["en"]).wait_for()
    assert page.get_by_text(MESSAGES["broaden_words"]["en"]).is_visible()
    check_axe(page, "search-empty")
    shots(page, "search-empty")
    page.goto(f"/service/{svc.id}?lang=sv")
    assert page.locator("h1").inner_text() == svc.names["sv"]
    check_axe(page, "service")
    shots(page, "service")
    page.goto("/privacy")
    check_axe(page, "privacy")
