"""The curations in force, for the use cases: read at most every ``curation_refresh_seconds`` per process
(a recommendation asks no query of its own), reloaded at once after a change made in this process.

    rows = rows_in_force(rt, utcnow())   # Active rows, oldest first
    invalidate(rt.db)                    # after a write
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select

from auroranet.curation.models import Curation
from auroranet.db.core import Database, as_utc
from auroranet.runtime import Runtime


def active_filter(now: datetime) -> ColumnElement[bool]:
    return (Curation.ended_at.is_(None)) & (Curation.expires_at > now)


@dataclass(frozen=True)
class Active:
    action: str
    service_id: str
    target_kind: str
    target: str
    area: str
    expires_at: datetime
    names: dict[str, Any]


class _Loaded:
    """The not-yet-ended curations of one database and when they were read."""

    def __init__(self) -> None:
        self.rows: list[Active] = []
        self.at = float("-inf")
        self.lock = threading.Lock()


_LOADED: "weakref.WeakKeyDictionary[Database, _Loaded]" = weakref.WeakKeyDictionary()
_GUARD = threading.Lock()


def _loaded(db: Database) -> _Loaded:
    with _GUARD:
        found = _LOADED.get(db)
        if found is None:
            found = _LOADED[db] = _Loaded()
        return found


def invalidate(db: Database) -> None:
    _loaded(db).at = float("-inf")


def rows_in_force(rt: Runtime, now: datetime) -> list[Active]:
    cache = _loaded(rt.db)
    with cache.lock:
        if time.monotonic() - cache.at >= rt.settings.curation_refresh_seconds:
            stmt = select(Curation).where(active_filter(now)).order_by(Curation.created_at, Curation.id)
            with rt.db.session() as s:
                cache.rows = [Active(c.action, c.service_id, c.target_kind, c.target, c.area,
                                     as_utc(c.expires_at) or now, dict(c.by_names)) for c in s.scalars(stmt)]
            cache.at = time.monotonic()
        return cache.rows
