"""Retention of anonymous contributions: rows older than the configured months are deleted by the
``contribution_retention`` job. What was released from them (``insight_releases``, the open-data files,
the reference-group files) is already aggregated, k-protected and noisy, and stays."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete

from auroranet.db.core import Database, utcnow
from auroranet.db.writelock import WriteLock
from auroranet.insights.models import Contribution


def cutoff(today: date, months: int) -> date:
    """The first day kept: the same day ``months`` months back (clamped to the month's length)."""
    y, m = divmod(today.year * 12 + today.month - 1 - months, 12)
    month = m + 1
    last = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return date(y, month, min(today.day, last[m]))


def purge_contributions(db: Database, writes: WriteLock, *, months: int, today: date | None = None) -> int:
    keep_from = cutoff(today or utcnow().date(), months)
    with writes, db.session() as s:
        result = s.execute(delete(Contribution).where(Contribution.day < keep_from))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
