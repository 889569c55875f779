"""Narrowing hits the way people expect, for every front door: free of charge, how the service is used
(online / phone / in person), the language of service, use without giving one's name, and distance
from a point. Applied in the recommend and search use cases before hits are ranked, paged and logged,
so what is logged is what is shown. The point itself is never logged or stored.

    r = Refine(free=True, modes=frozenset({"phone"}), origin=Point(60.17, 24.94), max_km=10)
    answer = recommend(rt, query, caller=WEB, path="/results", refine=r)
    answer.distances["svc-1"]   # 2.3 (km to the service's nearest located channel)
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Literal

from auroranet.catalogue.models import ChannelRecord, ServiceRecord
from auroranet.engine.contract import Hit
from auroranet.nearby.geo import Point, distance_km
from auroranet.nearby.places import Places
from auroranet.search.index import SearchIndex

Mode = Literal["online", "phone", "in_person"]
MODES: tuple[Mode, ...] = ("online", "phone", "in_person")
MODE_OF_CHANNEL: dict[str, Mode] = {"EChannel": "online", "WebPage": "online", "Phone": "phone",
                                    "ServiceLocation": "in_person"}
MAX_KM_CHOICES = (1, 5, 10, 25, 50, 100)
# PTV has no field for anonymous use: a service counts only when its own text says so, in any language.
_ANONYMOUS = re.compile(r"anonyym|nimettöm|anonym", re.IGNORECASE)
FREE = "FreeOfCharge"
WIDE_LIMIT = 100  # hits asked from the engine when a refinement may drop many

_PLACES: weakref.WeakKeyDictionary[SearchIndex, Places] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Refine:
    free: bool = False
    modes: frozenset[Mode] = frozenset()
    language: str | None = None
    anonymous: bool = False
    origin: Point | None = None
    max_km: int | None = None
    by_distance: bool = False

    @property
    def narrows(self) -> bool:
        """True when hits may be dropped (the engine is then asked for more)."""
        return (self.free or bool(self.modes) or self.language is not None or self.anonymous
                or (self.origin is not None and self.max_km is not None))


@dataclass
class Refined:
    hits: list[Hit]
    distances: dict[str, float] = field(default_factory=dict)


def places_for(cat: SearchIndex) -> Places:
    """The channel points and typed-place centroids of one catalogue snapshot, built once (the
    ETRS-TM35FIN → WGS84 conversion runs once per snapshot)."""
    places = _PLACES.get(cat)
    if places is None:
        places = _PLACES[cat] = Places.build(cat.channels.values(), cat.reference.municipalities)
    return places


def says_anonymous(svc: ServiceRecord) -> bool:
    texts = [*svc.summary.values(), *svc.description.values(), *svc.user_instruction.values(),
             *svc.requirements.values()]
    return any(_ANONYMOUS.search(t) for t in texts)


def modes_of(svc: ServiceRecord, channels: dict[str, ChannelRecord]) -> set[Mode]:
    return {MODE_OF_CHANNEL[channels[c].type] for c in svc.channel_ids
            if c in channels and channels[c].type in MODE_OF_CHANNEL}


def nearest_km(svc: ServiceRecord, places: Places, origin: Point) -> float | None:
    kms = [distance_km(origin, places.channels[c]) for c in svc.channel_ids if c in places.channels]
    return round(min(kms), 1) if kms else None


def _keeps(r: Refine, svc: ServiceRecord, channels: dict[str, ChannelRecord], km: float | None) -> bool:
    if r.free and svc.charge_type != FREE:
        return False
    if r.modes and not (modes_of(svc, channels) & r.modes):
        return False
    if r.language and not any(r.language in channels[c].languages for c in svc.channel_ids if c in channels):
        return False
    if r.anonymous and not says_anonymous(svc):
        return False
    return not (r.origin is not None and r.max_km is not None and (km is None or km > r.max_km))


def refine(r: Refine, hits: list[Hit], services: dict[str, ServiceRecord], channels: dict[str, ChannelRecord],
           cat: SearchIndex | None) -> Refined:
    """The hits ``r`` keeps (in engine order, or nearest first when ``r.by_distance``) and their distances."""
    places = places_for(cat) if cat is not None and r.origin is not None else None
    distances: dict[str, float] = {}
    kept: list[Hit] = []
    for h in hits:
        svc = services.get(h.service_id)
        if svc is None:
            continue
        km = nearest_km(svc, places, r.origin) if places is not None and r.origin is not None else None
        if km is not None:
            distances[h.service_id] = km
        if _keeps(r, svc, channels, km):
            kept.append(h)
    if r.by_distance and r.origin is not None:
        kept.sort(key=lambda h: (h.service_id not in distances, distances.get(h.service_id, 0.0)))
    return Refined(kept, distances)


def languages_in(cat: SearchIndex) -> list[str]:
    """The languages of service the snapshot's channels name, for the filter's choices."""
    return sorted({lang for ch in cat.channels.values() for lang in ch.languages})
