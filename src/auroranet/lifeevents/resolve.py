"""Each step's services, picked from the live catalogue by the step's criteria.

A service matches a step when it has one of the step's PTV service classes (``P5`` covers ``P5.7``),
PTV life-event codes, ontology terms or keywords, or a stored meter label for one of its needs; the
target groups, when given, narrow the match. Services of the person's municipality (and of the regions
it belongs to) come first, then national services fill up to ``max_services`` — so every municipality
gets at least the national path.

    path = resolve(snap, event, municipality_code="564", age=17)
    path.steps[0].service_ids
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from auroranet.catalogue.models import ServiceRecord, Term
from auroranet.engine.contract import ServiceFilters
from auroranet.lifeevents.model import Answers, Criteria, LifeEvent, Step
from auroranet.recommend.derived import label_view
from auroranet.recommend.snapshot import EngineSnapshot
from auroranet.vocab import METER_INDEX


@dataclass(frozen=True)
class ResolvedStep:
    step: Step
    service_ids: tuple[str, ...]
    local: int  # how many of them are the municipality's own (the rest are national)


@dataclass(frozen=True)
class ResolvedPath:
    event: LifeEvent
    municipality_code: str | None
    steps: tuple[ResolvedStep, ...]


def _code_match(terms: list[Term], wanted: list[str]) -> bool:
    for t in terms:
        code = t.code or ""
        if any(code == w or code.startswith(w + ".") for w in wanted):
            return True
    return False


def _term_match(terms: list[Term], wanted: list[str]) -> bool:
    low = {w.lower() for w in wanted}
    for t in terms:
        if {(t.code or "").lower(), (t.uri or "").lower()} & low:
            return True
        if {n.lower() for n in t.names.values()} & low:
            return True
    return False


def _keyword_match(svc: ServiceRecord, wanted: list[str]) -> bool:
    texts = [k.lower() for ks in svc.keywords.values() for k in ks] + [n.lower() for n in svc.names.values()]
    return any(w.lower() in t for w in wanted for t in texts)


def score(svc: ServiceRecord, c: Criteria, meters: set[int]) -> int:
    """How many kinds of criteria the service meets (0: no match)."""
    if c.target_groups and not _code_match(svc.target_groups, c.target_groups):
        return 0
    hits = [
        bool(c.service_classes) and _code_match(svc.service_classes, c.service_classes),
        bool(c.life_events) and _code_match(svc.life_events, c.life_events),
        bool(c.ontology_terms) and _term_match(svc.ontology_terms, c.ontology_terms),
        bool(c.keywords) and _keyword_match(svc, c.keywords),
        bool(c.needs) and bool(meters & {METER_INDEX[n] for n in c.needs}),
    ]
    return sum(hits)


def step_services(snap: EngineSnapshot, step: Step, municipality_code: str | None) -> ResolvedStep:
    c = step.criteria
    if c.empty:
        return ResolvedStep(step, (), 0)
    index = snap.index
    marks = label_view(snap).marks if c.needs else None
    if municipality_code:
        admitted = np.asarray(index.mask(ServiceFilters(municipality_codes=(municipality_code,))), dtype=bool)
    else:
        admitted = np.asarray(index.mask(ServiceFilters(only_national_services=True)), dtype=bool)
    local: list[tuple[int, str, str]] = []
    national: list[tuple[int, str, str]] = []
    for i in np.flatnonzero(admitted):
        svc = index.services[int(i)]
        if svc.archived:
            continue
        met = set(np.flatnonzero(marks[int(i)]).tolist()) if marks is not None else set()
        s = score(svc, c, met)
        if s:
            row = (-s, svc.names.get("fi") or svc.id, svc.id)
            (national if svc.is_national else local).append(row)
    picked = [sid for _, _, sid in sorted(local)][: c.max_services]
    n_local = len(picked)
    picked += [sid for _, _, sid in sorted(national)][: c.max_services - n_local]
    return ResolvedStep(step, tuple(picked), n_local)


def resolve(snap: EngineSnapshot, event: LifeEvent, *, municipality_code: str | None = None,
            age: int | None = None, answers: Answers | None = None) -> ResolvedPath:
    steps = tuple(step_services(snap, s, municipality_code) for s in event.steps_for(age, answers))
    return ResolvedPath(event, municipality_code, steps)
