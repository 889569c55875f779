"""Nightly usage aggregates: one row per day and dimension combination in ``usage_daily``, rebuilt from
the raw events, so the counts outlive the raw rows' retention. Rebuilding a day replaces its rows, so a
job that runs twice (or reruns after a failure) gives the same table.

Small cells are kept here as they are; anything published from this table applies k-anonymity (k = 10)
and, where stated, differential privacy at publication time.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from auroranet.db.core import as_utc, utcnow
from auroranet.usage.models import (
    Recommendation,
    RecommendationNeed,
    Redirect,
    ServiceFeedback,
    UnmetNeed,
    UsageDaily,
)

Key = tuple[str, str, str, str, str, str, str]  # kind, front, lang, municipality, age band, life event, need
COUNTERS = ("requests", "empty_results", "clicks", "positive_feedback", "negative_feedback", "unmet_needs")


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def aggregate_day(session: Session, day: date) -> int:
    """Recompute ``usage_daily`` for one UTC day; returns the number of rows written."""
    start, end = _bounds(day)
    recs = session.execute(select(Recommendation.id, Recommendation.kind, Recommendation.front, Recommendation.lang,
                                  Recommendation.municipality_code, Recommendation.age_band,
                                  Recommendation.life_event, Recommendation.n_results)
                           .where(Recommendation.created_at >= start, Recommendation.created_at < end)).all()
    dims: dict[int, tuple[str, str, str, str, str, str]] = {
        r.id: (r.kind, r.front, r.lang, r.municipality_code or "", r.age_band or "", r.life_event or "")
        for r in recs}
    counts: dict[Key, Counter[str]] = {}

    def add(key: Key, counter: str, n: int = 1) -> None:
        counts.setdefault(key, Counter())[counter] += n

    needs: dict[int, list[str]] = {}
    ids = list(dims)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for rid, meter in session.execute(select(RecommendationNeed.recommendation_id, RecommendationNeed.meter)
                                          .where(RecommendationNeed.recommendation_id.in_(chunk))):
            needs.setdefault(rid, []).append(meter)
    clicks: Counter[int] = Counter()
    for rid, n in session.execute(select(Redirect.recommendation_id, func.count()).where(
            Redirect.created_at >= start, Redirect.created_at < end).group_by(Redirect.recommendation_id)):
        clicks[rid] += int(n)
    feedback: dict[int, Counter[str]] = {}
    for rid, score in session.execute(select(ServiceFeedback.recommendation_id, ServiceFeedback.feedback_score)
                                      .where(ServiceFeedback.updated_at >= start, ServiceFeedback.updated_at < end)):
        feedback.setdefault(rid, Counter())["positive_feedback" if score > 0 else "negative_feedback"] += 1
    for r in recs:
        base = dims[r.id]
        for need in ["", *needs.get(r.id, [])]:
            key: Key = (*base, need)
            add(key, "requests")
            if not r.n_results:
                add(key, "empty_results")
    for rid, n in clicks.items():  # clicks and feedback land on the day they happened, with their request's dims
        d = dims.get(rid) or _dims_of(session, rid)
        if d is not None:
            add((*d, ""), "clicks", n)
    for rid, c in feedback.items():
        d = dims.get(rid) or _dims_of(session, rid)
        if d is not None:
            for name, n in c.items():
                add((*d, ""), name, n)
    for lang, front, muni, n in session.execute(
            select(UnmetNeed.lang, UnmetNeed.front, UnmetNeed.municipality_code, func.count())
            .where(UnmetNeed.created_at >= start, UnmetNeed.created_at < end)
            .group_by(UnmetNeed.lang, UnmetNeed.front, UnmetNeed.municipality_code)):
        add(("search", front, lang, muni or "", "", "", ""), "unmet_needs", int(n))
    session.execute(delete(UsageDaily).where(UsageDaily.day == day))
    rows: list[dict[str, Any]] = []
    for (kind, front, lang, muni, band, event, need), c in sorted(counts.items()):
        rows.append({"day": day, "kind": kind, "front": front, "lang": lang, "municipality_code": muni,
                     "age_band": band, "life_event": event, "need": need, **{k: int(c.get(k, 0)) for k in COUNTERS}})
    if rows:
        session.execute(insert(UsageDaily), rows)
    return len(rows)


def _dims_of(session: Session, rid: int) -> tuple[str, str, str, str, str, str] | None:
    """Dimensions of a request made on an earlier day (a click the day after the recommendation)."""
    r = session.get(Recommendation, rid)
    if r is None:
        return None
    return (r.kind, r.front, r.lang, r.municipality_code or "", r.age_band or "", r.life_event or "")


def aggregate_pending(session: Session, *, today: date | None = None, max_days: int = 400) -> dict[str, int]:
    """Aggregate every complete day not aggregated yet, and always yesterday (late clicks and feedback).
    Returns counts for the job log."""
    today = today or utcnow().date()
    last = session.scalar(select(func.max(UsageDaily.day)))
    first_raw = session.scalar(select(func.min(Recommendation.created_at)))
    if last is not None:
        start = min(last, today - timedelta(days=1))
    elif first_raw is not None:
        start = (as_utc(first_raw) or utcnow()).date()
    else:
        return {"days": 0, "rows": 0}
    start = max(start, today - timedelta(days=max_days))
    days = rows = 0
    day = start
    while day < today:
        rows += aggregate_day(session, day)
        days += 1
        day += timedelta(days=1)
    return {"days": days, "rows": rows}
