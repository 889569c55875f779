"""The services that helped the people of each reference group, and the group a new person resembles.

A recommendation of the month (the usage domain: its needs, never an answer) belongs to the group whose
needs (meters whose noisy mean is below the need threshold) overlap its needs most (Jaccard). A service
helped in that recommendation when it was clicked or given positive feedback. Only services that helped
in at least K different recommendations of the group are named, with that count rounded down to tens;
no person and no single recommendation is ever shown.

    groups = with_helped(session, "2026-11", groups)   # adds "needs" and "helped" to each group
    group = nearest(groups, {"housing": 2, ...})      # the recommend use case's similar-people signal
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime, time, timezone
from pathlib import Path
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from auroranet.insights.privacy import K
from auroranet.recommend.meters import FALLBACK_WEIGHT, NEED_THRESHOLD
from auroranet.usage.models import Recommendation, RecommendationNeed, Redirect, ServiceFeedback

MAX_HELPED = 10


def group_needs(group: Mapping[str, Any]) -> set[str]:
    return {m for m, fig in group.get("means", {}).items()
            if isinstance((fig or {}).get("value"), (int, float)) and fig["value"] < NEED_THRESHOLD}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _assign(needs: set[str], groups: list[set[str]]) -> int | None:
    best = max(range(len(groups)), key=lambda i: (_jaccard(needs, groups[i]), -i), default=None)
    return best if best is not None and _jaccard(needs, groups[best]) > 0 else None


def with_helped(session: Session, bounds: tuple[Any, Any], groups: list[dict[str, Any]], k: int = K) -> list[dict[str, Any]]:
    start, end = (datetime.combine(d, time(0), tzinfo=timezone.utc) for d in bounds)
    sets = [group_needs(g) for g in groups]
    needs: dict[int, set[str]] = defaultdict(set)
    for rid, meter in session.execute(
            select(RecommendationNeed.recommendation_id, RecommendationNeed.meter)
            .join(Recommendation, Recommendation.id == RecommendationNeed.recommendation_id)
            .where(Recommendation.kind == "recommend", Recommendation.created_at >= start,
                   Recommendation.created_at < end, RecommendationNeed.weight > FALLBACK_WEIGHT)):
        needs[rid].add(meter)
    helped: dict[int, set[str]] = defaultdict(set)
    ids = list(needs)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        for rid, sid in session.execute(select(Redirect.recommendation_id, Redirect.service_id)
                                        .where(Redirect.recommendation_id.in_(chunk))):
            helped[rid].add(sid)
        for rid, sid in session.execute(select(ServiceFeedback.recommendation_id, ServiceFeedback.service_id)
                                        .where(ServiceFeedback.feedback_score > 0,
                                               ServiceFeedback.recommendation_id.in_(chunk))):
            helped[rid].add(sid)
    counts: list[Counter[str]] = [Counter() for _ in groups]
    for rid, sids in helped.items():
        at = _assign(needs[rid], sets)
        if at is not None:
            counts[at].update(sids)
    out = []
    for g, s, c in zip(groups, sets, counts):
        top = [{"service_id": sid, "people": n // 10 * 10} for sid, n in c.most_common() if n >= k][:MAX_HELPED]
        out.append({**g, "needs": sorted(s), "helped": top})
    return out


def nearest(groups: list[dict[str, Any]], meters: Mapping[str, float]) -> dict[str, Any] | None:
    """The group whose needs overlap the person's needs most, or None (no needs, no overlap)."""
    mine = {m for m, v in meters.items() if v < NEED_THRESHOLD}
    i = _assign(mine, [set(g.get("needs", [])) for g in groups]) if mine else None
    return groups[i] if i is not None else None


def latest_groups(folder: Path) -> list[dict[str, Any]]:
    """The newest month's groups the job wrote (``reference-groups-YYYY-MM.json``); ``[]`` when there is
    none or it cannot be read. Read on every call: ``insights/latest.LatestGroups`` (on the Runtime) is
    what throttles it."""
    files = sorted(folder.glob("reference-groups-*.json")) if folder.is_dir() else []
    if not files:
        return []
    try:
        groups = json.loads(files[-1].read_text(encoding="utf-8")).get("groups", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [g for g in groups if isinstance(g, dict)]
