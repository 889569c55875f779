"""Feedback, for the API and the web app alike: only on a recommendation the caller received, only on
services it showed; a second vote replaces the first."""

from __future__ import annotations

from typing import Sequence

from auroranet.errors import NotFoundError
from auroranet.runtime import Runtime
from auroranet.usage import service as usage
from auroranet.usecases.caller import Caller


def give_feedback(rt: Runtime, caller: Caller, recommendation_id: int, *, score: int | None = None,
                  services: Sequence[tuple[str, int]] = ()) -> None:
    """``score`` rates the whole recommendation, ``services`` rate shown services. Raises
    ``NotFoundError`` naming what is not the caller's (nothing is written then)."""
    if score is None and not services:
        return  # v1: nothing to store is not an error
    if rt.usage_log is not None:
        rt.usage_log.flush_if_pending(recommendation_id)  # still buffered: written first
    with rt.writes, rt.db.session() as s:
        exists, owner = usage.recommendation_owner(s, recommendation_id)
        if not exists or owner != caller.client_id:
            raise NotFoundError(f"Invalid recommendation_id: {recommendation_id}")
        for service_id, _ in services:
            if not usage.was_shown(s, recommendation_id, service_id):
                raise NotFoundError(f"Invalid service id: {service_id}")
        if score is not None:
            usage.upsert_recommendation_feedback(s, recommendation_id=recommendation_id, score=score)
        for service_id, value in services:
            usage.upsert_service_feedback(s, recommendation_id=recommendation_id, service_id=service_id, score=value)
