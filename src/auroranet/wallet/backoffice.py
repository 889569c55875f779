"""The back office under /backoffice/wallet. Provider staff (role provider_staff, scope
``organisation:<provider id>``) see their pseudonymous orders and confirm, reject or deliver them.
Programme admins (role admin covering ``organisation:<the programme's organisation>``) issue claim
codes, see the k-anonymous reports and, when they cover every programme, run the monthly settlement and
download its CSV and pain.001. Incidents, refunds and disputes: incidents_views.py; participating
providers: providers_views.py. Anonymous callers are
sent to /login?next=…; a signed-in person gets 403.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.db.core import utcnow
from auroranet.errors import AuroraError, InputError
from auroranet.identity.principal import Principal
from auroranet.wallet import orders, programmes, reports, settlement, wallets
from auroranet.wallet.messages import refusal_key
from auroranet.wallet.present import eur, new_key, service_names
from auroranet.web.page import Page

router = APIRouter(prefix="/backoffice/wallet", include_in_schema=False)
BASE = "/backoffice/wallet"


@dataclass(frozen=True)
class Rights:
    principal: Principal
    providers: list[str]
    programmes: list[str]
    settles: bool  # covers every programme
    admin: bool  # may define programmes (for the organisations it covers)

    def actor(self) -> str:
        return f"staff:{self.principal.subject[:24]}"


async def rights(page: Page) -> Rights | Response:
    p = await page.signed_in(BASE)
    if isinstance(p, Response):
        return p
    if p.kind != "staff":
        return await page.error(403, "wb_forbidden")
    progs, providers = await run_in_threadpool(wallets.organisations, page.runtime)
    mine = [pid for pid, org in progs.items() if p.can("admin", f"organisation:{org}")]
    return Rights(p, [x for x in providers if p.can("provider_staff", f"organisation:{x}")], mine,
                  bool(progs) and len(mine) == len(progs), any(r.name == "admin" for r in p.roles))


async def _show(page: Page, r: Rights, *, status: int = 200, **extra: Any) -> Response:
    rt = page.runtime
    provider_orders = {pid: await run_in_threadpool(orders.of_provider, rt, pid) for pid in r.providers}
    names = await service_names(page, sorted({o.service_id for os_ in provider_orders.values() for o in os_}))
    spend = {pid: [await run_in_threadpool(reports.spending, rt, d, pid) for d in reports.DIMENSIONS]
             for pid in r.programmes}
    impact = {pid: await run_in_threadpool(reports.impact, rt, pid) for pid in r.programmes}
    inactive = {p.id for p in await run_in_threadpool(wallets.providers, rt) if not p.active and p.id in r.providers} \
        if r.providers else set()
    return await page.render("wallet/backoffice.html", status=status, r=r, provider_orders=provider_orders,
                             inactive=inactive, names=names, eur=eur, key=new_key(), spend=spend, impact=impact,
                             month=utcnow().strftime("%Y-%m"), **extra)


@router.get("")
async def home(request: Request) -> Response:
    page, r = await Page.opened_by(request, rights)
    return r if isinstance(r, Response) else await _show(page, r)


async def programme_admin(page: Page) -> Rights | Response:
    """The rights of an admin of at least one programme (the incident and provider pages), else 403."""
    r = await rights(page)
    if isinstance(r, Rights) and not r.programmes:
        return await page.error(403, "wb_forbidden")
    return r


@router.post("/orders")
async def order_action(request: Request) -> Response:
    page, r, form = await Page.posted_by(request, rights)
    if not isinstance(r, Rights):
        return r
    provider = form.get("provider_id", "")
    if provider not in r.providers:
        return await page.error(403, "wb_forbidden")
    try:
        await run_in_threadpool(orders.provider_action, page.runtime, provider, form.get("order", "")[:16],
                                form.get("op", ""), actor=r.actor(), key=form.get("key", ""))
    except AuroraError as exc:
        return await _show(page, r, status=min(exc.status_code, 499), error=page.t(refusal_key(exc.message)))
    return await page.redirect(BASE)


@router.post("/codes")
async def issue(request: Request) -> Response:
    page, r, form = await Page.posted_by(request, rights)
    if not isinstance(r, Rights):
        return r
    programme, count = form.get("programme", ""), form.get("count", "").strip()
    if programme not in r.programmes:
        return await page.error(403, "wb_forbidden")
    if not count.isdigit() or not 1 <= int(count) <= 500:
        return await _show(page, r, status=400, error=page.t("w_err_input"))
    _, codes = await run_in_threadpool(wallets.issue_codes, page.runtime, programme, int(count), actor=r.actor())
    return await _show(page, r, codes=codes)


@router.post("/programmes")
async def define_programme(request: Request) -> Response:
    """A programme defined in the back office: the same JSON as a programme file, validated the same way."""
    page, r, form = await Page.posted_by(request, rights)
    if not isinstance(r, Rights):
        return r
    text = form.get("programme_json", "")
    try:
        if len(text) > 200_000:
            raise InputError("the programme is too long")
        spec = programmes.parse(json.loads(text), "programme", life_events=page.runtime.life_events)
    except (ValueError, AuroraError) as exc:
        return await _show(page, r, status=400, error=f"{page.t('w_err_input')} {exc}", programme_json=text)
    if not r.principal.can("admin", f"organisation:{spec.organisation_id}"):
        return await page.error(403, "wb_forbidden")
    await run_in_threadpool(lambda: wallets.load_programme(page.runtime, spec, actor=r.actor()))
    return await page.redirect(BASE)


@router.post("/settle")
async def settle(request: Request) -> Response:
    page, r, form = await Page.posted_by(request, rights)
    if not isinstance(r, Rights):
        return r
    if not r.settles:
        return await page.error(403, "wb_forbidden")
    try:
        batch = await run_in_threadpool(settlement.settle, page.runtime, form.get("month", "")[:7], actor=r.actor())
    except AuroraError as exc:
        return await _show(page, r, status=min(exc.status_code, 499), error=page.t(refusal_key(exc.message)))
    return await _show(page, r, batch=batch)


@router.get("/settlement/{month}.{fmt}")
async def download(request: Request, month: str, fmt: str) -> Response:
    page, r = await Page.opened_by(request, rights)
    if not isinstance(r, Rights):
        return r
    if not r.settles or fmt not in ("csv", "xml"):
        return await page.error(403 if fmt in ("csv", "xml") else 404, "wb_forbidden")
    try:
        batch = await run_in_threadpool(settlement.batch_of, page.runtime, month)
        body: bytes = (settlement.to_csv(batch).encode() if fmt == "csv"
                       else await run_in_threadpool(settlement.to_pain001, page.runtime, batch))
    except AuroraError as exc:
        return await page.render("error.html", status=min(exc.status_code, 499), message=exc.message)
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/xml"
    name = f"settlement-{month}.{'csv' if fmt == 'csv' else 'pain001.xml'}"
    return await page.finish(Response(body, media_type=media,
                                      headers={"Content-Disposition": f'attachment; filename="{name}"'}))
