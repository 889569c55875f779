"""/docs in a real browser (issue 9, item 12): Swagger UI from /static/vendor renders the API under the
page's CSP, with no CSP violation and no request to another host."""

from __future__ import annotations

from typing import Any

import pytest

from auroranet.api import docs
from tests.web.test_browser import base_url, browser  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_docs_render_locally_under_csp(browser: Any, base_url: str) -> None:  # noqa: F811
    if not docs.vendored():
        pytest.skip("Swagger UI files not in static/vendor (make install copies them)")
    ctx = browser.new_context(base_url=base_url)
    page = ctx.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: problems.append(f"off-site: {r.url}") if not r.url.startswith(base_url)
            and not r.url.startswith("data:") else None)
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    page.goto("/docs")
    op = page.locator(".opblock-summary-path", has_text="/service-recommender/v1/recommend_service").first
    op.wait_for(timeout=20_000)
    op.click()  # expand one operation: more of Swagger UI renders (schemas, examples)
    page.wait_for_selector(".opblock-body", timeout=10_000)
    assert page.locator(".opblock").count() > 10
    ctx.close()
    assert not problems, problems
