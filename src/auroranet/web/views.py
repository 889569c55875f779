"""The people-facing web app "Mitä minulle kuuluu?": start, self-assessment, results, search, service
pages, consented hand-over and privacy. Server-rendered; every flow works without JavaScript, htmx only
makes feedback smoother. Answers live in the encrypted server-side session (session.py), never in URLs.

Views parse the form, call one use case (``auroranet.usecases``) off the event loop, and render.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from auroranet.audience.infer import infer_audience, render_audience
from auroranet.catalogue.models import ChannelRecord, ServiceRecord
from auroranet.engine.contract import Hit, RecommendQuery, SearchQuery
from auroranet.errors import AuroraError, NotFoundError
from auroranet.i18n import pick
from auroranet.consent import views as consent_views
from auroranet.identity import views as identity_views
from auroranet.profile import views as profile_views
from auroranet.runtime import Runtime
from auroranet.safety import help_for_meters, help_for_text
from auroranet.usecases import recommend as uc
from auroranet.usecases.caller import WEB
from auroranet.usecases.feedback import give_feedback
from auroranet.usecases.handover import receiver
from auroranet.usecases.links import tracking_key
from auroranet.usecases.records import records_for
from auroranet.web import handover, urgent
from auroranet.web import session as sess
from auroranet.web.page import HERE, Page, Refused, municipality_code
from auroranet.web.present import ServiceView, filters_for, service_view
from auroranet.web.questionnaires import Questionnaire, load_questionnaires

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)
MAX_SEARCH = 200


def mount(app: FastAPI, rt: Runtime) -> None:
    """Load questionnaires once (a broken file fails start-up with file and field), mount /static and
    the routes."""
    rt.session_secret()  # a weak AURORA_SESSION_SECRET fails start-up, not the first request
    app.state.questionnaires = load_questionnaires(rt.settings.questionnaire_dir)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="web-static")
    app.include_router(router)
    app.include_router(handover.router)
    app.include_router(urgent.router)
    identity_views.mount(app, rt)
    profile_views.mount(app, rt)
    consent_views.mount(app, rt)


def service_views(page: Page, services: dict[str, ServiceRecord], channels: dict[str, ChannelRecord],
                  rid: int | None) -> dict[str, ServiceView]:
    ref = page.reference
    key = tracking_key(page.runtime)
    return {sid: service_view(svc, channels, page.lang, page.t, ref.municipalities, recommendation_id=rid,
                              link_key=key, receivers=lambda cid: receiver(page.runtime, cid))
            for sid, svc in services.items()}


# ---------------------------------------------------------------------------------------------
# Start and assessment
# ---------------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def start(request: Request) -> Response:
    page = await Page.open(request)
    _, answers, _ = page.current()
    return await page.render("start.html", questionnaires=list(page.questionnaires.values()), has_answers=bool(answers))


@router.get("/assessment/{qid}")
async def assessment_start(request: Request, qid: str) -> Response:
    page = await Page.open(request)
    if qid not in page.questionnaires:
        return await page.error(404, "not_found")
    if page.session.get("qid") != qid:
        page.session["qid"] = qid
        page.session["answers"] = {}
        page.session["bg"] = {}
        page.session.pop("rec")
    return await page.redirect(f"/assessment/{qid}/1")


def _step_context(page: Page, q: Questionnaire, step: int, answers: dict[str, int], bg: dict[str, Any],
                  errors: dict[str, str] | None = None, values: dict[str, str] | None = None) -> dict[str, Any]:
    ctx: dict[str, Any] = dict(q=q, step=step, steps=q.steps, errors=errors or {}, values=values or {})
    if step <= len(q.questions):
        question = q.questions[step - 1]
        ctx.update(question=question, scale=q.scale_of(question), answer=answers.get(question.id))
    else:
        ref = page.reference
        ctx.update(municipalities=sorted(pick(n, page.lang) for n in ref.municipalities.values()), bg=bg,
                   municipality_name=pick(ref.municipalities.get(bg.get("mun") or "", {}), page.lang))
    return ctx


@router.get("/assessment/{qid}/{step}")
async def assessment_step(request: Request, qid: str, step: int) -> Response:
    page = await Page.open(request)
    q = page.questionnaires.get(qid)
    if q is None or not 1 <= step <= q.steps:
        return await page.error(404, "not_found")
    if page.session.get("qid") != qid:
        return await page.redirect(f"/assessment/{qid}")
    _, answers, bg = page.current()
    return await page.render("assessment.html", **_step_context(page, q, step, answers, bg))


@router.post("/assessment/{qid}/{step}")
async def assessment_answer(request: Request, qid: str, step: int) -> Response:
    page = await Page.open(request)
    q = page.questionnaires.get(qid)
    if q is None or not 1 <= step <= q.steps:
        return await page.error(404, "not_found")
    form = await page.form()
    if form is None:
        return await page.error(403, "csrf_error")
    if page.session.get("qid") != qid:
        return await page.redirect(f"/assessment/{qid}")
    _, answers, bg = page.current()
    action = form.get("action", "next")
    if step <= len(q.questions):
        question = q.questions[step - 1]
        raw = form.get("answer", "")
        if action == "skip":
            answers.pop(question.id, None)
        elif action == "next" or raw:
            try:
                value = int(raw)
                if value not in q.scale_of(question).values:
                    raise ValueError
            except ValueError:
                if action == "back":
                    return await page.redirect(f"/assessment/{qid}/{step - 1}")
                ctx = _step_context(page, q, step, answers, bg, errors={"answer": page.t("answer_required")})
                return await page.render("assessment.html", status=400, **ctx)
            answers[question.id] = value
        page.session["answers"] = answers
    else:
        errors: dict[str, str] = {}
        new_bg: dict[str, Any] = {}
        age_raw = form.get("age", "").strip()
        if q.background.age and age_raw:
            if age_raw.isdigit() and 0 <= int(age_raw) <= 120:
                new_bg["age"] = int(age_raw)
            else:
                errors["age"] = page.t("age_invalid")
        mun_raw = form.get("municipality", "").strip()
        if q.background.municipality and mun_raw:
            code = municipality_code(page.reference, mun_raw)
            if code:
                new_bg["mun"] = code
            else:
                errors["municipality"] = page.t("municipality_invalid")
        event = form.get("life_event", "")
        if q.background.life_event and event in {e.id for e in q.life_events}:
            new_bg["event"] = event
        if errors and action != "back":
            ctx = _step_context(page, q, step, answers, bg, errors=errors,
                                values={"age": age_raw, "municipality": mun_raw, "life_event": event})
            return await page.render("assessment.html", status=400, **ctx)
        page.session["bg"] = new_bg
    if action == "back":
        return await page.redirect(f"/assessment/{qid}/{max(1, step - 1)}")
    if step >= q.steps:
        return await page.redirect("/results")
    return await page.redirect(f"/assessment/{qid}/{step + 1}")


# ---------------------------------------------------------------------------------------------
# Results and feedback
# ---------------------------------------------------------------------------------------------


def _group_hits(hits: list[Hit]) -> list[tuple[str | None, list[Hit]]]:
    groups: dict[str | None, list[Hit]] = {}
    for h in hits:
        groups.setdefault(h.need, []).append(h)
    return sorted(groups.items(), key=lambda kv: kv[0] is None)


@router.get("/results")
async def results(request: Request) -> Response:
    page = await Page.open(request)
    q, answers, bg = page.current()
    if q is None or not answers:
        return await page.render("results.html", q=q, meters={}, groups=[], unavailable=False, no_answers=True)
    meters = q.meters(answers)
    query = RecommendQuery(meters=meters, filters=filters_for(municipality_code=bg.get("mun")),
                           age=bg.get("age"), municipality_code=bg.get("mun"), life_event=bg.get("event"),
                           lang=page.lang, limit=8)
    digest = hashlib.sha256(json.dumps([q.id, answers, bg, page.lang], sort_keys=True).encode()).hexdigest()[:16]
    rec = page.session.get("rec") or {}
    again = rec.get("id") if rec.get("h") == digest and rec.get("ids") else None
    rt, sid = page.runtime, page.session_id()
    try:
        answer = await page.engine_call(lambda: uc.recommend(rt, query, caller=WEB, path="/results", session_id=sid,
                                                             logged_as=again))
    except Refused as exc:
        return await page.refused(exc)
    except AuroraError as exc:
        log.warning("recommendations unavailable", extra={"error": type(exc).__name__})
        return await page.render("results.html", q=q, meters=meters, groups=[], unavailable=True, no_answers=False,
                           urgent=help_for_meters(meters, page.lang, age=bg.get("age")))
    if again is None:
        page.session["rec"] = {"h": digest, "id": answer.recommendation_id, "ids": [h.service_id for h in answer.hits]}
        page.session["fb"] = {}
    views = service_views(page, answer.services, answer.channels, answer.recommendation_id)
    groups = [(need, [(h, views[h.service_id]) for h in hs if h.service_id in views])
              for need, hs in _group_hits(answer.hits)]
    return await page.render("results.html", q=q, meters=meters, groups=[g for g in groups if g[1]], unavailable=False,
                       no_answers=False, rid=answer.recommendation_id, feedback=page.session.get("fb") or {},
                       urgent=answer.urgent_help)


@router.post("/feedback")
async def feedback(request: Request) -> Response:
    page = await Page.open(request)
    form = await page.form()
    if form is None:
        return await page.error(403, "csrf_error")
    rec = page.session.get("rec") or {}
    service_id = form.get("service_id", "")
    raw = form.get("score", "")
    if raw not in ("1", "-1"):
        return await page.error(400, "bad_request")
    score = int(raw)
    if not rec or service_id not in rec.get("ids", []):
        return await page.error(404, "not_found")
    try:
        await run_in_threadpool(give_feedback, page.runtime, WEB, int(rec["id"]), services=[(service_id, score)])
    except NotFoundError:
        return await page.error(404, "not_found")
    fb = dict(page.session.get("fb") or {})
    fb[service_id] = score
    page.session["fb"] = fb
    if request.headers.get("hx-request") == "true":
        return await page.render("partials/feedback.html", service_id=service_id, score=score)
    return await page.redirect(f"/results#svc-{service_id}")


# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------


def _search_options(page: Page) -> dict[str, Any]:
    ref = page.reference
    classes = sorted(((c, pick(i["names"], page.lang), bool(i.get("parent"))) for c, i in ref.service_classes.items()),  # type: ignore[arg-type]
                     key=lambda x: x[0])
    groups = sorted(((c, pick(i["names"], page.lang)) for c, i in ref.target_groups.items()), key=lambda x: x[0])  # type: ignore[arg-type]
    return dict(municipalities=sorted(pick(n, page.lang) for n in ref.municipalities.values()),
                classes=classes, groups=groups)


@router.get("/search")
async def search_form(request: Request) -> Response:
    page = await Page.open(request)
    return await page.render("search.html", values={}, errors={}, hits=None, **_search_options(page))


@router.post("/search")
async def search(request: Request) -> Response:
    page = await Page.open(request)
    form = await page.form()
    if form is None:
        return await page.error(403, "csrf_error")
    opts = _search_options(page)
    ref = page.reference
    text = form.get("q", "").strip()
    values = {k: form.get(k, "")[:MAX_SEARCH] for k in ("q", "area", "service_class", "target_group")}
    errors: dict[str, str] = {}
    if not text:
        errors["q"] = page.t("search_empty")
    elif len(text) > MAX_SEARCH:
        errors["q"] = page.t("search_too_long")
    code = municipality_code(ref, values["area"]) if values["area"].strip() else None
    if values["area"].strip() and code is None:
        errors["area"] = page.t("municipality_invalid")
    sc = values["service_class"] if values["service_class"] in ref.service_classes else None
    tg = values["target_group"] if values["target_group"] in ref.target_groups else None
    if errors:
        return await page.render("search.html", status=400, values=values, errors=errors, hits=None, **opts)
    q = SearchQuery(text=text, filters=filters_for(municipality_code=code, service_class=sc, target_group=tg),
                    lang=page.lang, limit=10)
    rt, sid = page.runtime, page.session_id()
    try:
        answer = await page.engine_call(lambda: uc.search(rt, q, caller=WEB, path="/search", session_id=sid,
                                                          record_unmet=True))
    except Refused as exc:
        return await page.refused(exc)
    except AuroraError as exc:
        log.warning("search unavailable", extra={"error": type(exc).__name__})
        return await page.render("search.html", status=503, values=values, errors={}, hits=None, unavailable=True,
                           urgent=help_for_text(text, page.lang), **opts)
    views = service_views(page, answer.services, answer.channels, answer.recommendation_id)
    found = [(h, views[h.service_id]) for h in answer.hits if h.service_id in views]
    return await page.render("search.html", values=values, errors={}, hits=found, filtered=bool(code or sc or tg),
                       urgent=answer.urgent_help, **opts)


# ---------------------------------------------------------------------------------------------
# Service page and privacy
# ---------------------------------------------------------------------------------------------


@router.get("/service/{service_id}")
async def service_page(request: Request, service_id: str) -> Response:
    page = await Page.open(request)
    services, channels = records_for(page.runtime, [service_id[:64]])
    if service_id not in services:
        return await page.render("error.html", status=404, message=page.t("service_not_found"))
    rid = handover.in_recommendation(page, service_id)
    view = service_views(page, services, channels, rid)[service_id]
    aud = infer_audience(services[service_id])
    return await page.render("service.html", svc=view, rid=rid,
                             audience=render_audience(aud.groups, aud.source, page.lang))


@router.get("/privacy")
async def privacy(request: Request) -> Response:
    page = await Page.open(request)
    return await page.render("privacy.html", erased=request.query_params.get("erased") == "1",
                       hours=sess.MAX_AGE_SECONDS // 3600, days=page.settings.log_retention_days,
                       minutes=page.settings.session_token_ttl_seconds // 60)


@router.post("/privacy/erase")
async def erase(request: Request) -> Response:
    page = await Page.open(request)
    form = await page.form()
    if form is None:
        return await page.error(403, "csrf_error")
    lang = page.lang
    page.session.clear()
    return await page.redirect(f"/privacy?erased=1&lang={lang}")
