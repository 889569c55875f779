"""Insights use cases shared by the web pages, the CLI and the jobs: take a contribution, release an
area's figures for a period (through the budget), and the usage and supply side of the picture.

    contribute(db, writes, answers={...}, age_band="25-29", municipality="837", life_event=None, lang="fi",
               life_events=rt.life_events)
    picture = situational_picture(rt, "county:06", "2026-11")
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Collection, Mapping

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from auroranet.db.core import Database, utcnow
from auroranet.db.writelock import WriteLock
from auroranet.engine.contract import ServiceFilters
from auroranet.insights import areas, budget, picture
from auroranet.insights.models import Contribution
from auroranet.insights.privacy import K
from auroranet.runtime import Runtime
from auroranet.usage.models import UsageDaily
from auroranet.vocab import AGE_BANDS, METER_KEYS

BAND_NAMES = frozenset(b for b, _, _ in AGE_BANDS)
GAP_PEOPLE_PER_SERVICE = 25  # a need is a gap when no service or this many people per labelled service


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def previous_period(period: str) -> str:
    y, m = int(period[:4]), int(period[5:7])
    return f"{y - 1:04d}-12" if m == 1 else f"{y:04d}-{m - 1:02d}"


def valid_period(period: str) -> bool:
    return len(period) == 7 and period[4] == "-" and period[:4].isdigit() and period[5:].isdigit() \
        and 1 <= int(period[5:]) <= 12 and 2000 <= int(period[:4]) <= 2100


def period_bounds(period: str) -> tuple[date, date]:
    y, m = int(period[:4]), int(period[5:7])
    return date(y, m, 1), (date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1))


def contribute(db: Database, writes: WriteLock, *, answers: Mapping[str, int], age_band: str | None,
               municipality: str | None, life_event: str | None, lang: str, life_events: Collection[str],
               demo: bool = False, day: date | None = None) -> bool:
    """Store one anonymous contribution (only known meters, bands and events: ``life_events`` are the
    runtime's; the day, no time, no session). Returns False when there is nothing to give."""
    clean = {k: int(v) for k, v in answers.items() if k in METER_KEYS and 0 <= int(v) <= 10}
    if not clean:
        return False
    row = Contribution(id=secrets.token_hex(16), day=day or utcnow().date(), answers=clean,
                       age_band=age_band if age_band in BAND_NAMES else None,
                       municipality_code=municipality if municipality and len(municipality) == 3 else None,
                       life_event=life_event if life_event in life_events else None,
                       lang=lang if lang in ("fi", "sv", "en") else "fi", demo=demo)
    with writes, db.session() as s:
        s.add(row)
    return True


def period_rows(session: Session, period: str) -> list[Contribution]:
    start, end = period_bounds(period)
    return list(session.scalars(select(Contribution).where(Contribution.day >= start, Contribution.day < end)
                                .order_by(Contribution.id)))


def _basis(rows: list[Contribution], usage: dict[str, tuple[int, int]]) -> str:
    """What a release was made from: the period's contributions and the area's usage counts."""
    text = "\n".join(r.id for r in rows) + repr(sorted(usage.items()))
    return hashlib.sha256(text.encode()).hexdigest()


def released(rt: Runtime, scope: str, period: str) -> budget.Release | None:
    """The protected figures of one area and period, through the budget ledger."""
    ref = rt.catalogue().reference
    area = areas.parse(ref, scope)
    if area is None:
        return None
    munis = areas.municipalities_of(ref, area)
    eps, total = rt.settings.insights_epsilon_per_release, rt.settings.insights_epsilon_budget
    with rt.writes, rt.db.session() as s:
        rows = period_rows(s, period)
        usage = _usage(s, munis, period)
        basis = _basis(rows, usage)
        return budget.release(s, area=scope, period=period, basis=basis, epsilon=eps, budget=total,
                              make=lambda: picture.figures(rows, ref, scope, eps, usage))


@dataclass
class NeedRow:
    meter: str
    people: dict[str, Any]  # a figure: people below the threshold (noisy, or suppressed)
    services: int  # services in the area labelled for this need (the public catalogue: exact)
    requests: dict[str, Any]  # recommendation requests with this need (usage, k and noise)
    empty: dict[str, Any]  # of which found nothing
    mean: dict[str, Any]
    gap: bool


@dataclass
class Picture:
    scope: str
    period: str
    release: budget.Release | None
    previous: budget.Release | None
    needs: list[NeedRow] = field(default_factory=list)


def _usage(session: Session, munis: list[str] | None, period: str) -> dict[str, tuple[int, int]]:
    """(requests, of which found nothing) per need from the daily aggregates (``need`` rows)."""
    start, end = period_bounds(period)
    stmt = (select(UsageDaily.need, func.sum(UsageDaily.requests), func.sum(UsageDaily.empty_results))
            .where(UsageDaily.day >= start, UsageDaily.day < end, UsageDaily.need != "")
            .group_by(UsageDaily.need))
    if munis is not None:
        stmt = stmt.where(UsageDaily.municipality_code.in_(munis))
    return {need: (int(r or 0), int(e or 0)) for need, r, e in session.execute(stmt)}


def _supply(rt: Runtime, munis: list[str] | None) -> dict[str, int]:
    snap = rt.snapshot()
    index = snap.index
    allowed = None
    if munis is not None:
        mask = index.mask(ServiceFilters(municipality_codes=tuple(munis)))
        allowed = {index.ids[i] for i in range(len(index.ids)) if mask[i]}
    out: dict[str, set[str]] = {m: set() for m in METER_KEYS}
    for sid, _muni, _src, meters, excluded in snap.labels:
        if excluded or (allowed is not None and sid not in allowed) or sid not in index.pos:
            continue
        for m in meters:
            if m in out:
                out[m].add(sid)
    return {m: len(s) for m, s in out.items()}


def situational_picture(rt: Runtime, scope: str, period: str) -> Picture | None:
    ref = rt.catalogue().reference
    area = areas.parse(ref, scope)
    if area is None:
        return None
    pic = Picture(scope, period, released(rt, scope, period), released(rt, scope, previous_period(period)))
    supply = _supply(rt, areas.municipalities_of(ref, area))
    none = {"value": None}
    for meter in METER_KEYS:
        figs = pic.release.figures["meters"][meter] if pic.release else {}
        people = figs.get("below", none).get("value")
        gap = people is not None and (supply[meter] == 0 or people / max(1, supply[meter]) >= GAP_PEOPLE_PER_SERVICE)
        pic.needs.append(NeedRow(meter, figs.get("below", none), supply[meter], figs.get("requests", none),
                                 figs.get("empty", none), figs.get("mean", none), gap))
    pic.needs.sort(key=lambda n: -(n.people.get("value") or 0))
    return pic


def remove_demo(db: Database, writes: WriteLock) -> int:
    with writes, db.session() as s:
        return int(s.execute(delete(Contribution).where(Contribution.demo.is_(True))).rowcount or 0)  # type: ignore[attr-defined]


__all__ = ["K", "contribute", "released", "situational_picture", "period_of", "valid_period", "remove_demo"]
