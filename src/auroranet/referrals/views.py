"""The person's referral pages: compose a contact request from a service's card, see "what goes to
whom", send it (anonymously with a one-time code, or signed in), and follow its status.

    GET  /referrals/new/{service_id}        the form: message, attributes (none ticked), optional contact
    POST /referrals/new/{service_id}        preview: exactly what goes to which organisation
    POST /referrals/new/{service_id}/send   send; an anonymous person sees the code once
    GET  /referrals/status                  enter the code (a signed-in person also sees their own)
    POST /referrals/status                  the status; POST /referrals/cancel cancels an open request
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from auroranet.api.deps import client_ip
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.i18n import pick
from auroranet.lifeevents.model import LifeEvent
from auroranet.referrals import backoffice
from auroranet.referrals import service as svc
from auroranet.referrals.delivery import deliver_pending
from auroranet.referrals.messages import MESSAGES
from auroranet.referrals.statuses import CLOSED
from auroranet.runtime import Runtime
from auroranet.usecases.records import records_for
from auroranet.vocab import ATTRIBUTE_NAMES
from auroranet.web import messages
from auroranet.web.page import Page, env

router = APIRouter(include_in_schema=False)
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")
PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")


def mount(app: FastAPI, rt: Runtime) -> None:
    messages.register(MESSAGES)
    env.globals["referrals_accepted"] = _accepted
    app.include_router(router)
    app.include_router(backoffice.router)


@pass_context
def _accepted(ctx: Context, service_id: object) -> bool:
    """For the service page's partial: the page's runtime (``Page.render`` puts it in the context)."""
    rt = ctx.get("runtime")
    return isinstance(rt, Runtime) and bool(svc.accepting_services(rt, [str(service_id)]))


def _available(page: Page) -> dict[str, Any]:
    """The attributes this session could hand over, with their values."""
    q, answers, bg = page.current()
    out: dict[str, Any] = {}
    if bg.get("age") is not None:
        out["age"] = int(bg["age"])
    if bg.get("mun"):
        out["municipality_code"] = str(bg["mun"])
    if q is not None and answers:
        out["life_situation_meters"] = {k: [v] for k, v in q.meters(answers).items()}
    return {k: out[k] for k in ATTRIBUTE_NAMES if k in out}


def _shown(page: Page, name: str, value: Any) -> str:
    if name == "municipality_code":
        return pick(page.reference.municipalities.get(str(value), {}), page.lang) or str(value)
    if name == "life_situation_meters":
        from auroranet.vocab import meter_name

        return ", ".join(f"{meter_name(k, page.lang)} {v[0]:g}" for k, v in value.items())
    return str(value)


def _service(page: Page, service_id: str) -> tuple[str, str] | None:
    """(service name, organisation name) of a service that accepts referrals."""
    if svc.receiver_for(page.runtime, service_id) is None:
        return None
    services, _ = records_for(page.runtime, [service_id])
    s = services.get(service_id)
    if s is None:
        return None
    org = s.responsible_organisation
    return pick(s.names, page.lang), pick(org.names, page.lang) if org else ""


async def _form(page: Page, service_id: str, status: int = 200, errors: dict[str, str] | None = None,
                values: dict[str, Any] | None = None, back: LifeEvent | None = None) -> Response:
    names = await run_in_threadpool(_service, page, service_id)
    if names is None:
        return await page.error(404, "not_found")
    avail = _available(page)
    return await page.render("referrals/new.html", status=status, service_id=service_id, service_name=names[0],
                             org_name=names[1], available=[(k, _shown(page, k, v)) for k, v in avail.items()],
                             errors=errors or {}, values=values or {}, signed_in=page.principal is not None,
                             back=back)


@router.get("/referrals/new/{service_id}")
async def new_form(request: Request, service_id: str) -> Response:
    page = await Page.open(request)
    draft = page.session.get("ref_draft") or {}
    back = page.runtime.life_events.get(request.query_params.get("from", ""))
    return await _form(page, service_id[:64], values=draft if draft.get("service_id") == service_id else {},
                       back=back)


def _parse(form: dict[str, str], ticked: list[str], t: Any) -> tuple[dict[str, Any], dict[str, str]]:
    message = form.get("message", "").strip()
    email, phone = form.get("email", "").strip()[:254], form.get("phone", "").strip()[:30]
    errors: dict[str, str] = {}
    if not message:
        errors["message"] = t("ref_message_required")
    elif len(message) > svc.MAX_MESSAGE:
        errors["message"] = t("ref_message_help")
    if email and not EMAIL.match(email):
        errors["email"] = t("ref_email_invalid")
    if phone and not PHONE.match(phone):
        errors["phone"] = t("ref_phone_invalid")
    values = {"message": message[: svc.MAX_MESSAGE], "email": email, "phone": phone,
              "attrs": [a for a in ticked if a in ATTRIBUTE_NAMES]}
    return values, errors


@router.post("/referrals/new/{service_id}")
async def preview(request: Request, service_id: str) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    service_id = service_id[:64]
    values, errors = _parse(form, await page.form_list("attrs"), page.t)
    if errors:
        return await _form(page, service_id, 400, errors, values)
    names = await run_in_threadpool(_service, page, service_id)
    if names is None:
        return await page.error(404, "not_found")
    avail = _available(page)
    values["attrs"] = [a for a in values["attrs"] if a in avail]
    page.session["ref_draft"] = {**values, "service_id": service_id}
    return await page.render("referrals/preview.html", service_id=service_id, service_name=names[0], org_name=names[1],
                             values=values, sent=[(a, _shown(page, a, avail[a])) for a in values["attrs"]],
                             signed_in=page.principal is not None)


@router.post("/referrals/new/{service_id}/send")
async def send(request: Request, service_id: str) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    draft = page.session.get("ref_draft") or {}
    if draft.get("service_id") != service_id:
        return await page.redirect(f"/referrals/new/{service_id[:64]}")
    avail = _available(page)
    p = page.principal
    new = svc.NewReferral(service_id=service_id, message=str(draft.get("message", "")),
                          attributes={a: avail[a] for a in draft.get("attrs", []) if a in avail},
                          email=draft.get("email") or None, phone=draft.get("phone") or None,
                          subject=p.subject if p is not None else None, lang=page.lang)
    rt = page.runtime
    try:
        created = await run_in_threadpool(svc.create_referral, rt, new)
    except NotFoundError:
        return await page.error(404, "not_found")
    except InputError:
        return await _form(page, service_id, 400, {"message": page.t("ref_message_required")}, draft)
    page.session.pop("ref_draft")
    response = await page.render("referrals/sent.html", code=created.code, signed_in=p is not None)
    response.background = BackgroundTask(deliver_pending, rt)  # after the response, outside any lock
    return response


async def _status_page(page: Page, status: int = 200, found: svc.ReferralView | None = None,
                       code: str = "", error: str | None = None) -> Response:
    p = page.principal
    mine = await run_in_threadpool(svc.for_subject, page.runtime, p.subject) if p is not None else []
    ids = [r.service_id for r in ([found] if found else []) + mine]
    names = await run_in_threadpool(svc.service_names, page.runtime, page.lang, ids)
    return await page.render("referrals/status.html", status=status, found=found, code=code, error=error, mine=mine,
                             names=names, closed=CLOSED, signed_in=p is not None)


@router.get("/referrals/status")
async def status_form(request: Request) -> Response:
    page = await Page.open(request)
    return await _status_page(page)


@router.post("/referrals/status")
async def status_lookup(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    rt = page.runtime
    if rt.limits.bucket.take(client_ip(request)) > 0:  # codes are guessed only at the rate limit
        return await page.error(429, "rate_limited")
    code = form.get("code", "")[:40]
    found = await run_in_threadpool(svc.by_code, rt, code) if code.strip() else None
    if found is None:
        return await _status_page(page, 404, code=code, error=page.t("ref_code_unknown"))
    return await _status_page(page, found=found, code=code)


@router.post("/referrals/cancel")
async def cancel(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    code, pid = form.get("code", "")[:40], form.get("id", "")[:32]
    p = page.principal
    rt = page.runtime
    try:
        found = await run_in_threadpool(lambda: svc.transition(rt, pid, "cancelled", actor="person", code=code or None,
                                                               subject=p.subject if p and not code else None))
    except NotFoundError:
        return await page.error(404, "not_found")
    except ConflictError:
        return await page.error(409, "ref_conflict")
    response = await _status_page(page, found=found if code else None, code=code)
    response.background = BackgroundTask(deliver_pending, rt)
    return response
