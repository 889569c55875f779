"""The people-facing web app "Mitä minulle kuuluu?": start, self-assessment, results, search, service
pages, consented hand-over and privacy. Server-rendered; every flow works without JavaScript, htmx only
makes feedback smoother. Answers live in the encrypted server-side session (session.py), never in URLs.

Views parse the form, call one use case (``auroranet.usecases``) off the event loop, and render.
"""

from __future__ import annotations

import hashlib
import json
import logging
from urllib.parse import urlencode
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from auroranet.assistant import views as assistant_views
from auroranet.audience.infer import infer_audience, render_audience
from auroranet.catalogue.models import ChannelRecord, ServiceRecord
from auroranet.catalogue.urls import mailto_href
from auroranet.consent import views as consent_views
from auroranet.engine.contract import Hit, RecommendQuery, SearchQuery
from auroranet.errors import AuroraError, InputError, NotFoundError
from auroranet.ethics import views as ethics_views
from auroranet.i18n import pick
from auroranet.curation import views as curation_views
from auroranet.identity import staffhome
from auroranet.identity import views as identity_views
from auroranet.insights import views as insights_views
from auroranet.lifeevents import views as lifeevents_views
from auroranet.official import views as official_views
from auroranet.official.flows import prefill
from auroranet.oauth import views as oauth_views
from auroranet.profile import views as profile_views
from auroranet.referrals import views as referrals_views
from auroranet.resultcodes import views as resultcode_views
from auroranet.runtime import Runtime
from auroranet.safety import help_for_meters, help_for_text
from auroranet.usecases import recommend as uc
from auroranet.usecases.caller import WEB
from auroranet.usecases.feedback import give_feedback
from auroranet.usecases.handover import receiver
from auroranet.usecases.links import tracking_key
from auroranet.usecases.records import records_for
from auroranet.wallet import views as wallet_views
from auroranet.web import assessment, errors, handover, urgent
from auroranet.web import session as sess
from auroranet.web.messages import register as register_messages
from auroranet.web.page import HERE, Page, Refused, municipality_code
from auroranet.web.present import ServiceView, filters_for, service_view
from auroranet.web.refine_form import RefineForm, parse_refine, with_refine
from auroranet.web.refine_texts import REFINE_TEXTS
from auroranet.usecases.refine import MAX_KM_CHOICES, languages_in, places_for
from auroranet.web.profile import build_profile
from auroranet.web.questionnaires import load_questionnaires
from auroranet.web.texts import TEXTS

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)
MAX_SEARCH = 200


def mount(app: FastAPI, rt: Runtime) -> None:
    """Load questionnaires once (a broken file fails start-up with file and field), mount /static and
    the routes."""
    rt.session_secret()  # a weak AURORA_SESSION_SECRET fails start-up, not the first request
    register_messages(TEXTS)
    register_messages(REFINE_TEXTS)
    app.state.questionnaires = load_questionnaires(rt.settings.questionnaire_dir)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="web-static")
    app.include_router(router)
    app.include_router(assessment.router)
    app.include_router(handover.router)
    app.include_router(urgent.router)
    errors.install(app)
    lifeevents_views.mount(app, rt)
    referrals_views.mount(app, rt)
    insights_views.mount(app)
    ethics_views.mount(app)
    wallet_views.mount(app)
    assistant_views.mount(app)
    identity_views.mount(app, rt)
    staffhome.mount(app)
    curation_views.mount(app)
    profile_views.mount(app, rt)
    official_views.mount(app, rt)
    consent_views.mount(app, rt)
    resultcode_views.mount(app)
    oauth_views.mount(app, rt)


def service_views(page: Page, services: dict[str, ServiceRecord], channels: dict[str, ChannelRecord],
                  rid: int | None) -> dict[str, ServiceView]:
    ref = page.reference
    key = tracking_key(page.runtime)
    return {sid: service_view(svc, channels, page.lang, page.t, ref.municipalities, recommendation_id=rid,
                              link_key=key, receivers=lambda cid: receiver(page.runtime, cid))
            for sid, svc in services.items()}


def refine_form(page: Page) -> RefineForm:
    """The filter form of this request (results and search pages), checked against this snapshot."""
    cat = page.runtime.catalogue()
    params = page.request.query_params
    wants_place = bool(params.get("place") or params.get("km") or params.get("sort"))
    return parse_refine(params, params.getlist("mode"), places_for(cat) if wants_place else None,
                        languages_in(cat), page.t)


def refine_context(page: Page, form: RefineForm, action: str, keep: list[tuple[str, str]]) -> dict[str, Any]:
    cat = page.runtime.catalogue()
    sep = "," if page.lang in ("fi", "sv") else "."
    return dict(rf=form, svc_languages=languages_in(cat), km_choices=MAX_KM_CHOICES, refine_action=action,
                keep=keep, keep_qs=urlencode(keep + [("lang", page.lang)]),
                km=lambda v: page.t("distance_km", km=f"{v:.1f}".replace(".", sep)))


# ---------------------------------------------------------------------------------------------
# Start and assessment
# ---------------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def start(request: Request) -> Response:
    page = await Page.open(request)
    _, answers, _ = page.current()
    return await page.render("start.html", questionnaires=list(page.questionnaires.values()), has_answers=bool(answers))


# ---------------------------------------------------------------------------------------------
# Results and feedback
# ---------------------------------------------------------------------------------------------


def _group_hits(hits: list[Hit]) -> list[tuple[str | None, list[Hit]]]:
    """Hits under the need they were picked for; a person doing well on every meter has no need to head
    a group with ("Support for: friends" at 10/10), so those go under "Other services"."""
    groups: dict[str | None, list[Hit]] = {}
    for h in hits:
        groups.setdefault(None if h.explanation.doing_well else h.need, []).append(h)
    return sorted(groups.items(), key=lambda kv: kv[0] is None)


@router.get("/results")
async def results(request: Request) -> Response:
    page = await Page.open(request)
    q, answers, bg = page.current()
    form = refine_form(page)
    ctx = refine_context(page, form, "/results", [])
    if q is None or not answers:
        return await page.render("results.html", q=q, profile=None, groups=[], unavailable=False, no_answers=True,
                                 **ctx)
    meters = q.meters(answers)
    status = 400 if form.errors else 200
    refine = form.refine if form.active and not form.errors else None
    who = page.principal
    cue = (await run_in_threadpool(prefill, page.runtime, who.subject)).cue(page.lang) if who else None
    query = RecommendQuery(meters=meters, filters=filters_for(municipality_code=bg.get("mun")),
                           age=bg.get("age"), municipality_code=bg.get("mun"), life_event=bg.get("event"),
                           text=cue, lang=page.lang, limit=8)
    asked = [q.id, answers, bg, page.lang, cue, form.query() if refine is not None else []]
    digest = hashlib.sha256(json.dumps(asked, sort_keys=True).encode()).hexdigest()[:16]
    rec = page.session.get("rec") or {}
    again = rec.get("id") if rec.get("h") == digest and rec.get("ids") else None
    rt, sid = page.runtime, page.session_id()
    try:
        answer = await page.engine_call(lambda: uc.recommend(rt, query, caller=WEB, path="/results", session_id=sid,
                                                             logged_as=again, refine=refine))
    except Refused as exc:
        return await page.refused(exc)
    except AuroraError as exc:
        log.warning("recommendations unavailable", extra={"error": type(exc).__name__})
        return await page.render("results.html", q=q, profile=build_profile(q, meters, page.meter_name), groups=[],
                                 meters=meters, unavailable=True, no_answers=False,
                                 urgent=help_for_meters(meters, page.lang, age=bg.get("age")), **ctx)
    if again is None:
        page.session["rec"] = {"h": digest, "id": answer.recommendation_id, "ids": [h.service_id for h in answer.hits]}
        page.session["fb"] = {}
    views = service_views(page, answer.services, answer.channels, answer.recommendation_id)
    grouped = [(None, answer.hits)] if refine is not None and refine.by_distance else _group_hits(answer.hits)
    groups = [(need, [(h, views[h.service_id]) for h in hs if h.service_id in views]) for need, hs in grouped]
    return await page.render("results.html", status=status, q=q, profile=build_profile(q, meters, page.meter_name),
                             meters=meters, groups=[g for g in groups if g[1]], unavailable=False,
                             no_answers=False, rid=answer.recommendation_id, feedback=page.session.get("fb") or {},
                             urgent=answer.urgent_help, distances=answer.distances,
                             opened=request.query_params.get("opened") == "1", **ctx)


@router.post("/feedback")
async def feedback(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
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


SEARCH_FIELDS = ("q", "area", "service_class", "target_group")


def search_url(values: dict[str, str], lang: str) -> str:
    """The bookmarkable address of a search (empty fields left out)."""
    params = [(k, values[k]) for k in SEARCH_FIELDS if values.get(k)] + [("lang", lang)]
    return "/search?" + urlencode(params)


@router.post("/search")
async def search_post(request: Request) -> Response:
    """Older forms posted the search: send them to its GET address (Back and bookmarks then work)."""
    page = await Page.open(request)
    data = await request.form()
    values = {k: str(data.get(k, ""))[:MAX_SEARCH] for k in SEARCH_FIELDS}
    return await page.redirect(search_url(values, page.lang))


@router.get("/search")
async def search(request: Request) -> Response:
    """The search form, and its results when the address carries ``q`` (a GET form: Back after opening
    a result returns here, the address can be bookmarked and switching language keeps the search).
    The access log records the route only, never the query string."""
    page = await Page.open(request)
    opts = _search_options(page)
    params = request.query_params
    if "q" not in params:
        return await page.render("search.html", values={}, errors={}, hits=None, **opts)
    ref = page.reference
    text = params.get("q", "").strip()
    values = {k: params.get(k, "")[:MAX_SEARCH] for k in SEARCH_FIELDS}
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
    form = refine_form(page)
    ctx = refine_context(page, form, "/search", [(k, values[k]) for k in SEARCH_FIELDS if values[k]])
    if errors:
        return await page.render("search.html", status=400, values=values, errors=errors, hits=None, **opts, **ctx)
    refine = form.refine if form.active and not form.errors else None
    q = SearchQuery(text=text, filters=filters_for(municipality_code=code, service_class=sc, target_group=tg),
                    lang=page.lang, limit=10)
    rt, sid = page.runtime, page.session_id()
    try:
        answer = await page.engine_call(lambda: uc.search(rt, q, caller=WEB, path="/search", session_id=sid,
                                                          record_unmet=refine is None, refine=refine))
    except Refused as exc:
        return await page.refused(exc)
    except InputError:  # a text of punctuation or control characters only: nothing to search for
        return await page.render("search.html", status=400, values=values, errors={"q": page.t("search_no_words")},
                                 hits=None, **opts)
    except AuroraError as exc:
        log.warning("search unavailable", extra={"error": type(exc).__name__})
        return await page.render("search.html", status=503, values=values, errors={}, hits=None, unavailable=True,
                                 urgent=help_for_text(text, page.lang), **opts, **ctx)
    views = service_views(page, answer.services, answer.channels, answer.recommendation_id)
    found = [(h, views[h.service_id]) for h in answer.hits if h.service_id in views]
    back = urlencode({"back": with_refine(search_url(values, page.lang), form) if refine is not None
                      else search_url(values, page.lang)})
    return await page.render("search.html", status=400 if form.errors else 200, values=values, errors={}, hits=found,
                             filtered=bool(code or sc or tg or refine), urgent=answer.urgent_help,
                             service_qs="?" + back, distances=answer.distances, **opts, **ctx)


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
    back = request.query_params.get("back", "")
    back = back if back.startswith("/search?") and "\\" not in back and len(back) < 1000 else ""
    return await page.render("service.html", svc=view, rid=rid, back=back,
                             audience=render_audience(aud.groups, aud.source, page.lang))


@router.get("/privacy")
async def privacy(request: Request) -> Response:
    page = await Page.open(request)
    return await page.render("privacy.html", erased=request.query_params.get("erased") == "1",
                             controller=page.settings.web_privacy_controller, contact=page.settings.web_privacy_contact,
                             contact_href=mailto_href(page.settings.web_privacy_contact),
                       hours=sess.MAX_AGE_SECONDS // 3600, days=page.settings.log_retention_days,
                       minutes=page.settings.session_token_ttl_seconds // 60)


@router.post("/privacy/erase")
async def erase(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    lang = page.lang
    page.session.clear()
    return await page.redirect(f"/privacy?erased=1&lang={lang}")
