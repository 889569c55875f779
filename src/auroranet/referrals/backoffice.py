"""The organisation's inbox: staff see their organisation's contact requests and accept, schedule,
decline or complete them with a note.

    GET  /backoffice/referrals          the list (provider_staff with organisation:<id>, or admin)
    GET  /backoffice/referrals/{id}     one request; opening it marks it received
    POST /backoffice/referrals/{id}     action = accept | schedule | decline | complete, note, when

Anonymous callers are sent to ``/login?next=<path>``; other signed-in people get 403.
"""

from __future__ import annotations

from datetime import datetime, timezone

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.identity.principal import Principal
from auroranet.referrals import service as svc
from auroranet.referrals.delivery import deliver_pending
from auroranet.referrals.statuses import ACTIONS, CLOSED, STATUSES, allowed
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)


def scope_of(p: Principal) -> svc.Scope | None:
    """None when the principal may not use the back office at all."""
    if any(r.name == "admin" for r in p.roles):
        return svc.Scope(organisations=None)
    orgs = p.organisations("provider_staff")
    return svc.Scope(organisations=orgs) if orgs else None


async def _staff(page: Page) -> svc.Scope | Response:
    return await page.allowed(scope_of, "bo_forbidden")


@router.get("/backoffice/referrals")
async def inbox(request: Request) -> Response:
    page, scope = await Page.opened_by(request, _staff)
    if isinstance(scope, Response):
        return scope
    status = request.query_params.get("status")
    if status and status not in STATUSES:
        return await page.error(400, "bad_request")
    rows = await run_in_threadpool(svc.for_scope, page.runtime, scope, status=status if status else None)
    names = await run_in_threadpool(svc.service_names, page.runtime, page.lang, [r.service_id for r in rows])
    return await page.render("referrals/backoffice_list.html", rows=rows, names=names)


async def _detail(page: Page, scope: svc.Scope, public_id: str, status: int = 200, error: str | None = None) -> Response:
    try:
        r = await run_in_threadpool(svc.get_in_scope, page.runtime, public_id, scope)
    except NotFoundError:
        return await page.error(404, "not_found")
    names = await run_in_threadpool(svc.service_names, page.runtime, page.lang, [r.service_id])
    return await page.render("referrals/backoffice_detail.html", status=status, r=r, names=names, error=error,
                             closed=CLOSED,
                             actions=[a for a, target in ACTIONS.items() if allowed(r.status, target)])


@router.get("/backoffice/referrals/{public_id}")
async def detail(request: Request, public_id: str) -> Response:
    page, scope = await Page.opened_by(request, _staff)
    if isinstance(scope, Response):
        return scope
    rt = page.runtime
    try:
        await run_in_threadpool(lambda: svc.transition(rt, public_id, "received", actor="staff", scope=scope))
    except (ConflictError, NotFoundError):
        pass  # already past "received", or not theirs (the detail answers 404)
    return await _detail(page, scope, public_id)


def _when(raw: str) -> datetime | None:
    if not raw.strip():
        return None
    try:
        return datetime.fromisoformat(raw.strip()[:16]).replace(tzinfo=timezone.utc)
    except ValueError:
        raise InputError("invalid time") from None


@router.post("/backoffice/referrals/{public_id}")
async def act(request: Request, public_id: str) -> Response:
    page, scope, form = await Page.posted_by(request, _staff)
    if isinstance(scope, Response):
        return scope
    target = ACTIONS.get(form.get("action", ""))
    if target is None:
        return await page.error(400, "bad_request")
    rt = page.runtime
    try:
        when = _when(form.get("when", ""))
        note = form.get("note", "")[: svc.MAX_NOTE + 1] or None
        await run_in_threadpool(lambda: svc.transition(rt, public_id, target, actor="staff", scope=scope, note=note,
                                                       scheduled_at=when))
    except NotFoundError:
        return await page.error(404, "not_found")
    except ConflictError:
        return await _detail(page, scope, public_id, 409, page.t("ref_conflict"))
    except InputError as exc:
        return await _detail(page, scope, public_id, 400, exc.message)
    response = await page.redirect(f"/backoffice/referrals/{public_id[:32]}")
    response.background = BackgroundTask(deliver_pending, rt)  # e-mail after commit, outside any lock
    return response
