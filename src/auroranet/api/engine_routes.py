"""``recommend_service`` and ``text_search``, v1 and v2: parse, check codes, run the use case off the
event loop under the concurrency limit, render the v1 shape."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import asdict
from typing import Any, Callable, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from auroranet.api.body import check_codes_now, decode_json, parse
from auroranet.api.deps import PendingCaller, pending, runtime_of
from auroranet.api.direct_route import DirectRoute
from auroranet.api.errors import V1, V2, ApiError
from auroranet.api.openapi import COMMON, body_schema, errors
from auroranet.api.responses import json_response
from auroranet.api.v1_encoded import encode_v1
from auroranet.api.v1_format import render_answer
from auroranet.engine.contract import RecommendQuery, SearchQuery, ServiceFilters
from auroranet.errors import InputError
from auroranet.network import schemas
from auroranet.network.mock import is_mock_request
from auroranet.network.schemas import MOCK_MUNICIPALITY, SERVICE_CLASS_PREFIX, ServiceFiltersIn
from auroranet.runtime import Runtime
from auroranet.usage.service import Front
from auroranet.usecases import recommend as uc
from auroranet.usecases.links import tracking_key

router = APIRouter(route_class=DirectRoute)  # the endpoints take the Request alone: no handler chain
T = TypeVar("T")
Rendered = list[dict[str, Any]] | bytes  # v2's service objects, or v1's encoded body


def to_filters(f: ServiceFiltersIn | None) -> ServiceFilters:
    if f is None:
        return ServiceFilters()
    return ServiceFilters(
        municipality_codes=tuple(c for c in f.given("municipality_codes") if c != MOCK_MUNICIPALITY),
        region_codes=tuple(f.given("region_codes")),
        hospital_district_codes=tuple(f.given("hospital_district_codes")),
        wellbeing_service_county_codes=tuple(f.given("wellbeing_service_county_codes")),
        include_national_services=f.include_national_services,
        only_national_services=f.only_national_services,
        service_classes=tuple(u.removeprefix(SERVICE_CLASS_PREFIX) for u in f.given("service_classes")),
        target_groups=tuple(f.given("target_groups")),
        service_collections=tuple(f.given("service_collections")),
        funding_types=tuple(f.given("funding_type")),
    )


async def run_limited(rt: Runtime, call: Callable[[], T], *, limited: bool = True) -> T:
    """Run a use case in the thread pool; engine calls under the concurrency limit (503 when full)."""
    with rt.limits.engine_calls.slot() if limited else nullcontext(True) as free:
        if not free:
            rt.metrics.busy.inc()
            raise ApiError(503, "Server busy.", kind="busy", headers={"Retry-After": "1"})
        try:
            return await rt.limits.engine_calls.run(call) if limited else await run_in_threadpool(call)
        except InputError as exc:
            raise ApiError(400, f"Error in request: {exc.message}", kind="engine_input") from None


def _recommend(rt: Runtime, pending: PendingCaller, raw: bytes, model: type[schemas.RecommendIn], v2: bool
               ) -> tuple[uc.Answer, Rendered, Any]:
    """The whole request in one worker thread: credentials first (401 before anything in the body is looked
    at), then the body, the code lists, the use case and the v1 rendering. An ``InputError`` of the engine
    becomes the 400 in ``run_limited``, which runs this."""
    caller = pending.resolve()
    request = pending.request
    inp = parse(model, decode_json(request.headers.get("content-type", ""), raw))
    v2in = inp if isinstance(inp, schemas.RecommendV2In) else None  # v1 has exactly v1's fields
    municipality = v2in.municipality_code if v2in else None
    check_codes_now(rt, inp.service_filters, municipality)
    offset = v2in.offset if v2in else 0
    lang = v2in.language if v2in else "fi"
    meters: schemas.MetersBase = inp.life_situation_meters
    q = RecommendQuery(meters=meters.averaged(), filters=to_filters(inp.service_filters),
                       age=v2in.age if v2in else None, municipality_code=municipality,
                       life_event=v2in.life_event if v2in else None, lang=lang, limit=inp.limit + offset)
    answer = uc.recommend(rt, q, caller=caller, path=request.scope["path"], session_id=inp.session_id,
                          rerank=inp.rerank, offset=offset, limit=inp.limit, mock=is_mock_request(inp.service_filters))
    return answer, _render(rt, answer, session_id=inp.session_id, v2=v2, lang=lang), inp


def _search(rt: Runtime, pending: PendingCaller, raw: bytes,
            model: type[schemas.TextSearchIn] | type[schemas.TextSearchV2In], v2: bool
            ) -> tuple[uc.Answer, Rendered, Any]:
    """As ``_recommend``, for a text search."""
    caller = pending.resolve()
    request = pending.request
    inp: Any = parse(model, decode_json(request.headers.get("content-type", ""), raw))
    check_codes_now(rt, inp.service_filters)
    lang = inp.language if v2 else "fi"
    q = SearchQuery(text=inp.search_text, filters=to_filters(inp.service_filters), lang=lang, limit=inp.limit,
                    offset=getattr(inp, "offset", 0), age=getattr(inp, "age", None))
    session_id = inp.session_id if v2 else ""  # v1's text_search has no session_id
    answer = uc.search(rt, q, caller=caller, path=request.scope["path"], session_id=session_id, rerank=inp.rerank,
                       record_unmet=bool(v2 and inp.record_unmet_need), mock=is_mock_request(inp.service_filters),
                       nothing_to_search=not v2 and schemas.v1_nothing_to_search(inp.search_text))
    return answer, _render(rt, answer, session_id=session_id, v2=v2, lang=lang), inp


def _render(rt: Runtime, answer: uc.Answer, *, session_id: str, v2: bool, lang: str) -> Rendered:
    """v2: the ``services`` objects; v1: the whole response body, encoded (``v1_encoded``)."""
    if not v2:
        return encode_v1(answer, base_url=rt.settings.public_base_url, key=tracking_key(rt), session_id=session_id)
    return render_answer(answer, base_url=rt.settings.public_base_url, key=tracking_key(rt),
                         session_id=session_id, explanations=True, lang=lang)


async def _run(request: Request, front: Front, work: Callable[[Runtime, PendingCaller, bytes], T]) -> T:
    """Settle the caller as far as the event loop can (``deps.pending``), read the body, then run ``work``
    in the thread pool under the concurrency limit (503 when full). The four hot routes take no FastAPI
    dependencies: they are resolved here, without the per-request dependency solving (the OpenAPI
    document is the same, these dependencies declare no parameters)."""
    rt = runtime_of(request)
    caller = await pending(request, rt, front)
    raw = await request.body()
    return await run_limited(rt, lambda: work(rt, caller, raw))


def _urgent(answer: uc.Answer) -> list[dict[str, Any]]:
    """v2 only: the crisis services (``schemas.UrgentHelpOut``); v1 answers keep their wire shape."""
    return [asdict(h) for h in answer.urgent_help]


@router.post(f"{V1}/recommend_service", tags=["v1"], summary="3X10D recommendations (AuroraAI v1)",
             openapi_extra=body_schema(schemas.RecommendIn),
             responses={200: {"model": schemas.RecommendOut}, **errors(*COMMON, 503)})
async def recommend_service(request: Request) -> Response:
    _, body, _ = await _run(request, "api_v1",
                            lambda rt, who, raw: _recommend(rt, who, raw, schemas.RecommendIn, v2=False))
    assert isinstance(body, bytes)
    return Response(body, media_type="application/json")


@router.post(f"{V1}/text_search", tags=["v1"], summary="Text search (AuroraAI v1)",
             openapi_extra=body_schema(schemas.TextSearchIn),
             responses={200: {"model": schemas.RecommendOut}, **errors(*COMMON, 503)})
async def text_search(request: Request) -> Response:
    _, body, _ = await _run(request, "api_v1",
                            lambda rt, who, raw: _search(rt, who, raw, schemas.TextSearchIn, v2=False))
    assert isinstance(body, bytes)
    return Response(body, media_type="application/json")


@router.post(f"{V2}/recommend_service", tags=["v2"], summary="Recommendations with explanations and paging",
             openapi_extra=body_schema(schemas.RecommendV2In),
             responses={200: {"model": schemas.V2Out}, **errors(*COMMON, 503)})
async def recommend_v2(request: Request) -> Response:
    answer, out, inp = await _run(request, "api_v2",
                                  lambda rt, who, raw: _recommend(rt, who, raw, schemas.RecommendV2In, v2=True))
    return json_response({"urgent_help": _urgent(answer), "recommendation_id": answer.recommendation_id,
                          "language": inp.language,
                          "offset": inp.offset, "limit": inp.limit, "services": out})


@router.post(f"{V2}/text_search", tags=["v2"], summary="Search with explanations, paging and unmet-need recording",
             openapi_extra=body_schema(schemas.TextSearchV2In),
             responses={200: {"model": schemas.V2Out}, **errors(*COMMON, 503)})
async def text_search_v2(request: Request) -> Response:
    answer, out, inp = await _run(request, "api_v2",
                                  lambda rt, who, raw: _search(rt, who, raw, schemas.TextSearchV2In, v2=True))
    return json_response({"urgent_help": _urgent(answer), "recommendation_id": answer.recommendation_id,
                          "language": inp.language,
                          "offset": inp.offset, "limit": inp.limit, "services": out})
