"""The incident page under /backoffice/wallet/incidents, for programme admins (role admin covering
``organisation:<the programme's organisation>``): block or unblock a wallet, a claim code or an order,
flag a suspected fraud with a note, refund a delivered order, open and resolve disputes. The target must
belong to one of the admin's programmes (else 404, the same as an unknown one). The use cases are in
incidents.py and refunds.py; every change is audited there.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.errors import AuroraError
from auroranet.wallet import incidents, refunds
from auroranet.wallet.backoffice import BASE, Rights, programme_admin
from auroranet.wallet.idempotency import new_key
from auroranet.wallet.messages import refusal_key
from auroranet.wallet.present import eur
from auroranet.web.page import Page

router = APIRouter(prefix=f"{BASE}/incidents", include_in_schema=False)
OPS = ("block", "unblock", "flag", "unflag", "refund", "dispute", "upheld", "rejected")


async def _show(page: Page, r: Rights, *, status: int = 200, **extra: Any) -> Response:
    open_disputes = await run_in_threadpool(refunds.disputes, page.runtime, r.programmes, "open")
    return await page.render("wallet/incidents.html", status=status, r=r, disputes=open_disputes, eur=eur,
                             key=new_key(), kinds=incidents.KINDS, **extra)


@router.get("")
async def home(request: Request) -> Response:
    page, r = await Page.opened_by(request, programme_admin)
    return r if isinstance(r, Response) else await _show(page, r)


@router.post("")
async def act(request: Request) -> Response:
    page, r, form = await Page.posted_by(request, programme_admin)
    if not isinstance(r, Rights):
        return r
    rt, op = page.runtime, form.get("op", "")
    kind = form.get("kind", "order") if op in ("block", "unblock") else "order"
    target = form.get("target", "").strip()[:incidents.MAX_TARGET]
    note, key = form.get("note", "")[:incidents.MAX_NOTE], form.get("key", "")
    if op not in OPS or kind not in incidents.KINDS or not target:
        return await _show(page, r, status=400, error=page.t("w_err_input"))
    owner = await run_in_threadpool(incidents.programme_of, rt, kind, target)
    if owner is None or owner not in r.programmes:
        return await _show(page, r, status=404, error=page.t("wb_not_found"))
    actor = r.actor()
    try:
        if op in ("block", "unblock"):
            await run_in_threadpool(lambda: incidents.block(rt, kind, target, op == "block", actor=actor, note=note))
        elif op in ("flag", "unflag"):
            await run_in_threadpool(lambda: incidents.flag(rt, target, op == "flag", actor=actor, note=note))
        elif op == "refund":
            await run_in_threadpool(lambda: refunds.refund(rt, target, actor=actor, key=key, note=note))
        elif op == "dispute":
            await run_in_threadpool(lambda: refunds.open_dispute(rt, target, actor=actor, key=key, note=note))
        else:
            await run_in_threadpool(lambda: refunds.resolve_dispute(rt, target, op, actor=actor, key=key, note=note))
    except AuroraError as exc:
        key = "wb_not_found" if exc.status_code == 404 else refusal_key(exc.message)
        return await _show(page, r, status=min(exc.status_code, 499), error=page.t(key))
    return await _show(page, r, done=True)
