"""What staff and similar people add to the engine's hits, for the shared recommend and search use cases:
the reference-group signal ("people in a similar situation found these useful") and the curations of the
request's needs and life events in its area (``curation.apply``).

    hits = curated_recommend(rt, q, hits, "564")
    hits = curated_search(rt, q, hits, "564")   # the life events the search text names
"""

from __future__ import annotations

import logging
from dataclasses import replace

from auroranet.curation import apply as curation
from auroranet.engine.contract import Hit, RecommendQuery, SearchQuery
from auroranet.insights.helped import nearest
from auroranet.lifeevents.service import suggest_for_text
from auroranet.recommend.meters import NEED_THRESHOLD
from auroranet.runtime import Runtime

log = logging.getLogger(__name__)
SIMILAR_BONUS = 0.05  # of the best score: enough to break near-ties, never to lift a poor match to the top


def similar_people(rt: Runtime, meters: dict[str, float], hits: list[Hit]) -> list[Hit]:
    """Hits the person's reference group found useful get an explanation line and a small lift."""
    group = nearest(rt.groups().get(), meters)  # refresh-throttled (insights/latest.py)
    helped = {h.get("service_id") for h in (group or {}).get("helped", []) if isinstance(h, dict)}
    if not helped or not hits:
        return hits
    bonus = SIMILAR_BONUS * max(abs(h.score) for h in hits)
    out = [replace(h, score=h.score + bonus, explanation=replace(h.explanation, similar_people=True))
           if h.service_id in helped else h for h in hits]
    return sorted(out, key=lambda h: -h.score)


def _curate(rt: Runtime, hits: list[Hit], needs: list[str], events: list[str], municipality: str | None) -> list[Hit]:
    try:
        active = curation.active(rt, needs=needs, life_events=events, municipality=municipality)
    except Exception as exc:  # noqa: BLE001 - a failing curation lookup never fails a recommendation
        log.warning("curation lookup failed", extra={"error_type": type(exc).__name__})
        return hits
    return curation.apply(hits, active)


def curated_recommend(rt: Runtime, q: RecommendQuery, hits: list[Hit], municipality: str | None) -> list[Hit]:
    meters = dict(q.meters)
    hits = similar_people(rt, meters, hits)
    needs = [m for m, v in meters.items() if v < NEED_THRESHOLD]
    return _curate(rt, hits, needs, [q.life_event] if q.life_event else [], municipality)


def curated_search(rt: Runtime, q: SearchQuery, hits: list[Hit], municipality: str | None) -> list[Hit]:
    events = [ev.id for ev in suggest_for_text(rt.life_events, q.text)] if rt.life_events else []
    return _curate(rt, hits, [], events, municipality)
