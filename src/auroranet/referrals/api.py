"""The v2 referral API for organisations with their own case system (HTTP Basic client auth; a client
sees only the referrals of receivers bound to it, ``referral_receivers.client_id``).

    GET   /service-recommender/v2/referrals?status=requested
    PATCH /service-recommender/v2/referrals/{id}   {"status": "accepted", "note": "...", "scheduled_at": "..."}

Invalid transitions answer 409. Changes are e-mailed to the person after commit (delivery.py).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from auroranet.api.body import parse, read_json
from auroranet.api.deps import RuntimeDep, V2CallerDep
from auroranet.api.errors import V2, ApiError
from auroranet.api.openapi import body_schema, errors
from auroranet.api.responses import json_response
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.referrals import service as svc
from auroranet.referrals.delivery import deliver_pending
from auroranet.referrals.statuses import STATUSES, Status
from auroranet.usecases.caller import Caller

router = APIRouter(tags=["v2"])


class ReferralOut(BaseModel):
    id: str
    service_id: str
    organisation_id: str
    status: Status
    message: str
    attributes: dict[str, Any]
    contact: dict[str, str]
    note: str
    created_at: datetime
    updated_at: datetime
    scheduled_at: datetime | None


class ReferralsOut(BaseModel):
    referrals: list[ReferralOut]


class ReferralPatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Status
    note: str | None = Field(default=None, max_length=svc.MAX_NOTE)
    scheduled_at: datetime | None = None


def _scope(caller: Caller) -> svc.Scope:
    if caller.client_id is None:
        raise ApiError(401, "Unauthorized", kind="unauthorized", headers={"WWW-Authenticate": 'Basic realm="aurora"'})
    return svc.Scope(client_id=caller.client_id)


@router.get(f"{V2}/referrals", summary="Referrals to this client's services",
            responses={200: {"model": ReferralsOut}, **errors(400, 401, 429)})
async def list_referrals(rt: RuntimeDep, caller: V2CallerDep,
                         status: str | None = None, limit: str = "100") -> Response:
    scope = _scope(caller)
    if status is not None and status not in STATUSES:
        raise ApiError(400, f"Error in request: unknown status {status[:20]!r}", kind="engine_input")
    if not limit.isdigit() or not 1 <= int(limit) <= svc.MAX_LIST:
        raise ApiError(400, f"Error in request: limit must be 1..{svc.MAX_LIST}", kind="engine_input")
    rows = await run_in_threadpool(svc.for_scope, rt, scope, status=status, limit=int(limit))
    return json_response({"referrals": [r.to_api() for r in rows]})


@router.patch(f"{V2}/referrals/{{referral_id}}", summary="Change a referral's status (FHIR Task statuses)",
              openapi_extra=body_schema(ReferralPatchIn),
              responses={200: {"model": ReferralOut}, 409: {"description": "Transition not allowed"},
                         **errors(400, 401, 404, 413, 415, 429)})
async def patch_referral(request: Request, rt: RuntimeDep, caller: V2CallerDep,
                         referral_id: str) -> Response:
    scope = _scope(caller)
    body = parse(ReferralPatchIn, await read_json(request))
    when = body.scheduled_at
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    try:
        await run_in_threadpool(lambda: svc.transition(rt, referral_id, body.status, actor="api", scope=scope,
                                                       note=body.note, scheduled_at=when))
        out = await run_in_threadpool(svc.get_in_scope, rt, referral_id, scope)
    except NotFoundError:
        raise ApiError(404, "Referral not found", kind="not_found") from None
    except ConflictError as exc:
        raise ApiError(409, exc.message, kind="conflict") from None
    except InputError as exc:
        raise ApiError(400, f"Error in request: {exc.message}", kind="engine_input") from None
    response = json_response(out.to_api())
    response.background = BackgroundTask(deliver_pending, rt)
    return response
