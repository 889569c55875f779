"""Operations: Prometheus metrics for this process (HTTP, limits) and for the shared store (jobs, the
catalogue snapshot)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from auroranet.api.deps import RuntimeDep

router = APIRouter()


@router.get("/metrics", tags=["ops"], summary="Prometheus metrics",
            responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Metrics"}})
async def metrics(rt: RuntimeDep) -> Response:
    body, ctype = rt.metrics.render()
    return Response(body, media_type=ctype)
