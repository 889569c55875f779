"""The self-assessment in two pages: every question and the optional background on one page, then a
"check your answers" page with a change link per answer (the GOV.UK pattern), then the results.

    GET  /assessment/{qid}          start (or continue) a questionnaire
    GET  /assessment/{qid}/answers  all questions on one page; POST saves them
    GET  /assessment/{qid}/check    check your answers; "Show results" opens /results

Answers live in the encrypted server-side session, never in URLs. Unanswered questions are allowed
(left out of the profile); at least one answer is needed to show results.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.i18n import pick
from auroranet.official.flows import prefill
from auroranet.web.page import Page, municipality_code
from auroranet.web.questionnaires import Questionnaire

router = APIRouter(include_in_schema=False)


def field_name(question_id: str) -> str:
    return f"a-{question_id}"


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
    return await page.redirect(f"/assessment/{qid}/answers")


def _context(page: Page, q: Questionnaire, answers: dict[str, int], bg: dict[str, Any],
             errors: dict[str, str] | None = None, values: dict[str, str] | None = None,
             prefilled: dict[str, str] | None = None) -> dict[str, Any]:
    ref = page.reference
    anchors = {field_name(x.id): f"{field_name(x.id)}-{q.scale_of(x).min}" for x in q.questions}
    return dict(q=q, answers=answers, bg=bg, errors=errors or {}, values=values or {}, field_name=field_name,
                prefilled=prefilled or {},
                anchors=anchors,
                municipalities=sorted(pick(n, page.lang) for n in ref.municipalities.values()),
                municipality_name=pick(ref.municipalities.get(bg.get("mun") or "", {}), page.lang))


async def _questionnaire(page: Page, qid: str) -> Questionnaire | Response:
    q = page.questionnaires.get(qid)
    if q is None:
        return await page.error(404, "not_found")
    if page.session.get("qid") != qid:
        return await page.redirect(f"/assessment/{qid}")
    return q


@router.get("/assessment/{qid}/answers")
async def answers_form(request: Request, qid: str) -> Response:
    page = await Page.open(request)
    q = await _questionnaire(page, qid)
    if isinstance(q, Response):
        return q
    _, answers, bg = page.current()
    values, prefilled = await _official_prefill(page, q, bg)
    return await page.render("assessment.html", **_context(page, q, answers, bg, values=values, prefilled=prefilled))


async def _official_prefill(page: Page, q: Questionnaire, bg: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """A signed-in person's age and home municipality from official records, only while the consent
    stands and only where the person has not answered; each with a note naming source and date."""
    who = page.principal
    wants_age, wants_mun = q.background.age and "age" not in bg, q.background.municipality and "mun" not in bg
    if who is None or not (wants_age or wants_mun):
        return {}, {}
    pre = await run_in_threadpool(prefill, page.runtime, who.subject)
    values: dict[str, str] = {}
    notes: dict[str, str] = {}
    for key, held, wanted in (("age", pre.age, wants_age), ("municipality", pre.municipality, wants_mun)):
        if held is None or not wanted:
            continue
        values[key] = str(held.value) if key == "age" else (
            pick(page.reference.municipalities.get(str(held.value), {}), page.lang) or str(held.value))
        notes[key] = page.t("off_prefilled", source=page.t(f"src_{held.source}"),
                            date=held.fetched_at.strftime("%Y-%m-%d"))
    return values, notes


@router.post("/assessment/{qid}/answers")
async def answers_save(request: Request, qid: str) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    q = await _questionnaire(page, qid)
    if isinstance(q, Response):
        return q
    errors: dict[str, str] = {}
    answers: dict[str, int] = {}
    for question in q.questions:
        raw = form.get(field_name(question.id), "").strip()
        if not raw:
            continue
        if raw.lstrip("-").isdigit() and int(raw) in q.scale_of(question).values:
            answers[question.id] = int(raw)
        else:
            errors[field_name(question.id)] = page.t("answer_invalid", question=pick(question.text, page.lang))
    if not answers and not errors:
        errors[field_name(q.questions[0].id)] = page.t("answer_one_required")
    bg: dict[str, Any] = {}
    age_raw = form.get("age", "").strip()[:10]
    if q.background.age and age_raw:
        if age_raw.isdigit() and 0 <= int(age_raw) <= 120:
            bg["age"] = int(age_raw)
        else:
            errors["age"] = page.t("age_invalid")
    mun_raw = form.get("municipality", "").strip()[:100]
    if q.background.municipality and mun_raw:
        code = municipality_code(page.reference, mun_raw)
        if code:
            bg["mun"] = code
        else:
            errors["municipality"] = page.t("municipality_invalid")
    event = form.get("life_event", "")
    if q.background.life_event and event in {e.id for e in q.life_events}:
        bg["event"] = event
    if errors:
        values = {k: v[:200] for k, v in form.items() if k != "csrf_token"}
        ctx = _context(page, q, answers, bg, errors=errors, values=values)
        return await page.render("assessment.html", status=400, **ctx)
    page.session["answers"] = answers
    page.session["bg"] = bg
    return await page.redirect(f"/assessment/{qid}/check")


@router.get("/assessment/{qid}/check")
async def check(request: Request, qid: str) -> Response:
    page = await Page.open(request)
    q = await _questionnaire(page, qid)
    if isinstance(q, Response):
        return q
    _, answers, bg = page.current()
    if not answers:
        return await page.redirect(f"/assessment/{qid}/answers")
    return await page.render("check.html", **_context(page, q, answers, bg))


@router.get("/assessment/{qid}/{step:int}")
async def old_step(request: Request, qid: str, step: int) -> Response:
    """The former one-question-per-page addresses (bookmarks) open the one-page form."""
    page = await Page.open(request)
    return await page.redirect(f"/assessment/{qid}/answers")
