"""Offline evaluation of 3X10D recommendations against expert meter labels.

Profiles: one low meter (value 2, the others 8) for each meter with labels, and two low meters (2 and
3) for each pair. A service is relevant when experts labelled it with a low meter (gain = how many of
the low meters it serves). Only labelled services are ranked: an unlabelled service is unjudged, not
irrelevant. Every system goes through the same ``rank.rank`` (mixing across needs); the recommender
also through the serving path's generality discount (``rank.need_aspects``), so the comparison is
between relevance sources: our model (out-of-fold when scored on its own training labels, fused with
the lexical channel as served), the model alone, the zero-shot prior, BM25 of the need descriptions and
the keyword baseline. Figures are also given per service language.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any, Sequence

import numpy as np

from auroranet.evaluation.metrics import ndcg_at_k, precision_at_k, recall_at_k
from auroranet.recommend.meters import METER_INDEX, METER_KEYS, needs_from_scores
from auroranet.recommend.rank import Aspect, need_aspects, rank
from auroranet.recommend.relevance import LabelSet

HIGH, LOW, SECOND_LOW = 8.0, 2.0, 3.0
K_NDCG, K_P, K_R = 10, 10, 50


def profiles(labels: LabelSet) -> dict[str, list[dict[str, float]]]:
    have = [m for m in METER_KEYS if labels.Y[:, METER_INDEX[m]].any()]
    base = {m: HIGH for m in METER_KEYS}
    single = [{**base, m: LOW} for m in have]
    double = [{**base, a: LOW, b: SECOND_LOW} for a, b in combinations(have, 2)]
    return {"single": single, "double": double}


def run_profile(R: np.ndarray, labels: LabelSet, meters: dict[str, float], *, served: bool = False,
                among: np.ndarray | None = None) -> dict[str, float] | None:
    """Metrics of one profile; ``served``: with the serving path's generality discount; ``among``: rank
    only these services. None when none of them is relevant."""
    needs = needs_from_scores(meters)
    aspects = (need_aspects(R, needs, METER_INDEX) if served
               else [Aspect(m, w, R[:, METER_INDEX[m]]) for m, w in needs])
    cand = np.ones(len(labels.ids), bool) if among is None else among
    low = [METER_INDEX[m] for m, _ in needs]
    hit = labels.Y[:, low].any(axis=1) & cand
    if not hit.any():
        return None
    ranked = [labels.ids[r.index] for r in rank(aspects, cand, labels.ids, limit=K_R)]
    gains = {labels.ids[i]: float(labels.Y[i, low].sum()) for i in np.flatnonzero(hit)}
    return {f"ndcg@{K_NDCG}": ndcg_at_k(ranked, gains, K_NDCG), f"precision@{K_P}": precision_at_k(ranked, gains, K_P),
            f"recall@{K_R}": recall_at_k(ranked, gains, K_R)}


def _mean(rows: Sequence[dict[str, float] | None]) -> dict[str, float]:
    kept = [r for r in rows if r is not None]
    return {k: float(np.mean([r[k] for r in kept])) for k in kept[0]} if kept else {}


def evaluate_systems(systems: dict[str, np.ndarray], labels: LabelSet, *, served: Sequence[str] = (),
                     languages: Sequence[str] | None = None) -> dict[str, Any]:
    """``systems``: name → relevance (n_labelled, 10) aligned with ``labels``; the ``served`` ones are
    ranked as the engine serves (generality discount). ``languages``: each service's language."""
    profs = profiles(labels)
    langs = sorted(set(languages)) if languages is not None else []
    out: dict[str, Any] = {"services": len(labels.ids), "profiles": {k: len(v) for k, v in profs.items()},
                           "systems": {}}
    for name, R in systems.items():
        sv = name in served
        single = {min(p, key=lambda k: p[k]): run_profile(R, labels, p, served=sv) for p in profs["single"]}
        double = [run_profile(R, labels, p, served=sv) for p in profs["double"]]
        blk: dict[str, Any] = {
            "single_low_meter": {"per_meter": {k: v for k, v in single.items() if v is not None},
                                 "overall": _mean(list(single.values()))},
            "two_low_meters": {"overall": _mean(double)}, "served": sv}
        if languages is not None:
            per_lang: dict[str, Any] = {}
            for lang in langs:
                among = np.array([x == lang for x in languages], dtype=bool)
                s = _mean([run_profile(R, labels, p, served=sv, among=among) for p in profs["single"]])
                d = _mean([run_profile(R, labels, p, served=sv, among=among) for p in profs["double"]])
                if s:
                    per_lang[lang] = {"services": int(among.sum()), "single_low_meter": s, "two_low_meters": d}
            blk["per_language"] = per_lang
        out["systems"][name] = blk
    return out
