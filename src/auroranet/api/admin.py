"""Admin API for the client registry (``Authorization: Bearer <AURORA_ADMIN_KEY>``; 404 when no key is
configured). Secrets are shown once, never stored in clear.

The key is checked before anything in the body is read. Wrong keys are counted per client IP in this
process: after ``AURORA_ADMIN_MAX_FAILURES_PER_MINUTE`` (10) failures every admin call from that IP gets
429 with ``Retry-After`` until the bucket refills (one try per 6 s), whatever key it sends."""

from __future__ import annotations

import hmac
from typing import Callable, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from auroranet.api.body import parse, read_json
from auroranet.api.deps import RuntimeDep, client_ip
from auroranet.api.errors import ApiError
from auroranet.api.openapi import body_schema, errors
from auroranet.errors import AuroraError, NotFoundError
from auroranet.network import clients
from auroranet.network.clients import MAX_RATE_LIMIT_PER_MINUTE
from auroranet.runtime import Runtime

router = APIRouter()
T = TypeVar("T")

RateLimit = Field(default=None, ge=1, le=MAX_RATE_LIMIT_PER_MINUTE,
                  description="Requests a minute for this client; null: the deployment default")


class ClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    names: dict[str, str] = Field(description="fi/sv/en")
    descriptions: dict[str, str] = Field(default_factory=dict)
    provider: dict[str, str] = Field(default_factory=dict)
    type: str = "EChannel"
    channel_ids: list[str] = Field(default_factory=list, max_length=100)
    receivable_attributes: list[str] = Field(default_factory=list, max_length=3)
    allowed_origins: list[str] = Field(default_factory=list, max_length=50,
                                       description="scheme://host[:port]; https, or http for localhost")
    rate_limit_per_minute: int | None = RateLimit
    privacy_notice_url: str | None = Field(default=None, max_length=500, description="https URL")
    server_side_reads_only: bool = False
    oauth_redirect_uris: list[str] = Field(default_factory=list, max_length=20,
                                           description="OAuth2 redirect URIs, exact; https, or http for localhost")


class ClientUpdate(BaseModel):
    """Only the fields sent are changed; null clears the rate limit and the privacy notice."""

    model_config = ConfigDict(extra="forbid", strict=True)

    active: bool | None = None
    allowed_origins: list[str] | None = Field(default=None, max_length=50)
    rate_limit_per_minute: int | None = RateLimit
    privacy_notice_url: str | None = Field(default=None, max_length=500)
    server_side_reads_only: bool | None = None
    oauth_redirect_uris: list[str] | None = Field(default=None, max_length=20)


async def _admin(request: Request, rt: RuntimeDep) -> None:
    key = rt.settings.admin_key
    if not key:
        raise ApiError(404, "Not found.", kind="not_found")
    ip = client_ip(request)
    failures = rt.limits.admin_failures
    wait = failures.peek(ip)
    if wait > 0:
        rt.metrics.rate_limited.inc()
        raise ApiError(429, "Too many failed admin requests.", kind="rate_limited",
                       headers={"Retry-After": str(max(1, int(wait + 0.999)))})
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), key.encode()):
        failures.take(ip)
        raise ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": "Bearer"})


def _call(rt: Runtime, fn: Callable[[Session], T]) -> T:
    try:
        with rt.db.session() as s:
            out = fn(s)
        rt.receivers.invalidate()
        rt.auth.clear()  # this process refuses a rotated / removed / deactivated client at once
        return out
    except NotFoundError as exc:
        raise ApiError(404, exc.message, kind="not_found") from None
    except AuroraError as exc:
        raise ApiError(exc.status_code, exc.message, kind="invalid") from None


async def _admin_call(rt: Runtime, fn: Callable[[Session], T]) -> T:
    return await run_in_threadpool(_call, rt, fn)


ADMIN_ERRORS = errors(401, 404, 429)
BODY_ERRORS = {**ADMIN_ERRORS, **errors(400, 413, 415)}
ADMIN = [Depends(_admin)]
NO_STORE = {"Cache-Control": "no-store"}


@router.get("/admin/clients", tags=["admin"], summary="List connected services", responses=ADMIN_ERRORS, dependencies=ADMIN)
async def admin_list(rt: RuntimeDep) -> Response:
    return JSONResponse([c.public() for c in await _admin_call(rt, clients.list_clients)])


@router.post("/admin/clients", tags=["admin"], status_code=201, summary="Register a connected service",
             openapi_extra=body_schema(ClientCreate), responses=BODY_ERRORS, dependencies=ADMIN)
async def admin_add(request: Request, rt: RuntimeDep) -> Response:
    body = parse(ClientCreate, await read_json(request))
    new = await _admin_call(rt, lambda s: clients.add_client(s, **body.model_dump()))
    return JSONResponse({"client": new.info.public(), "client_secret": new.secret}, status_code=201, headers=NO_STORE)


@router.get("/admin/clients/{client_id}", tags=["admin"], summary="One connected service", responses=ADMIN_ERRORS, dependencies=ADMIN)
async def admin_get(rt: RuntimeDep, client_id: str) -> Response:
    info = await _admin_call(rt, lambda s: clients.get_client(s, client_id))
    if info is None:
        raise ApiError(404, f"client {client_id} not found", kind="not_found")
    return JSONResponse(info.public())


@router.patch("/admin/clients/{client_id}", tags=["admin"], summary="Change or (de)activate a connected service",
              openapi_extra=body_schema(ClientUpdate), responses=BODY_ERRORS, dependencies=ADMIN)
async def admin_update(request: Request, rt: RuntimeDep, client_id: str) -> Response:
    changes = parse(ClientUpdate, await read_json(request)).model_dump(exclude_unset=True)
    info = await _admin_call(rt, lambda s: clients.update_client(s, client_id, **changes))
    return JSONResponse(info.public())


@router.post("/admin/clients/{client_id}/rotate-secret", tags=["admin"], summary="New secret (shown once)",
             responses=ADMIN_ERRORS, dependencies=ADMIN)
async def admin_rotate(rt: RuntimeDep, client_id: str) -> Response:
    secret = await _admin_call(rt, lambda s: clients.rotate_secret(s, client_id))
    return JSONResponse({"client_id": client_id, "client_secret": secret}, headers=NO_STORE)


@router.delete("/admin/clients/{client_id}", tags=["admin"], status_code=204, summary="Remove a connected service",
               responses=ADMIN_ERRORS, dependencies=ADMIN)
async def admin_remove(rt: RuntimeDep, client_id: str) -> Response:
    await _admin_call(rt, lambda s: clients.remove_client(s, client_id))
    return Response(status_code=204)
