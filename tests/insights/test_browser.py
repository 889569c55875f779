"""The situational picture in a real browser: ECharts draws under the app's CSP, axe-core finds no serious
violations in fi/sv/en, the charts have tables beside them; screenshots in test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest

from auroranet.identity.principal import Principal, Role, sign_in
from auroranet.insights.demo import seed_demo
from auroranet.runtime import Runtime
from auroranet.web import session as sess
from tests.web.conftest import _web_template, web_runtime  # noqa: F401
from tests.web.test_browser import base_url, browser, check_axe, page, shots  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _sign_in_browser(pg: Any, rt: Runtime, base: str, principal: Principal) -> None:
    store = sess.Store(rt.db, rt.writes, rt.session_secret())
    session = sess.WebSession(secret=store.secret)
    sign_in(session, principal)
    sess.persist(session, store)
    assert session.sid is not None
    pg.context.add_cookies([{"name": sess.COOKIE, "value": sess.cookie_value(session.sid, store.secret), "url": base}])


def test_dashboard_in_three_languages(page: Any, web_runtime: Runtime, base_url: str) -> None:  # noqa: F811
    seed_demo(web_runtime.db, web_runtime.writes, life_events=web_runtime.life_events, people=800)
    web_runtime.snapshot()  # build the catalogue snapshot before the browser waits for it
    page.set_default_timeout(90_000)
    _sign_in_browser(page, web_runtime, base_url,
                     Principal(subject="analyst-1", kind="staff", roles=(Role("analyst", "county:08"),)))
    for lang in ("fi", "sv", "en"):
        page.goto(f"/insights/?area=municipality:837&lang={lang}")
        assert page.get_attribute("html", "lang") == lang
        page.locator(".ins-chart svg").first.wait_for(timeout=15000)
        assert page.locator(".ins-chart svg").count() == 2  # both charts drawn (SVG renderer)
        assert page.locator("table").count() >= 4  # every chart has its table
        check_axe(page, f"insights-{lang}")
        shots(page, f"insights-{lang}")
    page.goto("/backoffice/insights?area=county:08&lang=en")
    check_axe(page, "backoffice-insights")
    for lang in ("fi", "sv", "en"):
        page.goto(f"/transparency?lang={lang}")
        check_axe(page, f"transparency-{lang}")
    shots(page, "transparency-en")
