"""The rest of AuroraAI v1: feedback, link tracking, translation (PTV's own texts only) and the
healthcheck."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from auroranet.api.body import parse, read_json
from auroranet.api.deps import IpLimited, RuntimeDep, V1CallerDep
from auroranet.api.errors import V1, ApiError, validation_error
from auroranet.api.openapi import COMMON, body_schema, errors
from auroranet.api.v1_format import format_service
from auroranet.errors import InputError, NotFoundError
from auroranet.network import schemas
from auroranet.usecases.click import follow_link
from auroranet.usecases.feedback import give_feedback
from auroranet.usecases.records import records_for, service

router = APIRouter()


@router.post(f"{V1}/recommendation_feedback", tags=["v1"], summary="Feedback on a recommendation you received",
             openapi_extra=body_schema(schemas.FeedbackIn),
             responses={200: {"description": "OK", "content": {"text/plain": {"schema": {"type": "string"}}}},
                        **errors(*COMMON, 404)})
async def recommendation_feedback(request: Request, rt: RuntimeDep, caller: V1CallerDep) -> Response:
    fb = parse(schemas.FeedbackIn, await read_json(request))
    score = fb.feedback_score if "feedback_score" in fb.model_fields_set else None
    items = [(i.service_id, i.feedback_score) for i in fb.service_feedbacks or []]
    try:
        await run_in_threadpool(give_feedback, rt, caller, fb.auroraai_recommendation_id, score=score, services=items)
    except NotFoundError as exc:
        raise ApiError(404, exc.message, kind="not_found") from None
    return PlainTextResponse("OK")


REDIRECT_PARAMS = {"service_id", "service_channel_id", "link_id", "recommendation_id", "sig", "session_id",
                   "auroraai_access_token"}
# The 302 may carry a single-use attribute token: no cache keeps it, no Referer passes it on.
REDIRECT_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


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
    out["sig"] = q.get("sig", "")[:100]
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
    {"name": "sig", "in": "query", "required": True, "schema": {"type": "string"},
     "description": "The link's signature, as given in the tracking link"},
    {"name": "session_id", "in": "query", "required": False, "schema": {"type": "string"}},
    {"name": "auroraai_access_token", "in": "query", "required": False, "schema": {"type": "string"}},
]


@router.get(f"{V1}/redirect", tags=["v1"], summary="Link tracking: log the click, redirect to the service's page",
            openapi_extra={"parameters": REDIRECT_QUERY}, dependencies=[IpLimited],
            responses={302: {"description": "Redirect to the service's web page"}, **errors(400, 404, 429)})
async def redirect(request: Request, rt: RuntimeDep) -> Response:
    p = _redirect_params(request)
    try:
        url = await run_in_threadpool(
            lambda: follow_link(rt, service_id=p["service_id"], channel_id=p["service_channel_id"],
                                link_id=p["link_id"], recommendation_id=p["recommendation_id"], signature=p["sig"],
                                session_id=p["session_id"], access_token=p["access_token"]))
    except InputError as exc:  # unsigned or altered link
        raise validation_error({"sig": [exc.message]}, query=True) from None
    if url is None:
        raise ApiError(404, "Invalid redirect link", kind="not_found")
    return RedirectResponse(url, status_code=302, headers=REDIRECT_HEADERS)


@router.post(f"{V1}/translation/search_text", tags=["v1"], summary="Search text to Finnish (fi only: no machine translation)",
             openapi_extra=body_schema(schemas.TranslateTextIn),
             responses={200: {"model": schemas.TranslatedTextOut}, **errors(*COMMON, 501)})
async def translate_search_text(request: Request, caller: V1CallerDep) -> Response:
    inp = parse(schemas.TranslateTextIn, await read_json(request))
    if inp.source_language != "fi":
        raise ApiError(501, "Machine translation is not available. Send the search text in Finnish (fi); "
                            "text_search also understands Swedish and English.", kind="not_implemented")
    return JSONResponse({"target_language": "fi", "search_text": inp.search_text})


@router.post(f"{V1}/translation/ptv_service", tags=["v1"], summary="A service in another language (PTV's own texts)",
             openapi_extra=body_schema(schemas.TranslateServiceIn),
             responses={200: {"model": schemas.TranslatedServiceOut}, **errors(*COMMON, 404, 501)})
async def translate_ptv_service(request: Request, rt: RuntimeDep, caller: V1CallerDep) -> Response:
    inp = parse(schemas.TranslateServiceIn, await read_json(request))
    svc = await run_in_threadpool(service, rt, inp.service_id)
    if svc is None:
        raise ApiError(404, "Service not found", kind="not_found")
    lang = inp.target_language
    _, channels = records_for(rt, [svc.id], mock=svc.source == "mock")
    obj = format_service(svc, channels, lang=lang) if lang in ("fi", "sv", "en") else None
    texts: list[Any] = [] if obj is None else [obj["service_name"], obj["service_description"],
                                                obj["service_description_summary"]]
    for ch in obj["service_channels"] if obj else []:
        texts += [ch["service_channel_name"], ch["service_channel_description"], ch["service_channel_description_summary"]]
    if obj is None or not all(texts):
        raise ApiError(501, f"No {lang} texts in PTV for this service and machine translation is "
                            "not available.", kind="not_implemented")
    obj["machine_translated"] = False
    return JSONResponse({"target_language": lang, "service": obj})


@router.get("/service-recommender/healthcheck/", tags=["v1"], summary="Healthcheck",
            responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "OK"}})
async def healthcheck() -> Response:
    return PlainTextResponse("Healthcheck OK")
