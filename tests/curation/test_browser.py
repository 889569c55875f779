"""The curation and quality pages in a real browser: a provider adds a curation with the keyboard-usable
form, ends it, and axe-core finds no violations in fi/sv/en at 360 px and 1280 px."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from auroranet.db.core import utcnow
from auroranet.identity.principal import Principal, Role
from auroranet.runtime import Runtime
from tests.curation.conftest import HOBBIES_ORG, HOBBIES_TAMPERE
from tests.insights.test_browser import _sign_in_browser
from tests.web.conftest import _web_template, web_runtime  # noqa: F401
from tests.web.test_browser import base_url, browser, check_axe, page, shots  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_curation_and_quality_pages(page: Any, web_runtime: Runtime, base_url: str) -> None:  # noqa: F811
    web_runtime.snapshot()
    page.set_default_timeout(90_000)
    _sign_in_browser(page, web_runtime, base_url, Principal(
        subject="provider-1", kind="staff", roles=(Role("provider_staff", f"organisation:{HOBBIES_ORG}"),)))
    page.goto("/backoffice/curation?lang=en")
    page.select_option("#cur-service", HOBBIES_TAMPERE)
    page.select_option("#cur-target", "need:housing")
    page.select_option("#cur-area", "municipality:837")
    page.fill("#cur-reason", "A new service people do not find yet")
    page.fill("#cur-expires", (utcnow().date() + timedelta(days=20)).isoformat())
    page.click("#cur-save")
    assert page.locator("#cur-notice").inner_text() == "Saved."
    assert page.locator("#cur-table tbody tr").count() == 1
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for lang in ("fi", "sv", "en"):
            page.goto(f"/backoffice/curation?lang={lang}")
            assert page.get_attribute("html", "lang") == lang
            check_axe(page, f"curation-{lang}-{width}")
            page.goto(f"/backoffice/quality?lang={lang}")
            check_axe(page, f"quality-{lang}-{width}")
    shots(page, "quality-en")
    page.goto("/backoffice/curation?lang=en")
    shots(page, "curation-en")
    page.locator("#cur-table button").first.click()
    assert page.locator("#cur-notice").inner_text() == "Ended."
