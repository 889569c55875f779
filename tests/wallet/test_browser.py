"""The wallet in a real browser (Debian chromium via Playwright, the app on loopback): a claim code turns
into a wallet, the person orders with contact details ticked, the provider's staff confirm and deliver,
the programme admin settles the month and the batch is shown with its pain.001 link. axe-core on every
page; screenshots at desktop and 360 px in test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest

from auroranet.db.core import utcnow
from auroranet.identity.principal import Principal, Role, sign_in
from auroranet.runtime import Runtime
from auroranet.wallet import orders, wallets
from auroranet.wallet.demo import DEMO_PRICES, DEMO_PROVIDER, seed_demo
from auroranet.wallet.messages import MESSAGES
from auroranet.web import session as sess
from tests.web.conftest import _web_template, web_runtime  # noqa: F401  (fixtures)
from tests.web.test_browser import base_url, browser, check_axe, page, shots  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _sign_in(pg: Any, rt: Runtime, base: str, principal: Principal) -> None:
    store = sess.Store(rt.db, rt.writes, rt.session_secret())
    session = sess.WebSession(secret=store.secret)
    sign_in(session, principal)
    sess.persist(session, store)
    assert session.sid is not None
    pg.context.clear_cookies()
    pg.context.add_cookies([{"name": sess.COOKIE, "value": sess.cookie_value(session.sid, store.secret), "url": base}])


def test_claim_order_confirm_deliver_settle(page: Any, web_runtime: Runtime, base_url: str) -> None:  # noqa: F811
    rt = web_runtime
    seed_demo(rt)
    _, codes = wallets.issue_codes(rt, "nuoret-omaishoitajat", 1, actor="test")
    page.goto("/wallet?lang=sv")
    assert page.get_attribute("html", "lang") == "sv"
    check_axe(page, "wallet-start")
    shots(page, "wallet-start")
    page.fill("#code", codes[0].lower())
    page.fill("#age", "15")
    page.click("#claim-submit")
    assert page.locator("#wallet-code").inner_text().count("-") == 4
    assert page.locator("#balance").inner_text() == "150,00 €"
    assert not page.is_checked("#contact-ok-1")
    check_axe(page, "wallet")
    shots(page, "wallet")
    page.check("#contact-ok-1")
    page.fill("#contact-1", "050 765 4321")
    page.click("#order-1")
    order = page.locator("#ordered-code").inner_text()
    assert page.locator("#balance").inner_text() == "125,00 €"
    assert page.locator("#reserved").inner_text() == "25,00 €"

    _sign_in(page, rt, base_url, Principal("prov-1", "staff", "P", (Role("provider_staff", f"organisation:{DEMO_PROVIDER}"),)))
    page.goto("/backoffice/wallet?lang=fi")
    card = page.locator(f'[data-order="{order}"]')
    assert card.locator(".contact").inner_text() == "050 765 4321"
    check_axe(page, "backoffice-provider")
    shots(page, "backoffice-provider")
    card.get_by_role("button", name=f"{MESSAGES['wb_confirm']['fi']} {order}").click()
    card = page.locator(f'[data-order="{order}"]')
    assert card.locator(".status").inner_text() == MESSAGES["w_st_confirmed"]["fi"]
    card.get_by_role("button", name=f"{MESSAGES['wb_deliver']['fi']} {order}").click()
    assert page.locator(f'[data-order="{order}"] .status').inner_text() == MESSAGES["w_st_delivered"]["fi"]

    _sign_in(page, rt, base_url, Principal("adm-1", "staff", "A", (Role("admin", "organisation:demo-hyvinvointialue"),)))
    page.goto("/backoffice/wallet?lang=en")
    page.fill("#month", utcnow().strftime("%Y-%m"))
    page.click("#settle-submit")
    assert page.locator("#batch-total").inner_text() == "25,00 €"
    check_axe(page, "backoffice-admin")
    shots(page, "backoffice-admin")
    with page.expect_download() as dl:
        page.click("#download-xml")
    xml = open(dl.value.path(), encoding="utf-8").read()
    assert "FI3540500000123456" in xml and "<CtrlSum>25.00</CtrlSum>" in xml


def test_incident_and_provider_pages(page: Any, web_runtime: Runtime, base_url: str) -> None:  # noqa: F811
    """The admin blocks a wallet by its order code, opens and upholds a dispute, and onboards a provider
    (an invalid price first): axe-core on each state, 1280 and 360 px."""
    rt = web_runtime
    seed_demo(rt)
    _, codes = wallets.issue_codes(rt, "nuoret-omaishoitajat", 1, actor="test")
    wid = int(wallets.claim(rt, codes[0], age=None, municipality=None, key="br-claim")["wallet_id"])
    order = str(orders.place(rt, wid, provider_id=DEMO_PROVIDER, service_id=list(DEMO_PRICES)[0], contact=None,
                             key="br-order")["order"])
    for op in ("confirm", "deliver"):
        orders.provider_action(rt, DEMO_PROVIDER, order, op, actor="staff:p", key=f"br-{op}")
    _sign_in(page, rt, base_url, Principal("adm-2", "staff", "A", (Role("admin", "organisation:demo-hyvinvointialue"),)))
    page.goto("/backoffice/wallet?lang=sv")
    page.click("#incidents-link")
    assert page.get_attribute("html", "lang") == "sv"
    check_axe(page, "wallet-incidents")
    shots(page, "wallet-incidents")
    page.select_option("#block-kind", "wallet")
    page.fill("#block-target", order)
    page.click("#block-submit")
    assert page.locator("#incident-done").is_visible()
    assert wallets.summary(rt, wid).status == "blocked"  # type: ignore[union-attr]
    page.fill("#order-target", order)
    page.get_by_role("button", name=MESSAGES["wb_dispute"]["sv"]).click()
    card = page.locator(f'[data-order="{order}"]')
    check_axe(page, "wallet-incidents-dispute")
    card.get_by_role("button", name=f"{MESSAGES['wb_dispute_upheld']['sv']} {order}").click()
    assert page.locator(f'[data-order="{order}"]').count() == 0
    page.goto("/backoffice/wallet/providers?lang=en")
    check_axe(page, "wallet-providers")
    shots(page, "wallet-providers")
    page.fill("#provider_id", "nuorisoseura")
    page.fill("#pname", "Nuorisoseura ry")
    page.fill("#iban", "FI21 1234 5600 0007 85")
    page.fill("#bic", "NDEAFIHH")
    page.fill("#price-1", "-3")
    page.click("#provider-submit")
    assert page.locator("#provider-error").is_visible() and page.get_attribute("#price-1", "aria-invalid") == "true"
    check_axe(page, "wallet-providers-error")
    page.fill("#price-1", "19,90")
    page.click("#provider-submit")
    assert page.locator("#provider-done").is_visible()
    assert page.locator('[data-provider="nuorisoseura"]').inner_text().count("19,90 €") == 1
