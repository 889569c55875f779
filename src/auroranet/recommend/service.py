"""3X10D recommendations over one engine snapshot.

    hits = recommend(snap, RecommendQuery(meters={"housing": 2, "finance": 3}, age=16))

How the parts fit: ``meters.needs_from_scores`` turns values into weighted needs; the relevance matrix
(n_services, 10) comes from the newest trained ``relevance`` model for the snapshot's embedder (or, when
none was trained, a model fitted on the labels in the snapshot, or the zero-shot prior when there are
none) and is computed once per snapshot; expert labels boost the services they link to a need
(municipality-specific labels only in that municipality); ``rank.rank`` mixes the needs. Reranking is
the caller's choice (``recommend/engine.py``).
"""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np

from auroranet.audience.infer import asks_for_organisations
from auroranet.engine.contract import Explanation, Hit, RecommendQuery
from auroranet.errors import InputError
from auroranet.recommend.meters import METER_INDEX, NEED_THRESHOLD, needs_from_scores, validate_meters
from auroranet.recommend.derived import audience_rules, embed_queries, label_view, life_event_vector, relevance_matrix
from auroranet.recommend.rank import Aspect, calibrate_similarity, generality_discount, rank
from auroranet.recommend.snapshot import EngineSnapshot

log = logging.getLogger(__name__)

LABEL_BOOST = 0.6  # labelled: relevance r → 1 − (1 − r)(1 − LABEL_BOOST)
EXCLUDED_DAMPING = 0.5  # experts judged the service irrelevant to every meter
MAX_LIMIT = 100
MAX_TEXT = 2000
EXPLAIN_MIN_RELEVANCE = 0.5  # other needs a hit also serves
EXPLAIN_NEED_FLOOR = 0.1  # the need a hit was picked for, unless it barely relates
LIFE_EVENT_METER_WEIGHT = 0.3


# ---------------------------------------------------------------------------------------------
# Recommend
# ---------------------------------------------------------------------------------------------


def validate_query(snap: EngineSnapshot, q: RecommendQuery) -> dict[str, float]:
    meters = validate_meters(dict(q.meters or {}))
    if q.age is not None and (isinstance(q.age, bool) or not 0 <= int(q.age) <= 200):
        raise InputError("age must be a whole number 0..200")
    if q.life_event is not None and q.life_event not in snap.life_events:
        raise InputError(f"unknown life event {q.life_event!r}; known: {', '.join(snap.life_events)}")
    if not meters and not q.life_event and not (q.text and q.text.strip()):
        raise InputError("give at least one life situation meter (0..10), a life event or a text")
    if not 1 <= q.limit <= MAX_LIMIT:
        raise InputError(f"limit must be 1..{MAX_LIMIT}")
    if q.text is not None and len(q.text) > MAX_TEXT:
        raise InputError(f"text is too long (at most {MAX_TEXT} characters)")
    return meters


def home_area(q: RecommendQuery) -> RecommendQuery:
    """The person's municipality is the area filter when the caller gave none: local services there and
    national ones, never another municipality's local service. An area filter the caller gave wins."""
    f = q.filters
    if not q.municipality_code or f.only_national_services or f.municipality_codes or f.region_codes \
            or f.hospital_district_codes or f.wellbeing_service_county_codes:
        return q
    return replace(q, filters=replace(f, municipality_codes=(q.municipality_code,)))


def candidate_mask(snap: EngineSnapshot, q: RecommendQuery) -> np.ndarray:
    allowed = audience_rules(snap).allowed(q.age, asks_for_organisations(q.text))
    mask: np.ndarray = np.asarray(snap.index.mask(q.filters), dtype=bool) & allowed
    return mask


def build_aspects(snap: EngineSnapshot, q: RecommendQuery, meters: dict[str, float],
                  candidates: np.ndarray, R: np.ndarray | None = None) -> list[Aspect]:
    """Needs (with label boosts) plus the optional text and life-event aspects."""
    index = snap.index
    R = relevance_matrix(snap) if R is None else R
    view = label_view(snap)
    needs = needs_from_scores(meters) if meters else []
    if q.life_event:
        have = {k for k, _ in needs}
        needs += [(m, LIFE_EVENT_METER_WEIGHT) for m in snap.life_events[q.life_event].meters if m not in have]
    local: dict[int, set[int]] = {}
    for muni in {q.municipality_code, *q.filters.municipality_codes} - {None, ""}:
        for i, ms in view.local.get(str(muni), {}).items():
            local.setdefault(i, set()).update(ms)
    damp = np.where(view.excluded, 1.0 - EXCLUDED_DAMPING, 1.0).astype(np.float32)
    damp *= generality_discount(R, [METER_INDEX[m] for m, _ in needs])  # specific before generic
    aspects: list[Aspect] = []
    for meter, weight in needs:
        m = METER_INDEX[meter]
        col = R[:, m] * damp
        marked = view.marks[:, m].copy()
        for i, ms in local.items():
            if m in ms:
                marked[i] = True
        col = np.where(marked, 1.0 - (1.0 - col) * (1.0 - LABEL_BOOST), col).astype(np.float32)
        aspects.append(Aspect(meter, weight, col))
    top_weight = max((w for _, w in needs), default=0.5)
    if q.text and q.text.strip():
        qv = embed_queries(snap, [q.text.strip()])[0]
        aspects.append(Aspect("text", top_weight, calibrate_similarity(index.vectors @ qv, candidates), is_meter=False))
    if q.life_event:
        cos = index.vectors @ life_event_vector(snap, q.life_event)
        aspects.append(Aspect("life_event", top_weight, calibrate_similarity(cos, candidates), is_meter=False))
    return aspects


def _doing_well(q: RecommendQuery, meters: dict[str, float]) -> bool:
    """Every answered meter is at a good level and nothing else was asked: no need drove the list."""
    return bool(meters) and min(meters.values()) >= NEED_THRESHOLD and not q.life_event and not q.text


def recommend(snap: EngineSnapshot, q: RecommendQuery) -> list[Hit]:
    """Up to ``q.limit`` services for the person's needs, mixed across needs, best first."""
    meters = validate_query(snap, q)
    q = home_area(q)
    index = snap.index
    if not len(index.ids):
        return []
    candidates = candidate_mask(snap, q)
    aspects = build_aspects(snap, q, meters, candidates)
    ranked = rank(aspects, candidates, index.ids, limit=q.limit, ids_sorted=index.ids_sorted)
    view = label_view(snap)
    hits: list[Hit] = []
    for pos, r in enumerate(ranked, start=1):
        served = [(a, s) for a, s in r.aspect_scores.items() if a in METER_INDEX]
        needs = [(m, meters.get(m, 0.0)) for m, s in served
                 if (m == r.need and s >= EXPLAIN_NEED_FLOOR) or s >= EXPLAIN_MIN_RELEVANCE]
        needs = [(m, v) for m, v in needs if m in meters and v < NEED_THRESHOLD]  # a meter at 7+ is no need
        labelled = any(view.marks[r.index, METER_INDEX[m]] for m, _ in served)
        sources = {"meter": round(r.base, 6)}
        if labelled:
            sources["label"] = 1.0
        for extra in ("text", "life_event"):
            if extra in r.aspect_scores:
                sources["dense" if extra == "text" else extra] = round(r.aspect_scores[extra], 6)
        aud = audience_rules(snap).audiences[r.index]
        expl = Explanation(needs=needs, admitted_by=list(index.admitted_by(r.index, q.filters)), sources=sources,
                           label_sources=list(view.sources.get(r.index, [])) if labelled else [],
                           audience=aud.keys(), audience_source=aud.source if aud.groups else None,
                           doing_well=_doing_well(q, meters))
        hits.append(Hit(service_id=index.ids[r.index], score=round(r.score, 6), rank=pos, need=r.need,
                        explanation=expl))
    return hits
