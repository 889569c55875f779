"""The lean ranking (one argpartition for the pool, argmax instead of sorting ids) must pick the same
services with the same scores as the plain greedy loop it replaced (``_reference_rank``, kept verbatim)."""

from __future__ import annotations

import numpy as np
import pytest

from auroranet.catalogue.demo import DEMO_SERVICES
from auroranet.catalogue.flows import import_files
from auroranet.recommend.meters import needs_from_scores
from auroranet.recommend.rank import DEFAULT_LAMBDA, POOL_PER_ASPECT, Aspect, Ranked, rank
from auroranet.recommend.service import build_aspects, candidate_mask
from auroranet.engine.contract import RecommendQuery, ServiceFilters
from auroranet.vocab import METER_INDEX

from .helpers import snapshot_for


def _reference_pool(C, base, size):
    if len(C) <= size * (C.shape[1] + 1):
        return np.arange(len(C))
    chosen = []
    for vals in [C[:, k] for k in range(C.shape[1])] + [base]:
        top = np.argpartition(-vals, size)[: size + 1]
        tied = np.flatnonzero(vals >= vals[top].min())
        chosen.append(tied if len(tied) <= 4 * size else top)
    return np.unique(np.concatenate(chosen))


def _reference_rank(aspects, candidates, ids, *, limit, lam=DEFAULT_LAMBDA, pool_size=POOL_PER_ASPECT):
    aspects = [a for a in aspects if a.weight > 0]
    cand_idx = np.flatnonzero(candidates)
    if not aspects or not len(cand_idx) or limit <= 0:
        return []
    total = sum(a.weight for a in aspects)
    w = np.array([a.weight / total for a in aspects], dtype=np.float64)
    C = np.stack([np.asarray(a.scores, dtype=np.float32)[cand_idx] for a in aspects], axis=1)
    base_c = C @ w.astype(np.float32)
    local = _reference_pool(C, base_c, max(pool_size, limit))
    pool = cand_idx[local]
    S = C[local].astype(np.float64)
    base = base_c[local].astype(np.float64)
    id_rank = np.argsort(np.argsort(np.array([ids[i] for i in pool], dtype=object)))
    uncovered = np.ones(len(aspects))
    alive = np.ones(len(pool), dtype=bool)
    meter_cols = [k for k, a in enumerate(aspects) if a.is_meter]
    out = []
    for _ in range(min(limit, len(pool))):
        gain = S * (w * uncovered)
        obj = (1.0 - lam) * base + lam * gain.sum(axis=1)
        obj[~alive] = -1.0
        best = np.lexsort((id_rank, -np.round(obj, 9)))[0]
        need = aspects[max(meter_cols, key=lambda k: (gain[best, k], -k))].name if meter_cols else None
        out.append(Ranked(index=int(pool[best]), score=float(np.clip(obj[best], 0.0, 1.0)), need=need,
                          base=float(base[best]), aspect_scores={a.name: float(S[best, k]) for k, a in enumerate(aspects)}))
        uncovered *= 1.0 - S[best]
        alive[best] = False
    return out


def _same(got, ref):
    assert [(r.index, r.score, r.need, r.base, r.aspect_scores) for r in got] == \
           [(r.index, r.score, r.need, r.base, r.aspect_scores) for r in ref]


@pytest.mark.parametrize("seed", range(6))
def test_same_picks_on_a_large_catalogue_with_many_ties(seed):
    rng = np.random.default_rng(seed)
    n = 2000
    ids = [f"s{i:05d}" for i in range(n)]  # ascending with the index, as a snapshot's ids are
    # coarse scores (many exact ties, many zeros) exercise the tie rules of the pool and the picks
    aspects = [Aspect(f"m{k}", float(rng.integers(1, 5)), np.round(rng.random(n) * rng.random(n), 1).astype(np.float32))
               for k in range(int(rng.integers(1, 6)))]
    aspects.append(Aspect("text", 1.0, rng.random(n).astype(np.float32), is_meter=False))
    cand = rng.random(n) < 0.8
    for limit in (1, 10, 40):
        ref = _reference_rank(aspects, cand, ids, limit=limit)
        _same(rank(aspects, cand, ids, limit=limit, ids_sorted=True), ref)
        _same(rank(aspects, cand, ids, limit=limit), ref)  # the general path (ids sorted here too)


def test_unsorted_ids_still_break_ties_by_id():
    ids = ["c", "a", "b"]
    a = Aspect("housing", 1.0, np.array([0.5, 0.5, 0.5], dtype=np.float32))
    got = rank([a], np.ones(3, dtype=bool), ids, limit=3)
    assert [ids[r.index] for r in got] == ["a", "b", "c"]


def test_same_picks_on_the_demo_catalogue(sqlite_db):
    import_files(sqlite_db, [DEMO_SERVICES], kind="demo")
    from auroranet.search.index import build_from_db
    from auroranet.search.analysis import make_analyzer
    from auroranet.search.embed import HashingEmbedder

    index = build_from_db(sqlite_db, embedder=HashingEmbedder(), analyzer=make_analyzer("simple"))
    assert index.ids_sorted and len(index) > 10
    snap = snapshot_for(sqlite_db, index)
    rng = np.random.default_rng(3)
    meters = list(METER_INDEX)
    for _ in range(40):
        chosen = {m: int(rng.integers(0, 11)) for m in rng.choice(meters, int(rng.integers(1, 8)), replace=False)}
        if not needs_from_scores(chosen):
            continue
        q = RecommendQuery(meters=chosen, filters=ServiceFilters(), limit=10)
        cand = candidate_mask(snap, q)
        aspects = build_aspects(snap, q, chosen, cand)
        _same(rank(aspects, cand, index.ids, limit=10, ids_sorted=True),
              _reference_rank(aspects, cand, index.ids, limit=10))
