"""Typed dependencies for the API's routes: the runtime, the calling client and the rate limit.

    async def route(request: Request, rt: RuntimeDep, caller: V1CallerDep) -> Response: ...

FastAPI resolves these before the handler reads the body, so a request without credentials gets its
401 before anything in its body is looked at (as in v1).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from auroranet.api.errors import ApiError
from auroranet.network.clients import ClientInfo
from auroranet.runtime import Runtime
from auroranet.usage.service import Front
from auroranet.usecases.caller import Caller

REALM = 'Basic realm="Service recommender API"'


def get_runtime(request: Request) -> Runtime:
    rt = request.app.state.runtime
    assert isinstance(rt, Runtime)
    return rt


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def client_ip(request: Request) -> str:
    return "ip:" + (request.client.host if request.client else "unknown")


def rate_limit(rt: Runtime, key: str, per_minute: int | None = None) -> None:
    """429 with Retry-After when ``key`` used up its ``per_minute`` (None: AURORA_RATE_LIMIT_PER_MINUTE)."""
    wait = rt.limits.bucket.take(key, per_minute)
    if wait > 0:
        rt.metrics.rate_limited.inc()
        raise ApiError(429, "Too many requests.", kind="rate_limited",
                       headers={"Retry-After": str(max(1, int(wait + 0.999)))})


def limit_by_ip(request: Request, rt: RuntimeDep) -> None:
    rate_limit(rt, client_ip(request))


IpLimited = Depends(limit_by_ip)


async def optional_client(request: Request, rt: Runtime) -> ClientInfo | None:
    """The authenticated client: from memory when its row was read under ``AURORA_AUTH_RECHECK_SECONDS``
    ago (no thread hop), else its row is read (and scrypt run on a first sight) in a worker thread."""
    header = request.headers.get("authorization")
    if not header:
        return None
    return rt.auth.cached(header) or await run_in_threadpool(rt.auth.authenticate, header)


async def _authenticate(request: Request, rt: Runtime, front: Front) -> Caller:
    """HTTP Basic ``client_id:secret``. Off only when ``require_auth`` is false (local development)."""
    info = await optional_client(request, rt)
    if info is None and rt.settings.require_auth:
        rate_limit(rt, client_ip(request))
        raise ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": REALM})
    request.state.client_id = info.id if info else None
    if info is not None:
        rate_limit(rt, info.id, info.rate_limit_per_minute)
    else:
        rate_limit(rt, client_ip(request))
    return Caller(info, front)


async def v1_caller(request: Request, rt: RuntimeDep) -> Caller:
    return await _authenticate(request, rt, "api_v1")


async def v2_caller(request: Request, rt: RuntimeDep) -> Caller:
    return await _authenticate(request, rt, "api_v2")


V1CallerDep = Annotated[Caller, Depends(v1_caller)]
V2CallerDep = Annotated[Caller, Depends(v2_caller)]
