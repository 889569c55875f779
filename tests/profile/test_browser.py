"""My AuroraAI in a real browser (Playwright + Debian chromium) against the real test provider: log in,
save an assessment, see the history chart and table, export, erase, log in again and find nothing.
axe-core on the profile pages; screenshots in test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from auroranet.app import create_app
from auroranet.db.core import Database, make_engine
from auroranet.db.migrate import upgrade
from auroranet.runtime import Runtime
from auroranet.usecases.demo import ensure_demo
from tests.idp import Idp, free_port, make_runtime, oidc_settings
from tests.web.conftest import PLAN_3X10D
from tests.web.test_browser import browser, check_axe, shots  # noqa: F401  (fixture)
from tests.served import serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def live(tmp_path: Path, idp: Idp) -> Iterator[tuple[str, Runtime]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    db = Database(make_engine(f"sqlite:///{tmp_path / 'b.sqlite'}"))
    upgrade(db.engine)
    assert ensure_demo(db) is not None
    rt = make_runtime(oidc_settings(tmp_path, idp, public_base_url=base), db)
    with serving(create_app(runtime=rt), port, started_within=20):
        yield base, rt
    rt.close()


def _login(page: Any, account_label: str) -> None:
    page.goto("/profile?lang=en")
    page.get_by_role("link", name="Sign in", exact=True).last.click()
    page.get_by_label(account_label).check()
    page.get_by_role("button", name="Sign in").click()
    if page.get_by_role("button", name="Allow").count():
        page.get_by_role("button", name="Allow").click(no_wait_after=True)
    page.wait_for_url("**/profile", wait_until="domcontentloaded")


def _assessment(page: Any) -> None:
    from tests.web.test_browser import answer

    answer(page, "en", PLAN_3X10D)  # all questions on one page, check your answers, results


def test_log_in_save_history_export_erase_and_find_nothing(browser: Any, live: tuple[str, Runtime]) -> None:  # noqa: F811
    base, _ = live
    ctx = browser.new_context(base_url=base, viewport={"width": 1100, "height": 900}, accept_downloads=True)
    ctx.set_default_timeout(60_000)  # the shared CI machine parses the 1 MB chart library slowly
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        _login(page, "Maija Meikäläinen (maija, person)")
        assert "Maija" in page.inner_text("main")
        _assessment(page)
        page.get_by_role("button", name="Save to my profile").click()
        page.wait_for_url("**/profile?saved=1")
        page.locator("#history-chart svg path").first.wait_for(state="attached")  # ECharts drew the history (SVG renderer)
        assert page.locator("details.table-alt table tbody tr").count() >= 5
        check_axe(page, "profile")
        shots(page, "profile")
        page.get_by_role("link", name="Download all my data").click()
        page.wait_for_url("**/profile/export")
        check_axe(page, "profile-export")
        with page.expect_download() as dl:
            page.get_by_role("link", name="Download as a JSON file").click()
        import json

        data = json.loads(Path(dl.value.path()).read_text())
        assert len(data["assessments"]) == 1 and data["assessments"][0]["meters"]["housing"] < 5
        page.goto("/profile/erase?lang=en")
        check_axe(page, "profile-erase")
        page.get_by_label("I understand that this cannot be undone").check()
        page.get_by_role("button", name="Delete the account permanently").click()
        page.wait_for_url("**/privacy?erased=1*")
        ctx.clear_cookies()  # a fresh login at the provider too
        _login(page, "Maija Meikäläinen (maija, person)")
        assert "You have not saved any assessments yet." in page.inner_text("main")
    finally:
        ctx.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors
