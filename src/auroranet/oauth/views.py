"""OAuth2 routes. The person's side (web pages, CSRF, signed in): ``GET /oauth/authorize`` checks the
request and keeps it in the session, ``GET|POST /oauth/consent/{id}`` is the consent screen. The
connected service's side (JSON, no cookies): ``POST /oauth/token`` (HTTP Basic, PKCE verifier) and
``GET /oauth/attributes`` (Bearer token: only the granted attributes)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from auroranet.api.deps import client_ip
from auroranet.i18n import pick
from auroranet.oauth import flows
from auroranet.oauth.messages import MESSAGES
from auroranet.runtime import Runtime
from auroranet.usecases.handover import privacy_notice
from auroranet.vocab import meter_name
from auroranet.web.messages import register
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def mount(app: FastAPI, rt: Runtime) -> None:
    register(MESSAGES)
    app.include_router(router)


async def _refused(page: Page, exc: flows.Refused) -> Response:
    return await page.render("error.html", status=exc.status, message=page.t("oauth_bad_request"))


@router.get("/oauth/authorize")
async def authorize(request: Request) -> Response:
    page = await Page.open(request)
    items = list(request.query_params.multi_items())
    try:
        asked = await run_in_threadpool(flows.check_request, page.runtime, items)
    except flows.Refused as exc:
        return await _refused(page, exc)
    req_id = flows.remember(page.session, asked)
    return await page.redirect(f"/oauth/consent/{req_id}")


def _label(page: Page, key: str, value: Any) -> str:
    if key == "municipality_code":
        value = pick(page.reference.municipalities.get(str(value), {}), page.lang) or value
    elif key == "life_situation_meters" and isinstance(value, dict):
        value = ", ".join(f"{meter_name(k, page.lang)} {v[0] if isinstance(v, list) and v else v}/10"
                          for k, v in value.items())  # on the 0–10 scale, as the results page shows it
    return page.t(f"oauth_attr_{key}", value=value)


@router.get("/oauth/consent/{req_id}")
async def consent_form(request: Request, req_id: str) -> Response:
    page = await Page.open(request)
    who = await page.signed_in(f"/oauth/consent/{req_id[:64]}")
    if isinstance(who, Response):
        return who
    rt = page.runtime
    try:
        asked = await run_in_threadpool(flows.pending, rt, page.session, req_id)
    except flows.Refused as exc:
        return await _refused(page, exc)
    values = await run_in_threadpool(flows.offered, rt, who.subject, asked)
    items = [(k, _label(page, k, values[k])) for k in asked.scopes if k in values]
    missing = [page.t("oauth_missing", name=page.t(f"oauth_name_{k}")) for k in asked.scopes if k not in values]
    client = asked.client
    return await page.render("oauth/consent.html", req_id=req_id, items=items, missing=missing,
                             service=pick(client.names, page.lang) or client.id,
                             provider=pick(client.provider, page.lang) or "–",
                             privacy_notice=privacy_notice(client), minutes=rt.settings.oauth_token_ttl_seconds // 60)


@router.post("/oauth/consent/{req_id}")
async def consent(request: Request, req_id: str) -> Response:
    page, form = await Page.posted(request)
    if isinstance(form, Response):
        return form
    who = await page.signed_in(f"/oauth/consent/{req_id[:64]}")
    if isinstance(who, Response):
        return who
    ticked = (await page.form_list("share"))[:20] if form.get("action") == "share" else []
    rt = page.runtime
    try:
        location = await run_in_threadpool(flows.decide, rt, page.session, req_id, who.subject, ticked)
    except flows.Refused as exc:
        return await _refused(page, exc)
    return await page.redirect(location)


def _limited(request: Request, rt: Runtime) -> bool:
    return rt.limits.bucket.take(client_ip(request)) > 0


@router.post("/oauth/token")
async def token(request: Request) -> Response:
    rt: Runtime = request.app.state.runtime
    if _limited(request, rt):
        return JSONResponse({"error": "slow_down"}, status_code=429, headers={"Retry-After": "1", **NO_STORE})
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return JSONResponse({"error": "invalid_request", "error_description": "use application/x-www-form-urlencoded"},
                            status_code=400, headers=NO_STORE)
    form = await request.form()
    items = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
    status, body, headers = await run_in_threadpool(flows.token, rt, items, request.headers.get("authorization"))
    out = {k: v for k, v in headers if k.lower() not in ("cache-control", "pragma", "content-type")}
    return JSONResponse(body, status_code=status, headers={**out, **NO_STORE})


@router.get("/oauth/attributes")
async def attributes(request: Request) -> Response:
    rt: Runtime = request.app.state.runtime
    if _limited(request, rt):
        return JSONResponse({"error": "slow_down"}, status_code=429, headers={"Retry-After": "1", **NO_STORE})
    data = await run_in_threadpool(flows.read, rt, request.headers.get("authorization"))
    if data is None:
        return JSONResponse({"error": "invalid_token"}, status_code=401,
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"', **NO_STORE})
    return JSONResponse({"attributes": data}, headers=NO_STORE)
