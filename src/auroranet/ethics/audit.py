"""Fairness audit of the recommender: how much relevant exposure each group of people gets.

The audit asks the live engine the same need profiles for every group and measures, per group:
    results      services shown per request (out of ``LIMIT``)
    relevant     share of shown services whose expert/auto labels cover one of the profile's needs
    local        share of shown services that are local (not nationwide) for that municipality
Groups: age band (a representative age per band), language (fi/sv/en) and municipality size class.
The code lists carry no populations, so municipality size is the catalogue's own coverage: municipalities
ranked by how many local services the catalogue has for them, split in thirds (small/medium/large); this
is stated in the report. A group is flagged when a metric is at least 10 % worse than the mean over its
dimension's groups (``FLAG_RATIO``). Groups are synthetic queries, not people, so no k applies here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from statistics import mean
from typing import Any, Iterable

from auroranet.engine.contract import RecommendQuery, ServiceFilters
from auroranet.errors import InputError
from auroranet.runtime import Runtime
from auroranet.vocab import AGE_BANDS, METER_KEYS

LIMIT = 8
FLAG_RATIO = 0.10
METRICS = ("results", "relevant", "local")
AGES = {name: (lo + min(hi, 90)) // 2 for name, lo, hi in AGE_BANDS}


def profiles() -> list[dict[str, float]]:
    """One low meter at a time (the rest fine), and one mixed profile with three needs."""
    out = [{m: (2.0 if m == low else 8.0) for m in METER_KEYS} for low in METER_KEYS]
    out.append({m: (3.0 if m in ("housing", "finance", "health") else 7.5) for m in METER_KEYS})
    return out


@dataclass
class GroupResult:
    dimension: str
    group: str
    requests: int
    metrics: dict[str, float]
    flagged: list[str] = field(default_factory=list)  # metrics ≥ 10 % worse than the dimension mean


@dataclass
class Audit:
    groups: list[GroupResult]
    size_classes: dict[str, list[str]]
    profiles: int
    limit: int = LIMIT

    def flagged(self) -> list[GroupResult]:
        return [g for g in self.groups if g.flagged]

    def to_json(self) -> dict[str, Any]:
        return {"limit": self.limit, "profiles": self.profiles, "flag_ratio": FLAG_RATIO,
                "size_classes": self.size_classes, "groups": [asdict(g) for g in self.groups]}


def size_classes(rt: Runtime) -> dict[str, list[str]]:
    """Municipalities with any local service, in thirds by the number of local services."""
    counts: dict[str, int] = {}
    for svc in rt.catalogue().services:
        if not svc.is_national:
            for m in svc.municipality_codes:
                counts[m] = counts.get(m, 0) + 1
    ranked = sorted(counts, key=lambda m: (counts[m], m))
    third = max(1, len(ranked) // 3)
    return {"small": ranked[:third], "medium": ranked[third:2 * third], "large": ranked[2 * third:]}


def _measure(rt: Runtime, queries: Iterable[RecommendQuery]) -> tuple[int, dict[str, float]]:
    snap = rt.snapshot()
    labels: dict[str, set[str]] = {}
    for sid, _m, _src, meters, excluded in snap.labels:
        if not excluded:
            labels.setdefault(sid, set()).update(meters)
    national = {s.id for s in snap.index.services if s.is_national}
    rows: dict[str, list[float]] = {k: [] for k in METRICS}
    n = 0
    for q in queries:
        hits = rt.engine.recommend(q)
        needs = {k for k, v in q.meters.items() if v < 7}
        n += 1
        rows["results"].append(len(hits) / q.limit)
        rows["relevant"].append(mean([1.0 if labels.get(h.service_id, set()) & needs else 0.0 for h in hits])
                                if hits else 0.0)
        if q.municipality_code:
            rows["local"].append(mean([0.0 if h.service_id in national else 1.0 for h in hits]) if hits else 0.0)
    return n, {k: round(mean(v), 4) for k, v in rows.items() if v}


def _q(meters: dict[str, float], municipality: str | None, *, age: int = 35, lang: str = "fi") -> RecommendQuery:
    """A query as the web app makes it: the municipality both filters (local + national) and informs."""
    filters = ServiceFilters(municipality_codes=(municipality,)) if municipality else ServiceFilters()
    return RecommendQuery(meters=meters, filters=filters, age=age, municipality_code=municipality, lang=lang,
                          limit=LIMIT)


def run_audit(rt: Runtime) -> Audit:
    """Raises ``InputError`` on an empty catalogue (an audit of nothing would flag nothing)."""
    if not rt.catalogue().services:
        raise InputError("the catalogue is empty: import services (or start `aurora serve` once to load the demo)")
    profs = profiles()
    classes = size_classes(rt)
    biggest = classes["large"] or classes["medium"] or classes["small"]
    default_muni = biggest[-1] if biggest else None
    groups: list[GroupResult] = []
    for band, age in AGES.items():
        n, m = _measure(rt, (_q(p, default_muni, age=age) for p in profs))
        groups.append(GroupResult("age_band", band, n, m))
    for lang in ("fi", "sv", "en"):
        n, m = _measure(rt, (_q(p, default_muni, lang=lang) for p in profs))
        groups.append(GroupResult("language", lang, n, m))
    for size, munis in classes.items():
        if munis:
            n, m = _measure(rt, (_q(p, mu) for p in profs for mu in munis[:8]))
            groups.append(GroupResult("municipality_size", size, n, m))
    _flag(groups)
    return Audit(groups, classes, len(profs))


def _flag(groups: list[GroupResult]) -> None:
    for dim in {g.dimension for g in groups}:
        mine = [g for g in groups if g.dimension == dim]
        for metric in METRICS:
            values = [g.metrics[metric] for g in mine if metric in g.metrics]
            if not values:
                continue
            avg = mean(values)
            for g in mine:
                v = g.metrics.get(metric)
                if v is not None and avg > 0 and v <= avg * (1 - FLAG_RATIO):
                    g.flagged.append(metric)
