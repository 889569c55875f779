"""HTTP routes of the network API: v1 (wire-compatible with AuroraAI core components), v2, admin, metrics.

v1 handlers read the raw body themselves so that they can answer exactly as v1 did: plain-text errors
(``Validation error in request data: {...}``), 401 before body validation, 400 for bad UTF-8. A client
that sends ``Accept: application/json`` gets ``{"error", "message", "details"}`` instead. The request
schemas are still published in ``/openapi.json`` (``openapi_extra``), generated from the same pydantic
models that validate.
"""

from __future__ import annotations

import asyncio
import gc
import hmac
import json
import logging
from typing import Any, TypeVar

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from auroranet.errors import AuroraError, InputError, NotFoundError
from auroranet.network import clients, schemas, service
from auroranet.network import session_attributes as sa
from auroranet.network.robustness import ConcurrencyLimiter, Metrics, NetworkMiddleware, TokenBucket
from auroranet.network.service import Caller, CodeError
from auroranet.search.schemas import RecommendQuery, SearchQuery

log = logging.getLogger(__name__)

V1 = "/service-recommender/v1"
V2 = "/service-recommender/v2"
REALM = 'Basic realm="Service recommender API"'
M = TypeVar("M", bound=BaseModel)

router = APIRouter()
EXTRA_SCHEMAS: dict[str, Any] = {}


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


class ApiError(Exception):
    def __init__(self, status: int, message: str, *, details: Any = None, kind: str = "error",
                 headers: dict[str, str] | None = None, prefix: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.details, self.kind = status, message, details, kind
        self.headers = headers or {}
        self.prefix = prefix

    def text(self) -> str:
        if self.prefix is not None:
            return f"{self.prefix}: {self.details!r}"
        return self.message


def validation_error(details: Any, *, query: bool = False) -> ApiError:
    prefix = "Validation error in request query params" if query else "Validation error in request data"
    return ApiError(400, prefix, details=details, kind="validation_error", prefix=prefix)


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "").lower()


def error_response(request: Request, err: ApiError, *, force_json: bool = False) -> Response:
    if force_json or wants_json(request):
        return JSONResponse({"error": err.kind, "message": err.message, "details": err.details},
                            status_code=err.status, headers=err.headers)
    return PlainTextResponse(err.text(), status_code=err.status, headers=err.headers)


async def _api_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(request, exc, force_json=request.url.path.startswith(V2) or request.url.path.startswith("/admin"))


# ---------------------------------------------------------------------------------------------
# Shared steps: auth, rate limit, body
# ---------------------------------------------------------------------------------------------


def _rt(request: Request) -> Any:
    return request.app.state.runtime


def _net(request: Request) -> dict[str, Any]:
    return request.app.state.network  # type: ignore[no-any-return]


def _rate_limit(request: Request, key: str) -> None:
    wait = _net(request)["bucket"].take(key)
    if wait > 0:
        _net(request)["metrics"].rate_limited.inc()
        raise ApiError(429, "Too many requests.", kind="rate_limited", headers={"Retry-After": str(max(1, int(wait + 0.999)))})


def _ip(request: Request) -> str:
    return "ip:" + (request.client.host if request.client else "unknown")


async def authenticate(request: Request) -> Caller:
    """HTTP Basic ``client_id:secret``; runs before the body is read. Off only when require_auth=false."""
    rt = _rt(request)
    header = request.headers.get("authorization")
    info = None
    if header:
        info = clients.cached(header) or await run_in_threadpool(clients.authenticate, rt.db, header)
    if info is None and rt.settings.require_auth:
        _rate_limit(request, _ip(request))
        raise ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": REALM})
    request.state.client_id = info.id if info else None
    _rate_limit(request, info.id if info else _ip(request))
    return Caller(info)


async def read_json(request: Request) -> Any:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype and ctype != "application/json" and not ctype.endswith("+json"):
        raise ApiError(415, "Unsupported content type. Send application/json.", kind="unsupported_media_type")
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "Invalid encoding in request. Only UTF-8 is supported.", kind="invalid_encoding") from None
    if not text.strip():
        raise validation_error({"_schema": ["Invalid input type."]})
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise ApiError(400, "Malformed JSON in request body.", kind="malformed_json") from None


def parse(model: type[M], body: Any) -> M:
    if not isinstance(body, dict):
        raise validation_error({"_schema": ["Invalid input type."]})
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise validation_error(schemas.error_dict(exc)) from None


async def check_codes(request: Request, f: Any, municipality_code: str | None = None) -> None:
    rt = _rt(request)
    try:
        if service.codes_cached(rt):
            service.check_codes(rt, f, municipality_code=municipality_code)
        else:
            await run_in_threadpool(service.check_codes, rt, f, municipality_code=municipality_code)
    except CodeError as exc:
        raise validation_error(exc.details) from None


# ---------------------------------------------------------------------------------------------
# OpenAPI helpers
# ---------------------------------------------------------------------------------------------


def body_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, sub in schema.pop("$defs", {}).items():
        EXTRA_SCHEMAS[name] = sub
    EXTRA_SCHEMAS[model.__name__] = schema
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}}}


TEXT = {"text/plain": {"schema": {"type": "string"}}, "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    desc = {400: "Invalid request (plain text; JSON with Accept: application/json)", 401: "Unauthorized",
            404: "Not found", 413: "Request body too large", 415: "Unsupported content type",
            429: "Too many requests (Retry-After)", 501: "Not available", 503: "Server busy."}
    return {c: {"description": desc[c], "content": TEXT} for c in codes}


COMMON = (400, 401, 413, 415, 429)


# ---------------------------------------------------------------------------------------------
# recommend_service and text_search (v1 and v2)
# ---------------------------------------------------------------------------------------------


async def _run_engine(request: Request, call: Any, *args: Any) -> Any:
    net = _net(request)
    limiter: ConcurrencyLimiter = net["limiter"]
    if not limiter.try_acquire():
        net["metrics"].busy.inc()
        raise ApiError(503, "Server busy.", kind="busy", headers={"Retry-After": "1"})
    try:
        return await run_in_threadpool(call, *args)
    except InputError as exc:
        raise ApiError(400, f"Error in request: {exc.message}", kind="engine_input") from None
    except ModuleNotFoundError:
        raise ApiError(503, "Recommender is not available.", kind="unavailable") from None
    finally:
        limiter.release()


async def _recommend(request: Request, model: type[schemas.RecommendIn], v2: bool) -> tuple[int, list[dict[str, Any]], Any]:
    caller = await authenticate(request)
    body = await read_json(request)
    inp = parse(model, body)
    await check_codes(request, inp.service_filters, inp.municipality_code)
    rt = _rt(request)
    offset = getattr(inp, "offset", 0)
    mock = service.is_mock_request(inp.service_filters)
    q = RecommendQuery(meters=inp.life_situation_meters.averaged(), filters=service.to_filters(inp.service_filters),
                       age=inp.age, municipality_code=inp.municipality_code, life_event=inp.life_event,
                       lang=inp.language, limit=inp.limit + offset)

    def run() -> tuple[int, list[dict[str, Any]]]:
        if mock:
            hits = service.mock_hits()
        else:
            hits = service.engine_recommend(rt, q)
            hits = service.engine_rerank(rt, q, hits) if inp.rerank else hits
        return service.finish(rt, hits, caller=caller, path=request.url.path, session_id=inp.session_id, body=body,
                              mock=mock, explanations=v2 or inp.explanations, lang=inp.language, offset=offset,
                              limit=inp.limit)

    rid, out = await (run_in_threadpool(run) if mock else _run_engine(request, run))
    return rid, out, inp


async def _search(request: Request, model: type[BaseModel], v2: bool) -> tuple[int, list[dict[str, Any]], Any]:
    caller = await authenticate(request)
    body = await read_json(request)
    inp: Any = parse(model, body)
    await check_codes(request, inp.service_filters)
    rt = _rt(request)
    offset = getattr(inp, "offset", 0)
    lang = inp.language if v2 else "fi"
    mock = service.is_mock_request(inp.service_filters)
    filters = service.to_filters(inp.service_filters)
    q = SearchQuery(text=inp.search_text, filters=filters, lang=lang, limit=inp.limit, offset=offset)
    unmet = (inp.search_text, filters) if v2 and inp.record_unmet_need and offset == 0 else None

    def run() -> tuple[int, list[dict[str, Any]]]:
        if mock:
            hits = service.mock_hits()
        else:
            hits = service.engine_search(rt, q)
            hits = service.engine_rerank(rt, q, hits) if inp.rerank else hits
        return service.finish(rt, hits, caller=caller, path=request.url.path, session_id=inp.session_id, body=body,
                              mock=mock, explanations=v2 or inp.explanations, lang=lang, offset=0, limit=inp.limit,
                              unmet=unmet)

    rid, out = await (run_in_threadpool(run) if mock else _run_engine(request, run))
    return rid, out, inp


@router.post(f"{V1}/recommend_service", tags=["v1"], summary="3X10D recommendations (AuroraAI v1)",
             openapi_extra=body_schema(schemas.RecommendIn),
             responses={200: {"model": schemas.RecommendOut}, **errors(*COMMON, 503)})
async def recommend_service(request: Request) -> Response:
    rid, out, _ = await _recommend(request, schemas.RecommendIn, v2=False)
    return JSONResponse({"recommended_services": out, "auroraai_recommendation_id": rid})


@router.post(f"{V1}/text_search", tags=["v1"], summary="Text search (AuroraAI v1)",
             openapi_extra=body_schema(schemas.TextSearchIn),
             responses={200: {"model": schemas.RecommendOut}, **errors(*COMMON, 503)})
async def text_search(request: Request) -> Response:
    rid, out, _ = await _search(request, schemas.TextSearchIn, v2=False)
    return JSONResponse({"recommended_services": out, "auroraai_recommendation_id": rid})


@router.post(f"{V2}/recommend_service", tags=["v2"], summary="Recommendations with explanations and paging",
             openapi_extra=body_schema(schemas.RecommendV2In),
             responses={200: {"model": schemas.V2Out}, **errors(*COMMON, 503)})
async def recommend_v2(request: Request) -> Response:
    rid, out, inp = await _recommend(request, schemas.RecommendV2In, v2=True)
    return JSONResponse({"recommendation_id": rid, "language": inp.language, "offset": inp.offset,
                         "limit": inp.limit, "services": out})


@router.post(f"{V2}/text_search", tags=["v2"], summary="Search with explanations, paging and unmet-need recording",
             openapi_extra=body_schema(schemas.TextSearchV2In),
             responses={200: {"model": schemas.V2Out}, **errors(*COMMON, 503)})
async def text_search_v2(request: Request) -> Response:
    rid, out, inp = await _search(request, schemas.TextSearchV2In, v2=True)
    return JSONResponse({"recommendation_id": rid, "language": inp.language, "offset": inp.offset,
                         "limit": inp.limit, "services": out})


# ---------------------------------------------------------------------------------------------
# Feedback, redirect
# ---------------------------------------------------------------------------------------------


@router.post(f"{V1}/recommendation_feedback", tags=["v1"], summary="Feedback on a recommendation you received",
             openapi_extra=body_schema(schemas.FeedbackIn),
             responses={200: {"description": "OK", "content": {"text/plain": {"schema": {"type": "string"}}}},
                        **errors(*COMMON, 404)})
async def recommendation_feedback(request: Request) -> Response:
    caller = await authenticate(request)
    fb = parse(schemas.FeedbackIn, await read_json(request))
    try:
        await run_in_threadpool(service.record_feedback, _rt(request).db, caller, fb)
    except service.FeedbackNotFound as exc:
        raise ApiError(404, str(exc), kind="not_found") from None
    return PlainTextResponse("OK")


REDIRECT_PARAMS = {"service_id", "service_channel_id", "link_id", "recommendation_id", "session_id",
                   "auroraai_access_token"}


def _redirect_params(request: Request) -> dict[str, Any]:
    q = request.query_params
    errs: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    for key in q.keys():
        if key not in REDIRECT_PARAMS:
            errs[key] = ["Unknown field."]
    for key in ("service_id", "service_channel_id"):
        v = q.get(key)
        if v is None:
            errs[key] = ["Missing data for required field."]
        elif not schemas.UUID4.match(v):
            errs[key] = ["Not a valid UUID."]
        else:
            out[key] = v
    for key, lo, hi in (("link_id", 0, 30), ("recommendation_id", None, None)):
        v = q.get(key)
        if v is None:
            errs[key] = ["Missing data for required field."]
            continue
        try:
            n = int(v) if v.strip().lstrip("-").isdigit() and len(v) < 19 else None
        except ValueError:
            n = None
        if n is None:
            errs[key] = ["Not a valid integer."]
        elif lo is not None and not (lo <= n <= hi):  # type: ignore[operator]
            errs[key] = [f"Must be greater than or equal to {lo} and less than or equal to {hi}."]
        else:
            out[key] = n
    out["session_id"] = q.get("session_id", "")[:200]
    out["access_token"] = q.get("auroraai_access_token", "")[:200]
    if errs:
        raise validation_error(errs, query=True)
    return out


REDIRECT_QUERY = [
    {"name": "service_id", "in": "query", "required": True, "schema": {"type": "string", "format": "uuid"}},
    {"name": "service_channel_id", "in": "query", "required": True, "schema": {"type": "string", "format": "uuid"}},
    {"name": "link_id", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 0, "maximum": 30}},
    {"name": "recommendation_id", "in": "query", "required": True, "schema": {"type": "integer"}},
    {"name": "session_id", "in": "query", "required": False, "schema": {"type": "string"}},
    {"name": "auroraai_access_token", "in": "query", "required": False, "schema": {"type": "string"}},
]


@router.get(f"{V1}/redirect", tags=["v1"], summary="Link tracking: log the click, redirect to the service's page",
            openapi_extra={"parameters": REDIRECT_QUERY},
            responses={302: {"description": "Redirect to the service's web page"}, **errors(400, 404, 429)})
async def redirect(request: Request) -> Response:
    _rate_limit(request, _ip(request))
    p = _redirect_params(request)
    url = await run_in_threadpool(
        lambda: service.follow_redirect(_rt(request), service_id=p["service_id"], channel_id=p["service_channel_id"],
                                        link_id=p["link_id"], recommendation_id=p["recommendation_id"],
                                        session_id=p["session_id"], access_token=p["access_token"]))
    if url is None:
        raise ApiError(404, "Invalid redirect link", kind="not_found")
    return RedirectResponse(url, status_code=302)


# ---------------------------------------------------------------------------------------------
# Session attributes
# ---------------------------------------------------------------------------------------------


@router.post(f"{V1}/session_attributes", tags=["v1"], summary="Hand attributes to a registered service",
             openapi_extra=body_schema(schemas.SessionAttributesIn),
             responses={200: {"description": "The target URL with auroraai_access_token",
                              "content": {"text/plain": {"schema": {"type": "string"}}}}, **errors(*COMMON, 404)})
async def post_session_attributes(request: Request) -> Response:
    await authenticate(request)
    inp = parse(schemas.SessionAttributesIn, await read_json(request))
    attrs = inp.session_attributes
    await check_codes(request, None, attrs.municipality_code)
    rt = _rt(request)
    exists, page = await run_in_threadpool(service.first_page, rt, inp.service_channel_id)
    if not exists:
        raise ApiError(404, "Service channel id not found", kind="not_found")
    receiver = await run_in_threadpool(sa.registered_receiver, rt.db, inp.service_channel_id)
    if receiver is None:
        raise ApiError(400, f"Session transfer not allowed. PTV-service-channel {inp.service_channel_id} is not "
                            "registered to any AuroraAI service.", kind="not_registered")
    if page is None:
        raise ApiError(404, "No web page found for channel.", kind="not_found")
    values = attrs.model_dump(exclude_unset=True)
    issued = await run_in_threadpool(lambda: sa.issue_token(rt.db, rt.settings, channel_id=inp.service_channel_id,
                                                            attributes=values))
    log.info("session attributes issued", extra={"receiver": issued.client_id, "shared_count": len(issued.shared_attributes)})
    token = issued.token or ""
    if "auroraai_recommendation_id" in inp.model_fields_set and "service_id" in inp.model_fields_set:
        url = service.redirect_url(rt.settings, service_id=inp.service_id, channel_id=inp.service_channel_id,
                                   link_id=0, recommendation_id=inp.auroraai_recommendation_id, access_token=token)
    else:
        url = service.merge_query(page, [("auroraai_access_token", token)])
    return PlainTextResponse(url)


def _cors(origin: str | None, allowed: bool) -> dict[str, str]:
    headers = {"Vary": "Origin", "Access-Control-Allow-Headers": "Content-Type, Authorization",
               "Access-Control-Allow-Methods": "GET, OPTIONS"}
    if origin and allowed:
        headers["Access-Control-Allow-Origin"] = origin
    return headers


@router.get(f"{V1}/session_attributes", tags=["v1"], summary="Read (once) the attributes behind a token",
            openapi_extra={"parameters": [{"name": "access_token", "in": "query", "required": True,
                                           "schema": {"type": "string"}}]},
            responses={200: {"description": "The attributes", "content": {"application/json": {"schema": {"type": "object"}}}},
                       **errors(400, 401, 404, 429)})
async def get_session_attributes(request: Request) -> Response:
    _rate_limit(request, _ip(request))
    origin = request.headers.get("origin")
    token = request.query_params.get("access_token", "")
    if not token:
        raise ApiError(400, "access_token is a required parameter", kind="validation_error", headers=_cors(origin, False))
    if not schemas.HEX64.match(token):
        raise ApiError(400, "Invalid access token format", kind="validation_error", headers=_cors(origin, False))
    rt = _rt(request)
    reader = None
    if request.headers.get("authorization"):
        reader = await run_in_threadpool(clients.authenticate, rt.db, request.headers.get("authorization"))
        if reader is None:
            raise ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": REALM})
    res = await run_in_threadpool(lambda: sa.read_token(rt.db, token, reader=reader, origin=origin))
    if res.status != "ok":
        raise ApiError(404, "Access token does not exist", kind="not_found", headers=_cors(origin, False))
    allowed = bool(origin and res.client and origin.rstrip("/") in res.client.allowed_origins)
    log.info("session attributes read", extra={"receiver": res.client.id if res.client else None})
    return JSONResponse(res.attributes, headers={**_cors(origin, allowed), "Cache-Control": "no-store"})


@router.options(f"{V1}/session_attributes", tags=["v1"], summary="CORS preflight (no auth)",
                responses={200: {"description": "OK", "content": {"text/plain": {"schema": {"type": "string"}}}}})
async def options_session_attributes(request: Request) -> Response:
    origin = request.headers.get("origin")
    allowed = bool(origin) and await run_in_threadpool(_origin_ok, _rt(request), origin)
    return PlainTextResponse("OK", headers={**_cors(origin, allowed), "Access-Control-Max-Age": "600"})


def _origin_ok(rt: Any, origin: str) -> bool:
    with rt.db.session() as s:
        return clients.origin_registered(s, origin)


# ---------------------------------------------------------------------------------------------
# Translation, healthcheck
# ---------------------------------------------------------------------------------------------


@router.post(f"{V1}/translation/search_text", tags=["v1"], summary="Search text to Finnish (fi only: no machine translation)",
             openapi_extra=body_schema(schemas.TranslateTextIn),
             responses={200: {"model": schemas.TranslatedTextOut}, **errors(*COMMON, 501)})
async def translate_search_text(request: Request) -> Response:
    await authenticate(request)
    inp = parse(schemas.TranslateTextIn, await read_json(request))
    if inp.source_language != "fi":
        raise ApiError(501, "Machine translation is not available. Send the search text in Finnish (fi); "
                            "text_search also understands Swedish and English.", kind="not_implemented")
    return JSONResponse({"target_language": "fi", "search_text": inp.search_text})


@router.post(f"{V1}/translation/ptv_service", tags=["v1"], summary="A service in another language (PTV's own texts)",
             openapi_extra=body_schema(schemas.TranslateServiceIn),
             responses={200: {"model": schemas.TranslatedServiceOut}, **errors(*COMMON, 404, 501)})
async def translate_ptv_service(request: Request) -> Response:
    await authenticate(request)
    inp = parse(schemas.TranslateServiceIn, await read_json(request))
    try:
        obj = await run_in_threadpool(service.translated_service, _rt(request), inp.service_id, inp.target_language)
    except service.TranslationUnavailable:
        raise ApiError(501, f"No {inp.target_language} texts in PTV for this service and machine translation is "
                            "not available.", kind="not_implemented") from None
    if obj is None:
        raise ApiError(404, "Service not found", kind="not_found")
    return JSONResponse({"target_language": inp.target_language, "service": obj})


@router.get("/service-recommender/healthcheck/", tags=["v1"], summary="Healthcheck",
            responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "OK"}})
async def healthcheck() -> Response:
    return PlainTextResponse("Healthcheck OK")


@router.get("/metrics", tags=["ops"], summary="Prometheus metrics",
            responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Metrics"}})
async def metrics(request: Request) -> Response:
    body, ctype = _net(request)["metrics"].render()
    return Response(body, media_type=ctype)


# ---------------------------------------------------------------------------------------------
# Admin API for the client registry (Authorization: Bearer <settings.admin_key>)
# ---------------------------------------------------------------------------------------------


class ClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: dict[str, str] = Field(description="fi/sv/en")
    descriptions: dict[str, str] = Field(default_factory=dict)
    provider: dict[str, str] = Field(default_factory=dict)
    type: str = "EChannel"
    channel_ids: list[str] = Field(default_factory=list, max_length=100)
    receivable_attributes: list[str] = Field(default_factory=list, max_length=3)
    allowed_origins: list[str] = Field(default_factory=list, max_length=50)
    redirect_uris: list[str] = Field(default_factory=list, max_length=50)


def _admin(request: Request) -> None:
    key = _rt(request).settings.admin_key
    if not key:
        raise ApiError(404, "Not found.", kind="not_found")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), key.encode()):
        raise ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": "Bearer"})


def _admin_call(request: Request, fn: Any) -> Any:
    try:
        with _rt(request).db.session() as s:
            return fn(s)
    except NotFoundError as exc:
        raise ApiError(404, exc.message, kind="not_found") from None
    except AuroraError as exc:
        raise ApiError(exc.status_code, exc.message, kind="invalid") from None


ADMIN_ERRORS = errors(401, 404)


@router.get("/admin/clients", tags=["admin"], summary="List connected services", responses=ADMIN_ERRORS)
def admin_list(request: Request) -> Response:
    _admin(request)
    return JSONResponse([c.public() for c in _admin_call(request, clients.list_clients)])


@router.post("/admin/clients", tags=["admin"], status_code=201, summary="Register a connected service",
             responses={**ADMIN_ERRORS, **errors(400)})
def admin_add(request: Request, body: ClientCreate) -> Response:
    _admin(request)
    new = _admin_call(request, lambda s: clients.add_client(s, **body.model_dump()))
    return JSONResponse({"client": new.info.public(), "client_secret": new.secret}, status_code=201,
                        headers={"Cache-Control": "no-store"})


@router.get("/admin/clients/{client_id}", tags=["admin"], summary="One connected service", responses=ADMIN_ERRORS)
def admin_get(request: Request, client_id: str) -> Response:
    _admin(request)
    info = _admin_call(request, lambda s: clients.get_client(s, client_id))
    if info is None:
        raise ApiError(404, f"client {client_id} not found", kind="not_found")
    return JSONResponse(info.public())


@router.post("/admin/clients/{client_id}/rotate-secret", tags=["admin"], summary="New secret (shown once)",
             responses=ADMIN_ERRORS)
def admin_rotate(request: Request, client_id: str) -> Response:
    _admin(request)
    secret = _admin_call(request, lambda s: clients.rotate_secret(s, client_id))
    return JSONResponse({"client_id": client_id, "client_secret": secret}, headers={"Cache-Control": "no-store"})


@router.delete("/admin/clients/{client_id}", tags=["admin"], status_code=204, summary="Remove a connected service",
               responses=ADMIN_ERRORS)
def admin_remove(request: Request, client_id: str) -> Response:
    _admin(request)
    _admin_call(request, lambda s: clients.remove_client(s, client_id))
    return Response(status_code=204)


# ---------------------------------------------------------------------------------------------
# Wiring
# ---------------------------------------------------------------------------------------------

PURGE_INTERVAL_SECONDS = 600.0


def purge_all(rt: Any) -> tuple[int, int]:
    return sa.purge_expired(rt.db), service.purge_old_records(rt.db, rt.settings.log_retention_days)


def setup(app: FastAPI, runtime: Any) -> None:
    settings = runtime.settings
    metrics_ = Metrics()
    app.state.network = {"metrics": metrics_, "bucket": TokenBucket(settings.rate_limit_per_minute),
                         "limiter": ConcurrencyLimiter(settings.max_concurrent_recommendations), "task": None}
    app.add_exception_handler(ApiError, _api_error_handler)
    app.add_middleware(NetworkMiddleware, max_bytes=settings.max_request_bytes, metrics=metrics_)

    previous = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = previous()
        comps = schema.setdefault("components", {}).setdefault("schemas", {})
        comps.update(EXTRA_SCHEMAS)
        comps.setdefault("ErrorOut", schemas.ErrorOut.model_json_schema())
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]

    async def purge_loop() -> None:
        interval = float(runtime.extras.get("network.purge_interval", PURGE_INTERVAL_SECONDS))
        while True:
            try:
                await asyncio.to_thread(purge_all, runtime)
            except Exception as exc:  # noqa: BLE001 - retried next round
                log.warning("purge failed", extra={"error_type": type(exc).__name__})
            await asyncio.sleep(interval)

    async def start() -> None:
        # The search index built before startup is hundreds of thousands of long-lived objects; without
        # this every full collection walks them all (tens of ms, charged to whichever request runs then).
        gc.collect()
        gc.freeze()
        app.state.network["task"] = asyncio.create_task(purge_loop())

    async def stop() -> None:
        gc.unfreeze()
        task = app.state.network.get("task")
        if task is not None:
            task.cancel()
            try:
                await task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001
                pass

    app.state.startup_hooks.append(start)
    app.state.shutdown_hooks.append(stop)
