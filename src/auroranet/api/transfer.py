"""Session attributes (v1): a connected service hands a person's chosen attributes to the service the
person goes to; the receiver reads them once with the token. Rules in ``network/session_attributes.py``.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from auroranet.api.body import check_codes, parse, read_json
from auroranet.api.deps import REALM, IpLimited, RuntimeDep, V1CallerDep, optional_client
from auroranet.api.errors import V1, ApiError
from auroranet.api.openapi import COMMON, body_schema, errors
from auroranet.errors import InputError
from auroranet.network import schemas
from auroranet.network import session_attributes as sa
from auroranet.usecases.handover import hand_over
from auroranet.usecases.links import link_targets, merge_query, tracking_key, tracking_url
from auroranet.usecases.records import channel

log = logging.getLogger(__name__)
router = APIRouter()


@router.post(f"{V1}/session_attributes", tags=["v1"], summary="Hand attributes to a registered service",
             openapi_extra=body_schema(schemas.SessionAttributesIn),
             responses={200: {"description": "The target URL with auroraai_access_token",
                              "content": {"text/plain": {"schema": {"type": "string"}}}}, **errors(*COMMON, 404)})
async def post_session_attributes(request: Request, rt: RuntimeDep, caller: V1CallerDep) -> Response:
    inp = parse(schemas.SessionAttributesIn, await read_json(request))
    attrs = inp.session_attributes
    await check_codes(rt, None, attrs.municipality_code)
    ch = channel(rt, inp.service_channel_id)
    if ch is None:
        raise ApiError(404, "Service channel id not found", kind="not_found")
    pages = link_targets(ch)
    if await run_in_threadpool(sa.registered_receiver, rt.db, inp.service_channel_id) is None:
        raise ApiError(400, f"Session transfer not allowed. PTV-service-channel {inp.service_channel_id} is not "
                            "registered to any AuroraAI service.", kind="not_registered")
    if not pages:
        raise ApiError(404, "No web page found for channel.", kind="not_found")
    values = attrs.model_dump(exclude_unset=True)
    try:
        issued = await run_in_threadpool(lambda: hand_over(rt, channel_id=inp.service_channel_id, attributes=values))
    except InputError as exc:  # unregistered between the check and now
        raise ApiError(400, exc.message, kind="not_registered") from None
    log.info("session attributes issued", extra={"receiver": issued.client_id, "shared_count": len(issued.shared_attributes)})
    token = issued.token or ""
    if "auroraai_recommendation_id" in inp.model_fields_set and "service_id" in inp.model_fields_set:
        url = tracking_url(rt.settings.public_base_url, key=tracking_key(rt), service_id=inp.service_id,
                           channel_id=inp.service_channel_id, link_id=0,
                           recommendation_id=inp.auroraai_recommendation_id, access_token=token)
    else:
        url = merge_query(pages[0], [("auroraai_access_token", token)])
    return PlainTextResponse(url, headers={"Cache-Control": "no-store"})  # the URL may carry the token


SERVER_SIDE_ONLY = ("The receiving service reads session attributes server-to-server only: read the token from "
                    "its server with HTTP Basic authentication as that service, without an Origin header.")


def _cors(origin: str | None, allowed: bool) -> dict[str, str]:
    headers = {"Vary": "Origin", "Access-Control-Allow-Headers": "Content-Type, Authorization",
               "Access-Control-Allow-Methods": "GET, OPTIONS"}
    if origin and allowed:
        headers["Access-Control-Allow-Origin"] = origin
    return headers


@router.get(f"{V1}/session_attributes", tags=["v1"], summary="Read (once) the attributes behind a token",
            openapi_extra={"parameters": [{"name": "access_token", "in": "query", "required": True,
                                           "schema": {"type": "string"}}]}, dependencies=[IpLimited],
            responses={200: {"description": "The attributes", "content": {"application/json": {"schema": {"type": "object"}}}},
                       **errors(400, 401, 403, 404, 429)})
async def get_session_attributes(request: Request, rt: RuntimeDep) -> Response:
    origin = request.headers.get("origin")
    token = request.query_params.get("access_token", "")
    if not token:
        raise ApiError(400, "access_token is a required parameter", kind="validation_error", headers=_cors(origin, False))
    if not schemas.HEX64.match(token):
        raise ApiError(400, "Invalid access token format", kind="validation_error", headers=_cors(origin, False))
    reader = None
    if request.headers.get("authorization"):
        reader = await optional_client(request, rt)
        if reader is None:
            raise ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": REALM})
    res = await run_in_threadpool(lambda: sa.read_token(rt.db, token, reader=reader, origin=origin))
    if res.status == "server_side_only":
        raise ApiError(403, SERVER_SIDE_ONLY, kind="server_side_reads_only", headers=_cors(origin, False))
    if res.status != "ok":
        raise ApiError(404, "Access token does not exist", kind="not_found", headers=_cors(origin, False))
    allowed = bool(origin and res.client and origin.rstrip("/") in res.client.allowed_origins)
    log.info("session attributes read", extra={"receiver": res.client.id if res.client else None})
    return JSONResponse(res.attributes, headers={**_cors(origin, allowed), "Cache-Control": "no-store"})


@router.options(f"{V1}/session_attributes", tags=["v1"], summary="CORS preflight (no auth)",
                responses={200: {"description": "OK", "content": {"text/plain": {"schema": {"type": "string"}}}}})
async def options_session_attributes(request: Request, rt: RuntimeDep) -> Response:
    origin = request.headers.get("origin")
    allowed = bool(origin) and await run_in_threadpool(rt.receivers.origin_registered, origin or "")
    return PlainTextResponse("OK", headers={**_cors(origin, allowed), "Access-Control-Max-Age": "600"})
