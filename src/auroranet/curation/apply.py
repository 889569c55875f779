"""Curations applied to an answer (called by the shared recommend and search use cases, so every front
door sees them): for the request's needs and life events in the request's area, hidden services leave the
list, pinned ones come first (added when the engine did not find them), boosted ones move up a few
places; pinned and boosted hits carry "recommended by <organisation>" in their explanation.

    hits = apply(hits, active(rt, needs=["housing"], life_events=[], municipality="564"))
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Sequence

from auroranet.curation.store import Active, rows_in_force
from auroranet.db.core import utcnow
from auroranet.engine.contract import Hit
from auroranet.insights import areas
from auroranet.runtime import Runtime

BOOST_PLACES = 3


def area_keys(rt: Runtime, municipality: str | None) -> list[str]:
    """The curation areas a request from ``municipality`` falls in (the country always)."""
    return areas.parent_scopes(rt.catalogue().reference, municipality)


def active(rt: Runtime, *, needs: Sequence[str], life_events: Sequence[str], municipality: str | None,
           now: datetime | None = None) -> list[Active]:
    """The curations in force now for these needs and life events in the request's areas (expired ones
    stop applying at their expiry, whatever the cache holds)."""
    if not needs and not life_events:
        return []
    now = now or utcnow()
    rows = rows_in_force(rt, now)
    if not rows:  # none in force (the usual case): the areas are not worked out
        return []
    wanted = {("need", n) for n in needs} | {("life_event", e) for e in life_events}
    keys = set(area_keys(rt, municipality))
    return [c for c in rows if (c.target_kind, c.target) in wanted and c.area in keys and c.expires_at > now]


def _mark(h: Hit, names: list[dict[str, Any]]) -> Hit:
    known = list(h.explanation.curated_by)
    for n in names:
        if n not in known:
            known.append(n)
    return replace(h, explanation=replace(h.explanation, curated_by=known))


def apply(hits: list[Hit], curations: Sequence[Active]) -> list[Hit]:
    """The hits with the curations applied (a hide wins over a pin or boost of the same service)."""
    if not curations:
        return hits
    hidden = {c.service_id for c in curations if c.action == "hide"}
    by_service: dict[str, list[dict[str, Any]]] = {}
    for c in curations:
        if c.action != "hide":
            by_service.setdefault(c.service_id, []).append(c.names)
    rest = [h for h in hits if h.service_id not in hidden]
    found = {h.service_id: h for h in rest}
    pins: list[Hit] = []
    top = max((h.score for h in rest), default=1.0)
    for c in curations:
        if c.action != "pin" or c.service_id in hidden or any(p.service_id == c.service_id for p in pins):
            continue
        base = found.get(c.service_id) or Hit(service_id=c.service_id, score=top,
                                              need=c.target if c.target_kind == "need" else None)
        pins.append(_mark(base, by_service[c.service_id]))
    pinned = {p.service_id for p in pins}
    out = [h for h in rest if h.service_id not in pinned]
    boosted = {c.service_id for c in curations if c.action == "boost"} - hidden - pinned
    for i, h in enumerate(list(out)):
        if h.service_id in boosted:
            out.remove(h)
            out.insert(max(0, i - BOOST_PLACES), _mark(h, by_service[h.service_id]))
    return pins + out
