"""Admin API for the client registry (``Authorization: Bearer <AURORA_ADMIN_KEY>``; 404 when no key is
configured). Secrets are shown once, never stored in clear."""

from __future__ import annotations

import hmac
from typing import Callable, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from auroranet.api.deps import RuntimeDep
from auroranet.api.errors import ApiError
from auroranet.api.openapi import errors
from auroranet.errors import AuroraError, NotFoundError
from auroranet.network import clients
from auroranet.runtime import Runtime

router = APIRouter()
T = TypeVar("T")


class ClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: dict[str, str] = Field(description="fi/sv/en")
    descriptions: dict[str, str] = Field(default_factory=dict)
    provider: dict[str, str] = Field(default_factory=dict)
    type: str = "EChannel"
    channel_ids: list[str] = Field(default_factory=list, max_length=100)
    receivable_attributes: list[str] = Field(default_factory=list, max_length=3)
    allowed_origins: list[str] = Field(default_factory=list, max_length=50)


def _admin(request: Request, rt: RuntimeDep) -> None:
    key = rt.settings.admin_key
    if not key:
        raise ApiError(404, "Not found.", kind="not_found")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), key.encode()):
        raise ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": "Bearer"})


def _admin_call(rt: Runtime, fn: Callable[[Session], T]) -> T:
    try:
        with rt.db.session() as s:
            out = fn(s)
        rt.receivers.invalidate()
        return out
    except NotFoundError as exc:
        raise ApiError(404, exc.message, kind="not_found") from None
    except AuroraError as exc:
        raise ApiError(exc.status_code, exc.message, kind="invalid") from None


ADMIN_ERRORS = errors(401, 404)
ADMIN = [Depends(_admin)]


@router.get("/admin/clients", tags=["admin"], summary="List connected services", responses=ADMIN_ERRORS, dependencies=ADMIN)
def admin_list(rt: RuntimeDep) -> Response:
    return JSONResponse([c.public() for c in _admin_call(rt, clients.list_clients)])


@router.post("/admin/clients", tags=["admin"], status_code=201, summary="Register a connected service",
             responses={**ADMIN_ERRORS, **errors(400)}, dependencies=ADMIN)
def admin_add(rt: RuntimeDep, body: ClientCreate) -> Response:
    new = _admin_call(rt, lambda s: clients.add_client(s, **body.model_dump()))
    return JSONResponse({"client": new.info.public(), "client_secret": new.secret}, status_code=201,
                        headers={"Cache-Control": "no-store"})


@router.get("/admin/clients/{client_id}", tags=["admin"], summary="One connected service", responses=ADMIN_ERRORS, dependencies=ADMIN)
def admin_get(rt: RuntimeDep, client_id: str) -> Response:
    info = _admin_call(rt, lambda s: clients.get_client(s, client_id))
    if info is None:
        raise ApiError(404, f"client {client_id} not found", kind="not_found")
    return JSONResponse(info.public())


@router.post("/admin/clients/{client_id}/rotate-secret", tags=["admin"], summary="New secret (shown once)",
             responses=ADMIN_ERRORS, dependencies=ADMIN)
def admin_rotate(rt: RuntimeDep, client_id: str) -> Response:
    secret = _admin_call(rt, lambda s: clients.rotate_secret(s, client_id))
    return JSONResponse({"client_id": client_id, "client_secret": secret}, headers={"Cache-Control": "no-store"})


@router.delete("/admin/clients/{client_id}", tags=["admin"], status_code=204, summary="Remove a connected service",
               responses=ADMIN_ERRORS, dependencies=ADMIN)
def admin_remove(rt: RuntimeDep, client_id: str) -> Response:
    _admin_call(rt, lambda s: clients.remove_client(s, client_id))
    return Response(status_code=204)
