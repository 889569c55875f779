"""The people-facing web app "Mitä minulle kuuluu?": start, self-assessment, results, search, service
pages, consented hand-over and privacy. Server-rendered; every flow works without JavaScript, htmx only
makes feedback smoother. Answers live in the signed session cookie (session.py), never in URLs or rows.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from auroranet.catalogue import reference as reference_mod
from auroranet.catalogue import service as catalogue
from auroranet.errors import AuroraError, InputError, NotFoundError
from auroranet.i18n import LANGS, is_lang, negotiate, pick
from auroranet.search.explain_text import meter_name
from auroranet.search.schemas import RecommendQuery, SearchQuery
from auroranet.web import service as web
from auroranet.web import session as sess
from auroranet.web.messages import translate
from auroranet.web.questionnaires import Questionnaire, load_questionnaires

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
router = APIRouter(include_in_schema=False)
env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                  trim_blocks=True, lstrip_blocks=True)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
    "Cache-Control": "no-store",
}
MAX_SEARCH = 200


def setup(app: FastAPI, runtime: Any) -> None:
    """Load questionnaires once (a broken file fails start-up with file and field) and mount /static."""
    app.state.questionnaires = load_questionnaires(runtime.settings.questionnaire_dir)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="web-static")


# ---------------------------------------------------------------------------------------------
# Request context
# ---------------------------------------------------------------------------------------------


class Page:
    """Everything a handler needs: runtime, session, language and a renderer that adds cookie and headers."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.runtime = request.app.state.runtime
        self.settings = self.runtime.settings
        self.session = sess.load(request, self.settings.session_secret)
        asked = request.query_params.get("lang")
        if is_lang(asked):
            if self.session.get("lang") != asked:
                self.session["lang"] = asked
            self.lang: str = asked  # type: ignore[assignment]
        elif is_lang(self.session.get("lang")):
            self.lang = self.session["lang"]
        else:
            self.lang = negotiate(request.headers.get("accept-language"))

    def t(self, key: str, **kw: object) -> str:
        return translate(key, self.lang, **kw)

    @property
    def questionnaires(self) -> dict[str, Questionnaire]:
        return self.request.app.state.questionnaires  # type: ignore[no-any-return]

    def finish(self, response: Response) -> Response:
        sess.save(response, self.session, self.settings.session_secret,
                  secure=self.settings.public_base_url.startswith("https"))
        response.headers.update(SECURITY_HEADERS)
        return response

    def render(self, template: str, status: int = 200, **ctx: Any) -> Response:
        path = self.request.url.path
        base = dict(lang=self.lang, t=self.t, pick=lambda d: pick(d, self.lang), csrf=self.session.csrf_token(),
                    path=path, langs=LANGS, meter_name=lambda k: meter_name(k, self.lang),
                    lang_names={"fi": "Suomeksi", "sv": "På svenska", "en": "In English"})
        html = env.get_template(template).render(**base, **ctx)
        return self.finish(HTMLResponse(html, status_code=status))

    def redirect(self, url: str) -> Response:
        return self.finish(RedirectResponse(url, status_code=303))

    def error(self, status: int, message_key: str) -> Response:
        return self.render("error.html", status=status, message=self.t(message_key))

    async def form(self) -> dict[str, str] | None:
        """The posted form, or None when the CSRF token is missing or wrong."""
        data = await self.request.form()
        fields = {k: v for k, v in data.multi_items() if isinstance(v, str)}
        if not self.session.check_csrf(fields.get("csrf_token")):
            return None
        return fields

    async def form_list(self, name: str) -> list[str]:
        data = await self.request.form()
        return [v for v in data.getlist(name) if isinstance(v, str)]


def _reference(page: Page) -> reference_mod.ReferenceData:
    cache = page.runtime.extras.get("web.reference")
    if cache is None:
        with page.runtime.db.session() as s:
            cache = reference_mod.load(s)
        page.runtime.extras["web.reference"] = cache
    return cache  # type: ignore[no-any-return]


def _municipality_code(ref: reference_mod.ReferenceData, text: str) -> str | None:
    value = text.strip().casefold()
    if not value:
        return None
    for code, names in ref.municipalities.items():
        if value == code or value in (n.casefold() for n in names.values() if n):
            return code
    return None


def _session_id(page: Page) -> str:
    sid = page.session.get("sid")
    if not sid:
        sid = secrets.token_hex(8)
        page.session["sid"] = sid
    return str(sid)


def _current(page: Page) -> tuple[Questionnaire | None, dict[str, int], dict[str, Any]]:
    q = page.questionnaires.get(str(page.session.get("qid", "")))
    answers = {k: int(v) for k, v in (page.session.get("answers") or {}).items()}
    return q, answers, dict(page.session.get("bg") or {})


def _redirect_path(request: Request) -> str:
    """Links go through the network API's v1 link tracking, so web clicks feed the same log."""
    return web.V1_REDIRECT


# ---------------------------------------------------------------------------------------------
# Start and assessment
# ---------------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def start(request: Request) -> Response:
    page = Page(request)
    _, answers, _ = _current(page)
    return page.render("start.html", questionnaires=list(page.questionnaires.values()), has_answers=bool(answers))


@router.get("/assessment/{qid}")
async def assessment_start(request: Request, qid: str) -> Response:
    page = Page(request)
    if qid not in page.questionnaires:
        return page.error(404, "not_found")
    if page.session.get("qid") != qid:
        page.session["qid"] = qid
        page.session["answers"] = {}
        page.session["bg"] = {}
        page.session.pop("rec")
    return page.redirect(f"/assessment/{qid}/1")


def _step_context(page: Page, q: Questionnaire, step: int, answers: dict[str, int], bg: dict[str, Any],
                  errors: dict[str, str] | None = None, values: dict[str, str] | None = None) -> dict[str, Any]:
    ctx: dict[str, Any] = dict(q=q, step=step, steps=q.steps, errors=errors or {}, values=values or {})
    if step <= len(q.questions):
        question = q.questions[step - 1]
        ctx.update(question=question, scale=q.scale_of(question), answer=answers.get(question.id))
    else:
        ref = _reference(page)
        ctx.update(municipalities=sorted(pick(n, page.lang) for n in ref.municipalities.values()), bg=bg,
                   municipality_name=pick(ref.municipalities.get(bg.get("mun") or "", {}), page.lang))
    return ctx


@router.get("/assessment/{qid}/{step}")
async def assessment_step(request: Request, qid: str, step: int) -> Response:
    page = Page(request)
    q = page.questionnaires.get(qid)
    if q is None or not 1 <= step <= q.steps:
        return page.error(404, "not_found")
    if page.session.get("qid") != qid:
        return page.redirect(f"/assessment/{qid}")
    _, answers, bg = _current(page)
    return page.render("assessment.html", **_step_context(page, q, step, answers, bg))


@router.post("/assessment/{qid}/{step}")
async def assessment_answer(request: Request, qid: str, step: int) -> Response:
    page = Page(request)
    q = page.questionnaires.get(qid)
    if q is None or not 1 <= step <= q.steps:
        return page.error(404, "not_found")
    form = await page.form()
    if form is None:
        return page.error(403, "csrf_error")
    if page.session.get("qid") != qid:
        return page.redirect(f"/assessment/{qid}")
    _, answers, bg = _current(page)
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
                    return page.redirect(f"/assessment/{qid}/{step - 1}")
                ctx = _step_context(page, q, step, answers, bg, errors={"answer": page.t("answer_required")})
                return page.render("assessment.html", status=400, **ctx)
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
            code = _municipality_code(_reference(page), mun_raw)
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
            return page.render("assessment.html", status=400, **ctx)
        page.session["bg"] = new_bg
    if action == "back":
        return page.redirect(f"/assessment/{qid}/{max(1, step - 1)}")
    if step >= q.steps:
        return page.redirect("/results")
    return page.redirect(f"/assessment/{qid}/{step + 1}")


# ---------------------------------------------------------------------------------------------
# Results and feedback
# ---------------------------------------------------------------------------------------------


def _group_hits(hits: list[Any]) -> list[tuple[str | None, list[Any]]]:
    groups: dict[str | None, list[Any]] = {}
    for h in hits:
        groups.setdefault(h.need, []).append(h)
    return sorted(groups.items(), key=lambda kv: kv[0] is None)


@router.get("/results")
async def results(request: Request) -> Response:
    page = Page(request)
    q, answers, bg = _current(page)
    if q is None or not answers:
        return page.render("results.html", q=q, meters={}, groups=[], unavailable=False, no_answers=True)
    meters = q.meters(answers)
    query = RecommendQuery(meters=meters, filters=web.filters_for(municipality_code=bg.get("mun")),
                           age=bg.get("age"), municipality_code=bg.get("mun"), life_event=bg.get("event"),
                           lang=page.lang, limit=8)
    try:
        hits = web.run_recommend(page.runtime, query)
    except (web.EngineUnavailable, AuroraError) as exc:
        log.warning("recommendations unavailable", extra={"error": type(exc).__name__})
        return page.render("results.html", q=q, meters=meters, groups=[], unavailable=True, no_answers=False)
    digest = hashlib.sha256(json.dumps([q.id, answers, bg, page.lang], sort_keys=True).encode()).hexdigest()[:16]
    rec = page.session.get("rec") or {}
    with page.runtime.db.session() as s:
        if rec.get("h") != digest or not hits:
            rid = web.log_recommendation(s, path="/results", session_id=_session_id(page), hits=hits,
                                         context={"source": "web", "questionnaire": q.id, "lang": page.lang})
            rec = {"h": digest, "id": rid, "ids": [h.service_id for h in hits]}
            page.session["rec"] = rec
            page.session["fb"] = {}
        services, channels = web.load_services(s, [h.service_id for h in hits])
    views = _service_views(page, services, channels)
    groups = [(need, [(h, views[h.service_id]) for h in hs if h.service_id in views]) for need, hs in _group_hits(hits)]
    return page.render("results.html", q=q, meters=meters, groups=[g for g in groups if g[1]], unavailable=False,
                       no_answers=False, rid=rec["id"], feedback=page.session.get("fb") or {},
                       redirect_path=_redirect_path(request))


def _service_views(page: Page, services: dict[str, Any], channels: dict[str, Any]) -> dict[str, web.ServiceView]:
    ref = _reference(page)
    views = {sid: web.service_view(svc, channels, page.lang, page.t, ref.municipalities) for sid, svc in services.items()}
    for v in views.values():
        for ch in v.channels:
            ch.receiver = web.receiver_for(page.runtime.db, ch.id)
    return views


@router.post("/feedback")
async def feedback(request: Request) -> Response:
    page = Page(request)
    form = await page.form()
    if form is None:
        return page.error(403, "csrf_error")
    rec = page.session.get("rec") or {}
    service_id = form.get("service_id", "")
    try:
        score = int(form.get("score", ""))
        if not rec or service_id not in rec.get("ids", []):
            raise NotFoundError("not in your recommendations")
        with page.runtime.db.session() as s:
            web.record_feedback(s, recommendation_id=int(rec["id"]), service_id=service_id, score=score)
    except (ValueError, InputError):
        return page.error(400, "bad_request")
    except NotFoundError:
        return page.error(404, "not_found")
    fb = dict(page.session.get("fb") or {})
    fb[service_id] = score
    page.session["fb"] = fb
    if request.headers.get("hx-request") == "true":
        return page.render("partials/feedback.html", service_id=service_id, score=score)
    return page.redirect(f"/results#svc-{service_id}")


# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------


def _search_options(page: Page) -> dict[str, Any]:
    ref = _reference(page)
    classes = sorted(((c, pick(i["names"], page.lang), bool(i.get("parent"))) for c, i in ref.service_classes.items()),  # type: ignore[arg-type]
                     key=lambda x: x[0])
    groups = sorted(((c, pick(i["names"], page.lang)) for c, i in ref.target_groups.items()), key=lambda x: x[0])  # type: ignore[arg-type]
    return dict(municipalities=sorted(pick(n, page.lang) for n in ref.municipalities.values()),
                classes=classes, groups=groups)


@router.get("/search")
async def search_form(request: Request) -> Response:
    page = Page(request)
    return page.render("search.html", values={}, errors={}, hits=None, **_search_options(page))


@router.post("/search")
async def search(request: Request) -> Response:
    page = Page(request)
    form = await page.form()
    if form is None:
        return page.error(403, "csrf_error")
    opts = _search_options(page)
    ref = _reference(page)
    text = form.get("q", "").strip()
    values = {k: form.get(k, "") for k in ("q", "area", "service_class", "target_group")}
    errors: dict[str, str] = {}
    if not text:
        errors["q"] = page.t("search_empty")
    elif len(text) > MAX_SEARCH:
        errors["q"] = page.t("search_too_long")
    code = _municipality_code(ref, values["area"]) if values["area"].strip() else None
    if values["area"].strip() and code is None:
        errors["area"] = page.t("municipality_invalid")
    sc = values["service_class"] if values["service_class"] in ref.service_classes else None
    tg = values["target_group"] if values["target_group"] in ref.target_groups else None
    if errors:
        return page.render("search.html", status=400, values=values, errors=errors, hits=None, **opts)
    filters = web.filters_for(municipality_code=code, service_class=sc, target_group=tg)
    try:
        hits = web.run_search(page.runtime, SearchQuery(text=text, filters=filters, lang=page.lang, limit=10))
    except (web.EngineUnavailable, AuroraError) as exc:
        log.warning("search unavailable", extra={"error": type(exc).__name__})
        return page.render("search.html", status=503, values=values, errors={}, hits=None, unavailable=True, **opts)
    with page.runtime.db.session() as s:
        if not hits:
            web.record_unmet_need(s, text=text, lang=page.lang,
                                  filters={k: v for k, v in (("municipality", code), ("service_class", sc),
                                                             ("target_group", tg)) if v})
        services, channels = web.load_services(s, [h.service_id for h in hits])
    views = _service_views(page, services, channels)
    found = [(h, views[h.service_id]) for h in hits if h.service_id in views]
    return page.render("search.html", values=values, errors={}, hits=found,
                       filtered=bool(code or sc or tg), **opts)


# ---------------------------------------------------------------------------------------------
# Service page, link tracking and hand-over
# ---------------------------------------------------------------------------------------------


def _in_recommendation(page: Page, service_id: str) -> int | None:
    rec = page.session.get("rec") or {}
    return int(rec["id"]) if rec and service_id in rec.get("ids", []) else None


@router.get("/service/{service_id}")
async def service_page(request: Request, service_id: str) -> Response:
    page = Page(request)
    with page.runtime.db.session() as s:
        services, channels = web.load_services(s, [service_id])
    if service_id not in services:
        return page.render("error.html", status=404, message=page.t("service_not_found"))
    view = _service_views(page, services, channels)[service_id]
    return page.render("service.html", svc=view, rid=_in_recommendation(page, service_id),
                       redirect_path=_redirect_path(request))


def _consent_context(page: Page, service_id: str, channel_id: str) -> dict[str, Any] | None:
    with page.runtime.db.session() as s:
        services, channels = web.load_services(s, [service_id])
    svc = services.get(service_id)
    if svc is None or channel_id not in svc.channel_ids or channel_id not in channels:
        return None
    receiver = web.receiver_for(page.runtime.db, channel_id)
    if receiver is None or not web.channel_pages(channels[channel_id]):
        return None
    q, answers, bg = _current(page)
    meters = q.meters(answers) if q else {}
    ref = _reference(page)
    mun = bg.get("mun")
    items = web.consent_items(
        receivable=receiver.receivable_attributes, age=bg.get("age"),
        municipality=(mun, pick(ref.municipalities.get(mun, {}), page.lang) or mun) if mun else None,
        meters=meters, meter_label=lambda k, v: page.t("attr_meter", name=meter_name(k, page.lang).capitalize(),
                                                      value=f"{v:g}"))
    labels = {"age": lambda v: page.t("attr_age", value=v), "municipality_code": lambda v: page.t("attr_municipality", value=v)}
    for it in items:
        if it.key in labels:
            it.label = labels[it.key](it.label)
    view = web.service_view(svc, channels, page.lang, page.t, ref.municipalities)
    return dict(svc=view, channel_id=channel_id, receiver=receiver, items=items, meters=meters, bg=bg,
                receiver_name=pick(receiver.names, page.lang) or view.name,
                receiver_provider=pick(receiver.provider, page.lang) or view.provider)


@router.get("/handover/{service_id}/{channel_id}")
async def handover_form(request: Request, service_id: str, channel_id: str) -> Response:
    page = Page(request)
    ctx = _consent_context(page, service_id, channel_id)
    if ctx is None:
        return page.error(404, "not_found")
    return page.render("consent.html", minutes=page.settings.session_token_ttl_seconds // 60, **ctx)


@router.post("/handover/{service_id}/{channel_id}")
async def handover(request: Request, service_id: str, channel_id: str) -> Response:
    page = Page(request)
    form = await page.form()
    if form is None:
        return page.error(403, "csrf_error")
    ctx = _consent_context(page, service_id, channel_id)
    if ctx is None:
        return page.error(404, "not_found")
    ticked = await page.form_list("share") if form.get("action") == "share" else []
    attrs = web.build_attributes(ticked, available=ctx["items"], age=ctx["bg"].get("age"),
                                 municipality_code=ctx["bg"].get("mun"), meters=ctx["meters"])
    rid = _in_recommendation(page, service_id)
    with page.runtime.db.session() as s:
        if rid is None:
            from auroranet.search.schemas import Hit

            rid = web.log_recommendation(s, path="/service", session_id=_session_id(page),
                                         hits=[Hit(service_id=service_id, score=0.0, rank=1)],
                                         context={"source": "web", "lang": page.lang})
    token = web.issue_transfer(page.runtime, receiver=ctx["receiver"], channel_id=channel_id,
                               attributes=attrs) if attrs else None
    url = web.tracking_url(redirect_path=_redirect_path(request), service_id=service_id, channel_id=channel_id,
                           link_id=0, recommendation_id=rid, token=token)
    return page.redirect(url)


# ---------------------------------------------------------------------------------------------
# Privacy
# ---------------------------------------------------------------------------------------------


@router.get("/privacy")
async def privacy(request: Request) -> Response:
    page = Page(request)
    return page.render("privacy.html", erased=request.query_params.get("erased") == "1",
                       hours=sess.MAX_AGE_SECONDS // 3600, days=page.settings.log_retention_days,
                       minutes=page.settings.session_token_ttl_seconds // 60)


@router.post("/privacy/erase")
async def erase(request: Request) -> Response:
    page = Page(request)
    form = await page.form()
    if form is None:
        return page.error(403, "csrf_error")
    lang = page.lang
    page.session.clear()
    resp = page.redirect(f"/privacy?erased=1&lang={lang}")
    return resp
