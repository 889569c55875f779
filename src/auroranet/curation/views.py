"""``/backoffice/curation``: list, add and end curations (staff; each action checks role and area in
``curation.service``), with the audit trail of what the caller may see. Forms carry the CSRF token.

    GET  /backoffice/curation              the list, the form and the audit trail
    POST /backoffice/curation              action, service_id, target (need:<key> | life_event:<id>), area, reason, expires
    POST /backoffice/curation/{id}/end     end one now
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.curation import quality_views, rules
from auroranet.curation import service as svc
from auroranet.curation.messages import MESSAGES
from auroranet.db.core import utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.i18n import pick
from auroranet.identity.principal import Principal
from auroranet.insights import areas
from auroranet.vocab import METER_KEYS
from auroranet.web.messages import register
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)
FIELD_CAP = 200  # every form field but the reason is short; longer is refused, never cut


def mount(app: FastAPI) -> None:
    register(MESSAGES)
    app.include_router(router)
    quality_views.mount(app)


def _curator(p: Principal) -> bool:
    return p.kind == "staff" and (any(r.name in ("admin", "analyst") for r in p.roles)
                                  or bool(p.organisations("provider_staff")))


async def _guard(page: Page) -> Principal | Response:
    return await page.allowed(lambda p: p if _curator(p) else None, "cur_forbidden")


def _areas(page: Page, p: Principal) -> list[areas.AreaInfo]:
    """The areas offered in the form: what the caller's area roles cover (counties under the country,
    municipalities under a county) and, for provider staff, where their services are offered."""
    ref = page.reference
    out = areas.with_parts(ref, [r.scope for r in p.roles if r.name in ("admin", "analyst")], page.lang,
                           all_municipalities=True)
    orgs = rules.organisations_of(p)
    if orgs:
        mine = [s for s in page.runtime.catalogue().services if orgs & {o.id for o in s.organisations}]
        national = areas.parse(ref, areas.NATIONAL)
        if national is not None and any(s.is_national for s in mine):
            out.append(national)
        out.extend(a for m in sorted({m for s in mine for m in s.municipality_codes})
                   if (a := areas.parse(ref, f"municipality:{m}")) is not None)
    return list({a.scope: a for a in out}.values())


def _service_choices(page: Page, p: Principal) -> list[tuple[str, str]]:
    orgs = rules.organisations_of(p)
    if not orgs:
        return []
    return sorted(((s.id, pick(s.names, page.lang) or s.id) for s in page.runtime.catalogue().services
                   if orgs & {o.id for o in s.organisations}), key=lambda x: x[1].casefold())[:500]


async def _list(page: Page, p: Principal, *, status: int = 200, error: str | None = None,
                notice: str | None = None, form: dict[str, str] | None = None) -> Response:
    rt = page.runtime
    rows = await run_in_threadpool(svc.visible, rt, p)
    trail = await run_in_threadpool(svc.audit_of, rt, [c.id for c in rows] or [-1])
    cat = rt.catalogue()
    names = {c.service_id: pick(cat.services[cat.pos[c.service_id]].names, page.lang)
             for c in rows if c.service_id in cat.pos}
    events = sorted(((e.id, pick(e.names, page.lang) or e.id) for e in rt.life_events.values()), key=lambda x: x[1])
    ref = page.reference
    area_names = {c.area: (a.name(page.lang) if (a := areas.parse(ref, c.area)) else c.area) for c in rows}
    return await page.render("curation/list.html", status=status, rows=rows, trail=trail, names=names,
                             area_names=area_names, error=error, notice=notice, form=form or {},
                             areas=_areas(page, p), meters=METER_KEYS, events=events,
                             services=_service_choices(page, p), event_names=dict(events),
                             default_expiry=(utcnow().date() + timedelta(days=90)).isoformat(),
                             max_expiry=(utcnow().date() + timedelta(days=svc.MAX_DAYS)).isoformat())


@router.get("/backoffice/curation")
async def listing(request: Request) -> Response:
    page, p = await Page.opened_by(request, _guard)
    if isinstance(p, Response):
        return p
    done = request.query_params.get("done")
    notice = page.t("cur_saved") if done == "added" else page.t("cur_ended") if done == "ended" else None
    return await _list(page, p, notice=notice)


def _draft(form: dict[str, str]) -> svc.Draft:
    for name in ("action", "service_id", "target", "area", "expires"):
        if len(form.get(name, "")) > FIELD_CAP:
            raise InputError(f"{name} is too long")
    kind, _, target = form.get("target", "").partition(":")
    try:
        expires = date.fromisoformat(form.get("expires", "").strip())
    except ValueError:
        raise InputError("the expiry must be a date (YYYY-MM-DD)") from None
    reason = form.get("reason", "")
    if len(reason) > svc.MAX_REASON * 4:
        raise InputError(f"the reason is longer than {svc.MAX_REASON} characters")
    return svc.Draft(action=form.get("action", ""), service_id=form.get("service_id", "").strip(),
                     target_kind=kind, target=target, area=form.get("area", ""), reason=reason, expires=expires)


@router.post("/backoffice/curation")
async def add(request: Request) -> Response:
    page, p, form = await Page.posted_by(request, _guard)
    if isinstance(p, Response):
        return p
    keep: dict[str, Any] = {k: v[:FIELD_CAP] for k, v in form.items() if k != "csrf_token"}
    try:
        draft = _draft(form)
        await run_in_threadpool(svc.add, page.runtime, p, draft)
    except InputError as exc:
        return await _list(page, p, status=400, error=page.t("cur_bad", detail=str(exc)), form=keep)
    except NotFoundError:
        return await _list(page, p, status=404, error=page.t("cur_no_service"), form=keep)
    except PermissionError:
        return await _list(page, p, status=403, error=page.t("cur_forbidden"), form=keep)
    except ConflictError as exc:
        return await _list(page, p, status=409, error=page.t("cur_conflict", detail=str(exc)), form=keep)
    return await page.redirect("/backoffice/curation?done=added")


@router.post("/backoffice/curation/{curation_id}/end")
async def end(request: Request, curation_id: str) -> Response:
    page, p, _ = await Page.posted_by(request, _guard)
    if isinstance(p, Response):
        return p
    if not curation_id.isdigit() or len(curation_id) > 12:
        return await _list(page, p, status=404, error=page.t("cur_no_curation"))
    try:
        await run_in_threadpool(svc.end, page.runtime, p, int(curation_id))
    except NotFoundError:
        return await _list(page, p, status=404, error=page.t("cur_no_curation"))
    except ConflictError as exc:
        return await _list(page, p, status=409, error=page.t("cur_conflict", detail=str(exc)))
    return await page.redirect("/backoffice/curation?done=ended")
