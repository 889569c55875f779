"""Results-code pages: make a code for the results in this session, open results by code on another
device (rate-limited per address, the code only in a POST body so no address or log holds it), erase a
code. Opening loads the saved answers into this session, so "save to my profile" works here after login.

    POST /results/code         make a code (CSRF)        GET /results/code   the code, open and erase forms
    POST /results/open         open by code (CSRF)       POST /results/code/erase
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.api.deps import client_ip
from auroranet.network.robustness import TokenBucket
from auroranet.resultcodes import service
from auroranet.resultcodes.messages import MESSAGES
from auroranet.resultcodes.service import LOOKUPS_PER_MINUTE, RETENTION_DAYS, SavedQuery
from auroranet.web.messages import register
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)
SESSION_KEY = "rcode"  # the code made in this session, to show again and erase


def mount(app: FastAPI) -> None:
    register(MESSAGES)
    app.state.result_code_lookups = TokenBucket(LOOKUPS_PER_MINUTE)
    app.include_router(router)


def _bucket(request: Request) -> TokenBucket:
    bucket = request.app.state.result_code_lookups
    assert isinstance(bucket, TokenBucket)
    return bucket


async def _page(page: Page, status: int = 200, **ctx: object) -> Response:
    code = page.session.get(SESSION_KEY)
    return await page.render("resultcodes/code.html", status=status, code=code if isinstance(code, str) else None,
                             days=RETENTION_DAYS, open_url=f"{page.settings.public_base_url.rstrip('/')}/results/code",
                             **ctx)


@router.get("/results/code")
async def code_page(request: Request) -> Response:
    page = await Page.open(request)
    return await _page(page, erased=request.query_params.get("erased", ""))


@router.post("/results/code")
async def make_code(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    q, answers, bg = page.current()
    if q is None or not answers:
        return await _page(page, status=400, error=page.t("rc_no_results"))
    code = await run_in_threadpool(service.create, page.runtime, SavedQuery.of(q.id, answers, bg, page.lang))
    page.session[SESSION_KEY] = code
    return await page.redirect(f"/results/code?lang={page.lang}")


@router.post("/results/open")
async def open_code(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    wait = _bucket(request).take(client_ip(request))
    if wait > 0:
        response = await _page(page, status=429, error=page.t("rc_too_many"))
        response.headers["Retry-After"] = str(max(1, int(wait + 0.999)))
        return response
    typed = form.get("code", "")
    if service.normalise(typed) is None:
        return await _page(page, status=400, error=page.t("rc_malformed"), typed=typed[:service.MAX_INPUT_CHARS])
    saved = await run_in_threadpool(service.open_code, page.runtime, typed)
    q = page.questionnaires.get(saved.qid) if saved is not None else None
    if saved is None or q is None:
        return await _page(page, status=404, error=page.t("rc_unknown"), typed=typed[:service.MAX_INPUT_CHARS])
    answers = {k: v for k, v in saved.answers.items() if (qq := q.question(k)) is not None
               and q.scale_of(qq).min <= v <= q.scale_of(qq).max}
    page.session["qid"], page.session["answers"], page.session["bg"] = q.id, answers, saved.background()
    page.session["lang"] = saved.lang
    page.session.pop("rec")
    return await page.redirect(f"/results?lang={saved.lang}&opened=1")


@router.post("/results/code/erase")
async def erase_code(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    mine = page.session.get(SESSION_KEY)
    typed = form.get("code", "") or (mine if isinstance(mine, str) else "")
    if service.normalise(typed) is None:
        return await _page(page, status=400, error=page.t("rc_malformed"))
    done = await run_in_threadpool(service.erase, page.runtime, typed)
    if isinstance(mine, str) and service.normalise(mine) == service.normalise(typed):
        page.session.pop(SESSION_KEY)
    return await page.redirect(f"/results/code?lang={page.lang}&erased={'1' if done else '0'}")
