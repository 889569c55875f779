"""Life-event use cases shared by the web pages and the v2 API.

    path = life_event_path(rt, "moving_to_study", municipality_code="564")
    suggest_for_text(rt.life_events, "muutto opiskelemaan")   # [LifeEvent moving_to_study]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from auroranet.catalogue.models import ChannelRecord, ServiceRecord
from auroranet.errors import NotFoundError
from auroranet.lifeevents.model import Answers, LifeEvent
from auroranet.lifeevents.resolve import ResolvedPath, resolve
from auroranet.runtime import Runtime
from auroranet.usecases.records import records_for

NEED_BELOW = 5.0  # a meter under this counts as a need when suggesting life events from answers
MAX_SUGGESTIONS = 2


@dataclass(frozen=True)
class PathAnswer:
    path: ResolvedPath
    services: dict[str, ServiceRecord]
    channels: dict[str, ChannelRecord]


def get_event(rt: Runtime, event_id: str) -> LifeEvent:
    ev = rt.life_events.get(event_id)
    if ev is None:
        raise NotFoundError(f"unknown life event {event_id[:64]!r}")
    return ev


def life_event_path(rt: Runtime, event_id: str, *, municipality_code: str | None = None, age: int | None = None,
                    answers: Answers | None = None) -> PathAnswer:
    """The life event's steps with their services for the municipality (one catalogue snapshot)."""
    ev = get_event(rt, event_id)
    snap = rt.snapshot()
    path = resolve(snap, ev, municipality_code=municipality_code, age=age, answers=answers)
    ids = [sid for s in path.steps for sid in s.service_ids]
    services, channels = records_for(rt, ids, cat=snap.index)
    return PathAnswer(path, services, channels)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# Each event's normalised phrases, computed once: every text search asks (by id, holding the event so the
# id is never reused; the events live as long as the process).
_PHRASES: dict[int, tuple[LifeEvent, list[str]]] = {}


def _phrases(ev: LifeEvent) -> list[str]:
    hit = _PHRASES.get(id(ev))
    if hit is not None and hit[0] is ev:
        return hit[1]
    phrases = [_norm(p) for p in ev.search_phrases] + [_norm(n) for n in ev.names.values()]
    if len(_PHRASES) > 10_000:  # events are loaded once per runtime; only tests make many
        _PHRASES.clear()
    _PHRASES[id(ev)] = (ev, phrases)
    return phrases


def suggest_for_text(events: Mapping[str, LifeEvent], text: str) -> list[LifeEvent]:
    """Life events one of whose search phrases the text contains (or names the event), best first."""
    q = _norm(text)
    if not q:
        return []
    found: list[tuple[int, int, LifeEvent]] = []
    for ev in events.values():
        phrases = _phrases(ev)
        best = max((len(p) for p in phrases if p and (p in q or q == p)), default=0)
        if best:
            found.append((-best, ev.order, ev))
    return [ev for _, _, ev in sorted(found, key=lambda x: (x[0], x[1]))][:MAX_SUGGESTIONS]


def suggest_for_answers(events: Mapping[str, LifeEvent], meters: Mapping[str, float], *, chosen: str | None = None,
                        age: int | None = None) -> list[LifeEvent]:
    """The life event the person chose, else those with at least two of their meters among the needs."""
    if chosen and chosen in events:
        return [events[chosen]]
    needs = {k for k, v in meters.items() if v < NEED_BELOW}
    scored = []
    for ev in events.values():
        overlap = len(needs & set(ev.meters))
        if overlap >= 2 and ev.when.holds(age, {}):
            scored.append((-overlap, ev.order, ev))
    return [ev for _, _, ev in sorted(scored, key=lambda x: (x[0], x[1]))][:MAX_SUGGESTIONS]
