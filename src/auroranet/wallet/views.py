"""The person's wallet pages under /wallet: claim a code, return with the wallet code, open a wallet when
signed in and eligible, order, cancel and the opt-in impact follow-up. The wallet a browser holds is
kept in its encrypted server-side session; every form carries a fresh idempotency key, so a double
submit or a retried request changes nothing twice.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.errors import AuroraError
from auroranet.i18n import pick

from auroranet.wallet import backoffice, incidents_views, orders, providers_views, reports, wallets
from auroranet.wallet.messages import MESSAGES, refusal_key
from auroranet.wallet.present import eur, new_key, service_names
from auroranet.web.messages import register
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)
SESSION_KEY = "wallet"


def mount(app: FastAPI) -> None:
    register(MESSAGES)
    app.include_router(router)
    app.include_router(backoffice.router)
    app.include_router(incidents_views.router)
    app.include_router(providers_views.router)


def _int(raw: str, lo: int, hi: int) -> int | None:
    raw = raw.strip()
    return int(raw) if raw.isdigit() and lo <= int(raw) <= hi else None


async def _show(page: Page, *, status: int = 200, **extra: Any) -> Response:
    rt, wid = page.runtime, page.session.get(SESSION_KEY)
    summary = await run_in_threadpool(wallets.summary, rt, int(wid)) if wid else None
    if summary is None:
        p = page.principal
        mine = await run_in_threadpool(wallets.wallets_of_person, rt, p.subject) if p and p.kind == "person" else {}
        if len(mine) == 1:
            page.session[SESSION_KEY] = next(iter(mine.values()))
            return await _show(page, status=status, **extra)
        programmes = await run_in_threadpool(wallets.programme_rows, rt) if p and p.kind == "person" else []
        events = [(k, pick(e.names, page.lang)) for k, e in page.runtime.life_events.items()]
        return await page.render("wallet/start.html", status=status, key=new_key(), programmes=programmes,
                                 signed_in=bool(p and p.kind == "person"), events=events, **extra)
    history = await run_in_threadpool(orders.of_wallet, rt, summary.wallet_id)
    names = await service_names(page, [o.service_id for o in summary.offers] + [o.service_id for o in history])
    _, answers, _ = page.current()
    phases = await run_in_threadpool(reports.phases, rt, summary.wallet_id)
    due = await run_in_threadpool(reports.followup_due, rt, summary.wallet_id) if summary.followup_opt_in else False
    return await page.render("wallet/wallet.html", status=status, w=summary, history=history, names=names, eur=eur,
                             key=new_key(), has_answers=bool(answers), phases=phases, due=due, **extra)


async def _refused(page: Page, exc: AuroraError) -> Response:
    return await _show(page, status=exc.status_code if exc.status_code < 500 else 400, error=page.t(refusal_key(exc.message)))


async def _wallet_post(request: Request) -> tuple[Page, dict[str, str] | Response, int]:
    """The page, the CSRF-checked form (or the response that refuses it) and the wallet this browser holds."""
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return page, form, 0
    wid = page.session.get(SESSION_KEY)
    if not wid:
        return page, await page.redirect("/wallet"), 0
    return page, form, int(wid)


@router.get("/wallet")
async def wallet_page(request: Request) -> Response:
    return await _show(await Page.open(request))


@router.post("/wallet/claim")
async def claim(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    age, mun = _int(form.get("age", ""), 0, 130), form.get("municipality", "").strip()[:3] or None
    if (form.get("age", "").strip() and age is None) or (mun is not None and not (len(mun) == 3 and mun.isdigit())):
        return await _show(page, status=400, error=page.t("w_err_input"))
    try:
        result = await run_in_threadpool(wallets.claim, page.runtime, form.get("code", "")[:40], age=age,
                                         municipality=mun, key=form.get("key", ""))
    except AuroraError as exc:
        return await _refused(page, exc)
    page.session[SESSION_KEY] = int(result["wallet_id"])
    return await _show(page, wallet_code=result.get("wallet_code"))


@router.post("/wallet/open")
async def open_wallet(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    wid = await run_in_threadpool(wallets.wallet_by_code, page.runtime, form.get("wallet_code", "")[:60])
    if wid is None:
        return await _show(page, status=404, error=page.t("w_err_code"))
    page.session[SESSION_KEY] = wid
    return await page.redirect("/wallet")


@router.post("/wallet/join")
async def join(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    p = page.principal
    if p is None or p.kind != "person":
        return await page.redirect("/login?next=/wallet")
    q, answers, _ = page.current()
    event = form.get("life_event") or None
    facts = wallets.Facts(age=_int(form.get("age", ""), 0, 130), municipality=form.get("municipality", "").strip()[:3] or None,
                          life_event=event if event in page.runtime.life_events else None, meters=q.meters(answers) if q else {})
    try:
        result = await run_in_threadpool(wallets.open_for_person, page.runtime, p.subject,
                                         form.get("programme", "")[:64], facts, key=form.get("key", ""))
    except AuroraError as exc:
        return await _refused(page, exc)
    page.session[SESSION_KEY] = int(result["wallet_id"])
    return await page.redirect("/wallet")


@router.post("/wallet/order")
async def order(request: Request) -> Response:
    page, form, wid = await _wallet_post(request)
    if isinstance(form, Response):
        return form
    contact = form.get("contact", "") if form.get("contact_ok") == "yes" else None
    try:
        result = await run_in_threadpool(lambda: orders.place(
            page.runtime, int(wid), provider_id=form.get("provider_id", "")[:64], service_id=form.get("service_id", "")[:64],
            contact=contact, key=form.get("key", "")))
    except AuroraError as exc:
        return await _refused(page, exc)
    return await _show(page, ordered=result["order"])


@router.post("/wallet/cancel")
async def cancel(request: Request) -> Response:
    page, form, wid = await _wallet_post(request)
    if isinstance(form, Response):
        return form
    try:
        await run_in_threadpool(orders.cancel, page.runtime, int(wid), form.get("order", "")[:16], key=form.get("key", ""))
    except AuroraError as exc:
        return await _refused(page, exc)
    return await page.redirect("/wallet")


@router.post("/wallet/followup")
async def followup(request: Request) -> Response:
    page, form, wid = await _wallet_post(request)
    if isinstance(form, Response):
        return form
    rt = page.runtime
    try:
        if form.get("action") == "choose":
            await run_in_threadpool(reports.opt_in, rt, int(wid), form.get("opt_in") == "yes")
        else:
            q, answers, _ = page.current()
            if q is None or not answers:
                return await _show(page, status=400, error=page.t("w_followup_none"))
            phase = "after" if "before" in await run_in_threadpool(reports.phases, rt, int(wid)) else "before"
            await run_in_threadpool(reports.record, rt, int(wid), phase, q.meters(answers))
    except AuroraError as exc:
        return await _refused(page, exc)
    return await page.redirect("/wallet")


@router.post("/wallet/close")
async def close(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    page.session.pop(SESSION_KEY)
    return await page.redirect("/wallet")
