"""Typed dependencies for the API's routes: the runtime, the calling client and the rate limit.

    async def route(request: Request, rt: RuntimeDep, caller: V1CallerDep) -> Response: ...

FastAPI resolves these before the handler reads the body, so a request without credentials gets its
401 before anything in its body is looked at (as in v1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from auroranet.api.errors import ApiError
from auroranet.network.clients import ClientInfo
from auroranet.runtime import Runtime
from auroranet.usage.service import Front
from auroranet.usecases.caller import Caller

REALM = 'Basic realm="Service recommender API"'


def runtime_of(request: Request) -> Runtime:
    rt = request.app.state.runtime
    assert isinstance(rt, Runtime)
    return rt


async def get_runtime(request: Request) -> Runtime:
    """``async`` on purpose, as every dependency here: FastAPI runs a plain ``def`` dependency in the
    thread pool, a thread hop per request for what is an attribute read."""
    return runtime_of(request)


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


async def limit_by_ip(request: Request, rt: RuntimeDep) -> None:
    rate_limit(rt, client_ip(request))


IpLimited = Depends(limit_by_ip)


async def optional_client(request: Request, rt: Runtime) -> ClientInfo | None:
    """The authenticated client: from memory when its row was read under ``AURORA_AUTH_RECHECK_SECONDS``
    ago (no thread hop), else its row is read (and scrypt run on a first sight) in a worker thread."""
    header = request.headers.get("authorization")
    if not header:
        return None
    return rt.auth.cached(header) or await run_in_threadpool(rt.auth.authenticate, header)


def admit(rt: Runtime, info: ClientInfo | None, ip: str, front: Front) -> Caller:
    """The 401 (no or wrong credentials while ``require_auth``) and the rate limits, once the client is known."""
    if info is None and rt.settings.require_auth:
        rate_limit(rt, ip)
        raise ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": REALM})
    if info is not None:
        rate_limit(rt, info.id, info.rate_limit_per_minute)
    else:
        rate_limit(rt, ip)
    return Caller(info, front)


async def _authenticate(request: Request, rt: Runtime, front: Front) -> Caller:
    """HTTP Basic ``client_id:secret``. Off only when ``require_auth`` is false (local development)."""
    info = await optional_client(request, rt)
    caller = admit(rt, info, client_ip(request), front)
    request.state.client_id = caller.client_id
    return caller


async def v1_caller(request: Request, rt: RuntimeDep) -> Caller:
    return await _authenticate(request, rt, "api_v1")


async def v2_caller(request: Request, rt: RuntimeDep) -> Caller:
    return await _authenticate(request, rt, "api_v2")


V1CallerDep = Annotated[Caller, Depends(v1_caller)]
V2CallerDep = Annotated[Caller, Depends(v2_caller)]


@dataclass(frozen=True)
class PendingCaller:
    """The caller of the two hot routes (recommend_service, text_search), perhaps not checked yet: when the
    credentials were verified before (within the cache TTL), ``resolve`` re-reads the registry row in the
    same worker thread as the use case, one thread hop per request instead of two. First sight, wrong
    credentials and no credentials are settled before (``pending``), outside the engine's concurrency
    limit, so key derivation for a flood of bad credentials never holds an engine slot. The route calls
    ``resolve`` before it looks at the body: a request without valid credentials still gets its 401 first
    (as in v1)."""

    request: Request
    rt: Runtime
    front: Front
    caller: Caller | None = None  # settled already

    def resolve(self) -> Caller:
        if self.caller is not None:
            return self.caller
        info = self.rt.auth.authenticate(self.request.headers.get("authorization"))
        caller = admit(self.rt, info, client_ip(self.request), self.front)
        self.request.state.client_id = caller.client_id
        return caller


async def pending(request: Request, rt: Runtime, front: Front) -> PendingCaller:
    header = request.headers.get("authorization")
    if rt.auth.cached(header) is None and rt.auth.verified_before(header):
        return PendingCaller(request, rt, front)
    return PendingCaller(request, rt, front, await _authenticate(request, rt, front))
