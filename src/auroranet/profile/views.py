"""My AuroraAI pages: ``/profile`` (history per meter as a chart and a table, saved services, rights),
saving from the results and service pages, ``/profile/export`` (page and JSON), ``/profile/erase``
(confirmation) and ``/profile/access`` (the access log). Export and erasure need a fresh login
(``/login?reauth=1``: prompt=login, max_age=0)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.consent.webhooks import deliver_pending
from auroranet.i18n import pick
from auroranet.identity.flows import AUTH_TIME, recently_authenticated
from auroranet.identity.principal import Principal, sign_out
from auroranet.profile import service
from auroranet.profile.messages import MESSAGES
from auroranet.profile.models import Profile
from auroranet.runtime import Runtime
from auroranet.usecases.records import records_for
from auroranet.web.messages import register
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)


def mount(app: FastAPI, rt: Runtime) -> None:
    register(MESSAGES)
    app.include_router(router)


def _meter(page: Page, key: str) -> str:
    from auroranet.vocab import meter_name

    return meter_name(key, page.lang).capitalize()


def _write(rt: Runtime, fn: Any) -> Any:
    with rt.writes, rt.db.session() as s:
        return fn(s)


async def _fresh(page: Page, path: str) -> Principal | Response:
    """Signed in with a recent login, else off to log in again."""
    who = await page.signed_in(path)
    if isinstance(who, Principal) and not recently_authenticated(page.runtime, page.session):
        return await page.redirect(f"/login?reauth=1&next={path}")
    return who


@router.get("/profile")
async def profile(request: Request) -> Response:
    page = await Page.open(request)
    who = page.principal
    if who is None:
        return await page.render("profile/anonymous.html")
    rt = page.runtime

    def load(s: Any) -> dict[str, Any]:
        prof = s.get(Profile, who.subject)
        notice = prof.notice_sent_at if prof is not None else None
        service.touch(s, who.subject, action="view")
        taken = service.assessments(s, rt.settings, who.subject)
        return dict(notice=notice, taken=taken, history=service.history(taken),
                    saved=service.saved_services(s, who.subject),
                    progress=service.life_event_progress(rt.settings, s.get(Profile, who.subject)),
                    notice_email=service.notice_email(rt.settings, s.get(Profile, who.subject)))

    data = await run_in_threadpool(_write, rt, load)
    services, _ = records_for(rt, [sid for sid, _ in data["saved"]])
    names = {sid: pick(svc.names, page.lang) or sid for sid, svc in services.items()}
    dates = [t.taken_at.strftime("%Y-%m-%d %H:%M") for t in data["taken"]]
    chart = {"dates": dates, "series": [{"name": _meter(page, k), "key": k,
                                          "values": [t.meters.get(k) for t in data["taken"]]}
                                         for k in data["history"]]}
    events = [(rt.life_events[e], len(done), len(rt.life_events[e].steps))
              for e, done in data["progress"].items() if e in rt.life_events]
    return await page.render("profile/index.html", who=who, chart_json=json.dumps(chart), dates=dates,
                             events=events, taken=data["taken"], history=data["history"], saved=data["saved"], names=names,
                             notice=data["notice"], saved_ok=request.query_params.get("saved") == "1",
                             notice_email=data["notice_email"], email_error=request.query_params.get("email") == "bad",
                             months=rt.settings.profile_retention_months, days=rt.settings.profile_notice_days)


@router.post("/profile/assessments")
async def save_assessment(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    who = await page.signed_in("/results")
    if not isinstance(who, Principal):
        return who
    q, answers, bg = page.current()
    meters = q.meters(answers) if q else {}
    if q is None or not meters:
        return await page.error(400, "bad_request")
    rt = page.runtime
    background = {"age": bg.get("age"), "municipality_code": bg.get("mun")}
    await run_in_threadpool(_write, rt, lambda s: service.save_assessment(s, rt.settings, who.subject, q.id, meters,
                                                                          background))
    return await page.redirect("/profile?saved=1")


@router.post("/profile/services")
async def save_service(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    service_id = form.get("service_id", "")[:64]
    who = await page.signed_in(f"/service/{service_id}")
    if not isinstance(who, Principal):
        return who
    services, _ = records_for(page.runtime, [service_id])
    if service_id not in services:
        return await page.error(404, "not_found")
    remove = form.get("action") == "remove"
    await run_in_threadpool(_write, page.runtime, lambda s: (service.remove_service if remove else service.save_service)(
        s, who.subject, service_id))
    return await page.redirect("/profile" if remove else "/profile?saved=1")


@router.post("/profile/notice-email")
async def notice_email(request: Request) -> Response:
    """Leave (or, with action=remove or an empty field, remove) an address for the retention notice."""
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    who = await page.signed_in("/profile")
    if not isinstance(who, Principal):
        return who
    address = "" if form.get("action") == "remove" else form.get("email", "")[:300]
    rt = page.runtime
    ok = await run_in_threadpool(_write, rt, lambda s: service.set_notice_email(s, rt.settings, who.subject, address))
    return await page.redirect("/profile#notices" if ok else "/profile?email=bad#notices")


def _export(rt: Runtime, subject: str) -> dict[str, Any]:
    return _write(rt, lambda s: service.export(s, rt.settings, subject))  # type: ignore[no-any-return]


@router.get("/profile/export")
async def export_page(request: Request) -> Response:
    page = await Page.open(request)
    who = await _fresh(page, "/profile/export")
    if not isinstance(who, Principal):
        return who
    data = await run_in_threadpool(_export, page.runtime, who.subject)
    return await page.render("profile/export.html", data=data, pretty=json.dumps(data, ensure_ascii=False, indent=2))


@router.get("/profile/export.json")
async def export_json(request: Request) -> Response:
    page = await Page.open(request)
    who = await _fresh(page, "/profile/export")
    if not isinstance(who, Principal):
        return who
    data = await run_in_threadpool(_export, page.runtime, who.subject)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return await page.finish(Response(body, media_type="application/json", headers={
        "Content-Disposition": 'attachment; filename="my-auroraai.json"'}))


@router.get("/profile/access")
async def access(request: Request) -> Response:
    page = await Page.open(request)
    who = await page.signed_in("/profile/access")
    if not isinstance(who, Principal):
        return who

    def load(s: Any) -> Any:
        service.touch(s, who.subject, action="view_access_log")
        return service.access_log(s, who.subject)

    rows = await run_in_threadpool(_write, page.runtime, load)
    return await page.render("profile/access.html", rows=rows)


@router.get("/profile/erase")
async def erase_form(request: Request) -> Response:
    page = await Page.open(request)
    who = await _fresh(page, "/profile/erase")
    if not isinstance(who, Principal):
        return who
    return await page.render("profile/erase.html", error=None)


@router.post("/profile/erase")
async def erase(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    who = await _fresh(page, "/profile/erase")
    if not isinstance(who, Principal):
        return who
    if form.get("confirm") != "yes":
        return await page.render("profile/erase.html", status=400, error=page.t("erase_unconfirmed"))
    rt = page.runtime
    await run_in_threadpool(_write, rt, lambda s: service.erase(s, who.subject, owners=rt.consent_owners))
    await run_in_threadpool(deliver_pending, rt.db, rt.writes, rt.settings)
    lang = page.lang
    sign_out(page.session)
    page.session.pop(AUTH_TIME, None)
    page.session.clear()
    return await page.redirect(f"/privacy?erased=1&lang={lang}")
