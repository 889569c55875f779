"""Login routes: ``GET /login?next=`` (to the provider), ``GET /auth/callback`` (back, verified, signed
in, to the safe local ``next``) and ``POST /logout`` (CSRF; local sign-out, then the provider's
end-session endpoint). Without OIDC settings ``/login`` answers 404 with a page saying so."""

from __future__ import annotations

import logging
import weakref

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.api.deps import client_ip
from auroranet.identity import flows
from auroranet.identity.messages import MESSAGES
from auroranet.identity.oidc import LoginError, relying_party
from auroranet.identity.principal import sign_out
from auroranet.network.robustness import TokenBucket
from auroranet.runtime import Runtime
from auroranet.web.messages import register
from auroranet.web.page import Page

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
_buckets: "weakref.WeakKeyDictionary[Runtime, TokenBucket]" = weakref.WeakKeyDictionary()


def mount(app: FastAPI, rt: Runtime) -> None:
    register(MESSAGES)
    app.include_router(router)


def _limited(page: Page) -> bool:
    rt = page.runtime
    bucket = _buckets.get(rt)
    if bucket is None:
        bucket = _buckets[rt] = TokenBucket(rt.settings.oidc_login_per_minute)
    return bucket.take(client_ip(page.request)) > 0


async def _failed(page: Page, exc: LoginError, status: int = 400) -> Response:
    log.warning("login failed", extra={"reason": str(exc)[:80]})
    key = "login_unavailable" if "unavailable" in str(exc) else "login_failed"
    return await page.render("identity/login.html", status=status if key == "login_failed" else 503,
                             message=page.t(key), retry=True)


@router.get("/login")
async def login(request: Request) -> Response:
    page = await Page.open(request)
    if relying_party(page.settings) is None:
        return await page.render("identity/login.html", status=404, message=page.t("login_not_configured"),
                                 retry=False)
    if _limited(page):
        return await page.error(429, "rate_limited")
    nxt = request.query_params.get("next")
    reauth = request.query_params.get("reauth") == "1"
    try:
        url = await run_in_threadpool(lambda: flows.begin_login(page.runtime, page.session, next_path=nxt,
                                                                reauth=reauth))
    except LoginError as exc:
        return await _failed(page, exc)
    return await page.redirect(url)


@router.get("/auth/callback")
async def callback(request: Request) -> Response:
    page = await Page.open(request)
    if relying_party(page.settings) is None:
        return await page.error(404, "not_found")
    if _limited(page):
        return await page.error(429, "rate_limited")
    params = {k: v[:4000] for k, v in request.query_params.items()}
    try:
        target = await run_in_threadpool(lambda: flows.finish_login(page.runtime, page.session, params))
    except LoginError as exc:
        return await _failed(page, exc)
    return await page.redirect(target)


@router.post("/logout")
async def logout(request: Request) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    sign_out(page.session)
    page.session.pop(flows.AUTH_TIME, None)
    url = await run_in_threadpool(lambda: flows.end_session_url(page.runtime))
    return await page.redirect(url or "/")
