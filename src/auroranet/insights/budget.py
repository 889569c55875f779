"""The privacy budget ledger and the frozen releases.

A release (the figures of one area and period) is made once and then served from ``insight_releases``
for as long as the period's contributions are unchanged, so asking a thousand times costs ε once and
returns the same noise (averaging repeated answers learns nothing). When contributions change, a new
release spends ε again, but only while the area's budget for the period lasts; after that the last
release is served as it is (marked stale), so no sequence of queries can spend more than the budget.

    rel = release(session, area="county:06", period="2026-11", basis=digest, epsilon=4.0, budget=12.0,
                  make=lambda: picture.figures(rows, ref, "county:06", 4.0))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy.orm import Session

from auroranet.db.core import utcnow
from auroranet.insights.models import InsightRelease, PrivacyBudget


@dataclass(frozen=True)
class Release:
    area: str
    period: str
    figures: dict[str, Any]
    spent: float
    budget: float
    stale: bool  # the data changed but the budget was used up: an older release is shown


def spent(session: Session, area: str, period: str) -> float:
    row = session.get(PrivacyBudget, (area, period))
    return row.spent if row else 0.0


def release(session: Session, *, area: str, period: str, basis: str, epsilon: float, budget: float,
            make: Callable[[], dict[str, Any]]) -> Release | None:
    """The current release of ``area`` in ``period``: the stored one when ``basis`` is unchanged, a new one
    when the budget allows, else the stored one marked stale; None when nothing can be released."""
    row = session.get(InsightRelease, (area, period))
    ledger = session.get(PrivacyBudget, (area, period))
    used = ledger.spent if ledger else 0.0
    if row is not None and row.basis == basis:
        return Release(area, period, row.figures, used, budget, stale=False)
    if used + epsilon > budget + 1e-9:
        return Release(area, period, row.figures, used, budget, stale=True) if row else None
    figures = make()
    if ledger is None:
        ledger = PrivacyBudget(area=area, period=period, spent=0.0, releases=0)
        session.add(ledger)
    ledger.spent = used + epsilon
    ledger.releases = (ledger.releases or 0) + 1
    if row is None:
        session.add(InsightRelease(area=area, period=period, basis=basis, figures=figures, epsilon=epsilon,
                                   created_at=utcnow()))
    else:
        row.basis, row.figures, row.epsilon, row.created_at = basis, figures, epsilon, utcnow()
    session.flush()
    return Release(area, period, figures, ledger.spent, budget, stale=False)
