"""Offline evaluation of 3X10D recommendations against expert meter labels.

Profiles: one low meter (value 2, the others 8) for each meter with labels, and two low meters (2 and
3) for each pair. A service is relevant when experts labelled it with a low meter (gain = how many of
the low meters it serves). Only labelled services are ranked: an unlabelled service is unjudged, not
irrelevant. Every system goes through the same ``rank.rank`` (mixing across needs), so the comparison
is between relevance sources: our model (out-of-fold when scored on its own training labels), the
zero-shot prior alone and the keyword baseline.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np

from auroranet.evaluation.metrics import ndcg_at_k, precision_at_k, recall_at_k
from auroranet.recommend.meters import METER_INDEX, METER_KEYS, needs_from_scores
from auroranet.recommend.rank import Aspect, rank
from auroranet.recommend.relevance import LabelSet

HIGH, LOW, SECOND_LOW = 8.0, 2.0, 3.0
K_NDCG, K_P, K_R = 10, 10, 50


def profiles(labels: LabelSet) -> dict[str, list[dict[str, float]]]:
    have = [m for m in METER_KEYS if labels.Y[:, METER_INDEX[m]].any()]
    base = {m: HIGH for m in METER_KEYS}
    single = [{**base, m: LOW} for m in have]
    double = [{**base, a: LOW, b: SECOND_LOW} for a, b in combinations(have, 2)]
    return {"single": single, "double": double}


def run_profile(R: np.ndarray, labels: LabelSet, meters: dict[str, float]) -> dict[str, float]:
    needs = needs_from_scores(meters)
    aspects = [Aspect(m, w, R[:, METER_INDEX[m]]) for m, w in needs]
    ranked = [labels.ids[r.index] for r in rank(aspects, np.ones(len(labels.ids), bool), labels.ids, limit=K_R)]
    low = [METER_INDEX[m] for m, _ in needs]
    gains = {labels.ids[i]: float(labels.Y[i, low].sum()) for i in np.flatnonzero(labels.Y[:, low].any(axis=1))}
    return {f"ndcg@{K_NDCG}": ndcg_at_k(ranked, gains, K_NDCG), f"precision@{K_P}": precision_at_k(ranked, gains, K_P),
            f"recall@{K_R}": recall_at_k(ranked, gains, K_R)}


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: float(np.mean([r[k] for r in rows])) for k in rows[0]} if rows else {}


def evaluate_systems(systems: dict[str, np.ndarray], labels: LabelSet) -> dict[str, Any]:
    """``systems``: name → relevance (n_labelled, 10) aligned with ``labels``."""
    profs = profiles(labels)
    out: dict[str, Any] = {"services": len(labels.ids), "profiles": {k: len(v) for k, v in profs.items()}, "systems": {}}
    for name, R in systems.items():
        single = {min(p, key=p.get): run_profile(R, labels, p) for p in profs["single"]}
        double = [run_profile(R, labels, p) for p in profs["double"]]
        out["systems"][name] = {"single_low_meter": {"per_meter": single, "overall": _mean(list(single.values()))},
                                "two_low_meters": {"overall": _mean(double)}}
    return out
