"""Fill in from official records in a real browser (Playwright + Debian chromium): log in at the real test
provider, tick the consent, fetch from the fake population register, see the value with its source and
date, find the assessment prefilled, withdraw, and find the values gone. axe-core at 1280 and 360 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from auroranet.app import create_app
from auroranet.db.core import Database, make_engine, utcnow
from auroranet.db.migrate import upgrade
from auroranet.runtime import Runtime
from auroranet.web.page import local_date
from auroranet.usecases.demo import ensure_demo
from tests.idp import Idp, free_port, make_runtime, oidc_settings
from tests.official.conftest import PERSON_SCOPES, Fakes, official_settings
from tests.profile.test_browser import _login
from tests.web.test_browser import browser, check_axe, shots  # noqa: F401  (fixture)
from tests.served import serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def live(tmp_path: Path, idp: Idp, fakes: Fakes) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    db = Database(make_engine(f"sqlite:///{tmp_path / 'b.sqlite'}"))
    upgrade(db.engine)
    assert ensure_demo(db) is not None
    rt: Runtime = make_runtime(oidc_settings(tmp_path, idp, public_base_url=base, oidc_scopes=PERSON_SCOPES,
                                             **official_settings(fakes)), db)
    with serving(create_app(runtime=rt), port, started_within=20):
        yield base
    rt.close()


def test_fill_from_official_records_see_source_and_withdraw(browser: Any, live: str, fakes: Fakes) -> None:  # noqa: F811
    ctx = browser.new_context(base_url=live, viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    try:
        _login(page, "Maija Meikäläinen (maija, person)")
        page.get_by_role("link", name="Fill in from official records").click()
        page.wait_for_url("**/profile/official")
        box = page.get_by_label("I consent: the Population register", exact=False)
        assert not box.is_checked()  # nothing pre-ticked
        check_axe(page, "official-empty")
        page.get_by_role("button", name="Fetch the data: Population register").click()
        page.wait_for_url("**/profile/official/population/fill")  # not ticked: a message, nothing fetched
        assert "Nothing was fetched" in page.inner_text("main") and fakes.population.calls == 0
        page.get_by_label("I consent: the Population register", exact=False).check()
        page.get_by_role("button", name="Fetch the data: Population register").click()
        page.wait_for_url("**/profile/official?done=filled*")
        main = page.inner_text("main")
        assert f"Population register, fetched {local_date(utcnow())}" in main and "Helsinki" in main
        check_axe(page, "official-filled")
        shots(page, "official")
        page.set_viewport_size({"width": 360, "height": 800})
        check_axe(page, "official-filled-360")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto("/assessment/3x10d?lang=en")
        page.wait_for_url("**/assessment/3x10d/answers")
        assert page.input_value("#age").isdigit() and "Prefilled: Population register" in page.inner_text("main")
        page.goto("/profile/official?lang=en")
        page.get_by_role("button", name="Withdraw the consent and delete the data: Population register").click()
        page.wait_for_url("**/profile/official?done=withdrawn*")
        main = page.inner_text("main")
        assert "Consent withdrawn and the data deleted." in main and "Population register, fetched" not in main
        check_axe(page, "official-withdrawn")
        page.goto("/assessment/3x10d/answers?lang=en")
        assert page.input_value("#age") == ""
    finally:
        ctx.close()
