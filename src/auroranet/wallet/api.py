"""The wallet's JSON API under /api/wallet/v1, for a person's front end and for providers. The same use
cases as the web pages (wallets.py, orders.py); authentication in api_auth.py; every write takes an
``Idempotency-Key`` header (the same key with another body is 409).

    POST /api/wallet/v1/claims                         a claim code -> an anonymous wallet (its wallet code once)
    GET  /api/wallet/v1/session                        the CSRF token for a cookie-based front end
    POST /api/wallet/v1/wallets                        a signed-in, eligible person opens a wallet
    GET  /api/wallet/v1/wallet                         balance, reserved, expiry, services with prices, history
    POST /api/wallet/v1/wallet/orders                  order a service
    POST /api/wallet/v1/wallet/orders/{code}/cancel    cancel before the provider confirms
    GET  /api/wallet/v1/provider/orders                a provider's pseudonymous orders (?status=, ?provider=)
    POST /api/wallet/v1/provider/orders/{code}/{op}    confirm, reject or deliver (mark done)
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Callable

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.api.body import parse, read_json
from auroranet.api.deps import IpLimited, RuntimeDep
from auroranet.api.errors import ApiError
from auroranet.api.openapi import body_schema, errors
from auroranet.api.responses import json_response
from auroranet.catalogue import service as catalogue
from auroranet.errors import AuroraError
from auroranet.i18n import negotiate, pick
from auroranet.runtime import Runtime
from auroranet.wallet import orders, wallets
from auroranet.wallet.api_auth import (IdempotencyKey, PersonDep, ProviderCallerDep, WalletCallerDep, refused,
                                       unauthorized)
from auroranet.wallet.api_schemas import (ClaimIn, ClaimOut, OpenIn, OpenOut, OrderIn, OrderResult, OrderStatus,
                                          ProviderOp, ProviderOrderOut, ProviderOrdersOut, SessionOut, WalletOut)
from auroranet.wallet.views import SESSION_KEY
from auroranet.web.page import Page

PREFIX = "/api/wallet/v1"
router = APIRouter(prefix=PREFIX, tags=["wallet"], dependencies=[IpLimited])
ORDER_CODE = re.compile(r"^T-[A-Z0-9]{8}$")
WRITE_ERRORS = errors(400, 401, 403, 404, 413, 415, 429)
CONFLICT: dict[int | str, dict[str, Any]] = {409: {
    "description": "Refused: the order's state, money, limits, a blocked wallet, or the key reused with another body"}}


async def _run(fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return await run_in_threadpool(fn)
    except AuroraError as exc:
        raise refused(exc) from None


def _written(result: dict[str, Any], model: type[OrderResult] | type[ClaimOut] | type[OpenOut]) -> Response:
    body = model.model_validate(result).model_dump(mode="json")
    return json_response(body, 200 if result.get("replayed") else 201)


def _order_code(code: str) -> str:
    if not ORDER_CODE.match(code):
        raise ApiError(404, "No such order.", kind="not_found")
    return code


@router.post("/claims", summary="Turn a claim code into an anonymous wallet", openapi_extra=body_schema(ClaimIn),
             responses={201: {"model": ClaimOut}, 200: {"description": "A replay (no wallet code)"}, **CONFLICT,
                        **WRITE_ERRORS})
async def claim(request: Request, rt: RuntimeDep, key: IdempotencyKey = None) -> Response:
    body = parse(ClaimIn, await read_json(request))
    result = await _run(lambda: wallets.claim(rt, body.code, age=body.age, municipality=body.municipality,
                                              key=key or ""))
    return _written({"wallet_code": result.get("wallet_code"), "replayed": bool(result.get("replayed"))}, ClaimOut)


@router.get("/session", summary="The CSRF token of this browser session (cookie-based front ends)",
            responses={200: {"model": SessionOut}, **errors(401, 429)})
async def session(request: Request, rt: RuntimeDep) -> Response:
    page = await Page.open(request)
    if not page.session.loaded_sid:
        raise unauthorized("Session")
    p = page.principal
    mine = await run_in_threadpool(wallets.wallets_of_person, rt, p.subject) if p and p.kind == "person" else {}
    held = page.session.get(SESSION_KEY)
    progs = sorted(set(mine) | ({await run_in_threadpool(_programme_of, rt, int(held))} if held else set()))
    return json_response(SessionOut(csrf_token=page.session.csrf_token(), signed_in=p is not None,
                                    wallets=[x for x in progs if x]).model_dump())


def _programme_of(rt: Runtime, wallet_id: int) -> str:
    w = wallets.summary(rt, wallet_id)
    return w.programme_id if w else ""


@router.post("/wallets", summary="A signed-in, eligible person opens a wallet (session cookie + X-CSRF-Token)",
             openapi_extra=body_schema(OpenIn), responses={201: {"model": OpenOut}, **CONFLICT, **WRITE_ERRORS})
async def open_wallet(request: Request, rt: RuntimeDep, person: PersonDep, key: IdempotencyKey = None) -> Response:
    page, p = person
    body = parse(OpenIn, await read_json(request))
    q, answers, _ = page.current()
    facts = wallets.Facts(age=body.age, municipality=body.municipality,
                          life_event=body.life_event if body.life_event in rt.life_events else None,
                          meters=q.meters(answers) if q else {})
    result = await _run(lambda: wallets.open_for_person(rt, p.subject, body.programme, facts, key=key or ""))
    return _written({"programme": body.programme, "existing": bool(result.get("existing")),
                     "replayed": bool(result.get("replayed"))}, OpenOut)


def _service_names(rt: Runtime, ids: list[str], lang: str) -> dict[str, str]:
    with rt.db.session() as s:
        found = {sid: catalogue.get_service(s, sid) for sid in dict.fromkeys(ids)}
    return {sid: pick(dict(svc.names), lang) for sid, svc in found.items() if svc is not None}


@router.get("/wallet", summary="The wallet: balance, reserved, expiry, services with prices, history",
            responses={200: {"model": WalletOut}, **errors(400, 401, 404, 429)})
async def wallet(request: Request, rt: RuntimeDep, caller: WalletCallerDep,
                 lang: Annotated[str | None, Query(pattern="^(fi|sv|en)$")] = None) -> Response:
    summary = await run_in_threadpool(wallets.summary, rt, caller.wallet_id)
    if summary is None:
        raise ApiError(404, "No such wallet.", kind="not_found")
    history = await run_in_threadpool(orders.of_wallet, rt, caller.wallet_id)
    language = lang or negotiate(request.headers.get("accept-language"))
    names = await run_in_threadpool(_service_names, rt, [o.service_id for o in summary.offers], language)
    return json_response(WalletOut.of(summary, history, names, language).model_dump(mode="json"))


@router.post("/wallet/orders", summary="Order a service (funds are reserved)", openapi_extra=body_schema(OrderIn),
             responses={201: {"model": OrderResult}, **CONFLICT, **WRITE_ERRORS})
async def place(request: Request, rt: RuntimeDep, caller: WalletCallerDep, key: IdempotencyKey = None) -> Response:
    body = parse(OrderIn, await read_json(request))
    result = await _run(lambda: orders.place(rt, caller.wallet_id, provider_id=body.provider_id,
                                             service_id=body.service_id, contact=body.contact, key=key or ""))
    return _written(result, OrderResult)


@router.post("/wallet/orders/{code}/cancel", summary="Cancel an order the provider has not confirmed (or any open one of a deactivated provider)",
             responses={200: {"model": OrderResult}, **CONFLICT, **WRITE_ERRORS})
async def cancel(code: str, rt: RuntimeDep, caller: WalletCallerDep, key: IdempotencyKey = None) -> Response:
    result = await _run(lambda: orders.cancel(rt, caller.wallet_id, _order_code(code), key=key or ""))
    return json_response(OrderResult.model_validate(result).model_dump(mode="json"))


@router.get("/provider/orders", summary="A provider's orders: order codes, services, prices, states",
            responses={200: {"model": ProviderOrdersOut}, **errors(400, 401, 403, 429)})
async def provider_orders(rt: RuntimeDep, caller: ProviderCallerDep, status: OrderStatus | None = None,
                          limit: Annotated[int, Query(ge=1, le=500)] = 200) -> Response:
    rows = await run_in_threadpool(lambda: orders.of_provider(rt, caller.provider_id, limit, status))
    out = ProviderOrdersOut(provider_id=caller.provider_id, orders=[ProviderOrderOut.of(o) for o in rows])
    return json_response(out.model_dump(mode="json"))


@router.post("/provider/orders/{code}/{op}", summary="Confirm, reject or deliver (mark done) an order",
             responses={200: {"model": OrderResult}, **CONFLICT, **WRITE_ERRORS})
async def provider_action(code: str, op: ProviderOp, rt: RuntimeDep, caller: ProviderCallerDep,
                          key: IdempotencyKey = None) -> Response:
    result = await _run(lambda: orders.provider_action(rt, caller.provider_id, _order_code(code), op,
                                                       actor=caller.actor, key=key or ""))
    return json_response(OrderResult.model_validate(result).model_dump(mode="json"))


def mount(app: FastAPI) -> None:
    app.include_router(router)
