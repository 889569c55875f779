"""Operations: Prometheus metrics for this process (HTTP, limits) and for the shared store (jobs, the
catalogue snapshot).

``/metrics`` is not public by default. With ``AURORA_METRICS_TOKEN`` set it needs
``Authorization: Bearer <token>`` (compared in constant time) from any peer; without a token it answers
only loopback peers (a scraper on the same host) unless ``AURORA_METRICS_PUBLIC=true``. Anyone else gets
404. Behind a reverse proxy on the same host, have the proxy send ``X-Forwarded-For`` (uvicorn then sees
the real peer) or do not route ``/metrics`` through it. (A wrong or missing token gets 401.)
"""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import APIRouter, Request
from fastapi.responses import Response

from auroranet.api.deps import RuntimeDep
from auroranet.api.errors import ApiError
from auroranet.api.openapi import errors

router = APIRouter()


def _check_access(request: Request, token: str | None, public: bool) -> None:
    if token:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": "Bearer"})
        return
    if public:
        return
    peer = request.client.host if request.client else ""
    try:
        local = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        local = False
    if not local:
        raise ApiError(404, "Not found.", kind="not_found")


@router.get("/metrics", tags=["ops"], summary="Prometheus metrics (loopback or Bearer token)",
            responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Metrics"},
                       **errors(401, 404)})
async def metrics(request: Request, rt: RuntimeDep) -> Response:
    _check_access(request, rt.settings.metrics_token, rt.settings.metrics_public)
    body, ctype = rt.metrics.render()
    return Response(body, media_type=ctype)
