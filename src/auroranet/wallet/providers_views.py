"""Provider onboarding under /backoffice/wallet/providers: a programme's admin (role admin covering
``organisation:<the programme's organisation>``) flags an organisation as a participating provider with a
price per service of their programmes (euros typed, kept as integer cents), its bank account (IBAN and
BIC checked by schwifty) and, optionally, the network API client that acts for it. Prices of services
outside the admin's programmes are kept; the payee details of a provider that also serves other
programmes are not the admin's to change. The use case is ``wallets.register_provider`` (audited).
The same admin deactivates a provider (with a reason) or reactivates it (``provider_status.set_active``,
audited), when all the provider's prices are for services of their programmes.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.errors import AuroraError
from auroranet.wallet import provider_status, wallets
from auroranet.wallet.backoffice import BASE, Rights, programme_admin
from auroranet.wallet.present import eur, service_names
from auroranet.web.page import Page

router = APIRouter(prefix=f"{BASE}/providers", include_in_schema=False)
EUROS = re.compile(r"^(\d{1,5})(?:[.,](\d{1,2}))?$")


def cents(raw: str) -> int | None:
    """'25', '25,5' or '25.50' -> 2550; None for anything else (no floats on the way)."""
    m = EUROS.match(raw.strip().replace("€", "").strip())
    if not m:
        return None
    return int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))


async def _show(page: Page, r: Rights, *, status: int = 200, **extra: Any) -> Response:
    rt = page.runtime
    services = await run_in_threadpool(wallets.services_of, rt, r.programmes)
    names = await service_names(page, sorted(services))
    rows = [p for p in await run_in_threadpool(wallets.providers, rt) if set(p.prices) & set(services)]
    return await page.render("wallet/providers.html", status=status, r=r, services=sorted(services), names=names,
                             providers=rows, eur=eur, values=extra.pop("values", {}), **extra)


@router.get("")
async def home(request: Request) -> Response:
    page, r = await Page.opened_by(request, programme_admin)
    return r if isinstance(r, Response) else await _show(page, r)


@router.post("")
async def register(request: Request) -> Response:
    page, r, form = await Page.posted_by(request, programme_admin)
    if not isinstance(r, Rights):
        return r
    rt = page.runtime
    scope = set(await run_in_threadpool(wallets.services_of, rt, r.programmes))
    prices: dict[str, int] = {}
    bad: list[str] = []
    for sid in sorted(scope):
        raw = form.get(f"price-{sid}", "").strip()
        if not raw:
            continue
        value = cents(raw)
        if value is None or not 0 < value <= wallets.MAX_PRICE:
            bad.append(sid)
        else:
            prices[sid] = value
    values = {k: v[:200] for k, v in form.items() if k != "csrf_token"}
    if bad:
        return await _show(page, r, status=400, error=page.t("wb_err_price"), bad=bad, values=values)
    client = form.get("client_id", "").strip()[:36]
    try:
        await run_in_threadpool(lambda: wallets.register_provider(
            rt, provider_id=form.get("provider_id", "").strip()[:64], name=form.get("name", "")[:200],
            iban=form.get("iban", "")[:50], bic=form.get("bic", "")[:20], prices=prices, actor=r.actor(),
            client_id=client, scope=scope))
    except AuroraError as exc:
        return await _show(page, r, status=min(exc.status_code, 499), error=f"{page.t('w_err_input')} {exc.message}",
                           values=values)
    return await _show(page, r, done=True)


@router.post("/status")
async def status(request: Request) -> Response:
    """Deactivate (``op=deactivate`` with a ``reason``) or reactivate (``op=activate``) a provider."""
    page, r, form = await Page.posted_by(request, programme_admin)
    if not isinstance(r, Rights):
        return r
    rt, op = page.runtime, form.get("op", "")
    if op not in ("deactivate", "activate"):
        return await _show(page, r, status=400, error=page.t("w_err_input"))
    scope = set(await run_in_threadpool(wallets.services_of, rt, r.programmes))
    try:
        await run_in_threadpool(lambda: provider_status.set_active(
            rt, form.get("provider_id", "").strip()[:64], op == "activate", actor=r.actor(),
            reason=form.get("reason", "")[:provider_status.MAX_REASON + 1], scope=scope))
    except AuroraError as exc:
        key = "wb_not_found" if exc.status_code == 404 else "w_err_input"
        return await _show(page, r, status=min(exc.status_code, 499), error=f"{page.t(key)} {exc.message}")
    return await _show(page, r, done=True)
