"""Ranking metrics: nDCG@k, precision@k, recall@k, average precision and ROC AUC.

``relevant`` is a set of ids (binary gain 1) or a mapping id → graded gain. nDCG uses the linear gain
``Σ gain / log2(rank + 1)`` normalised by the ideal ordering of all judged items.
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

import numpy as np
from scipy.stats import rankdata

Relevant = Mapping[str, float] | set[str] | frozenset[str]


def _gains(relevant: Relevant) -> Mapping[str, float]:
    if isinstance(relevant, Mapping):
        return relevant
    return {r: 1.0 for r in relevant}


def dcg_at_k(gains: Sequence[float], k: int) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(list(gains)[:k]))


def ndcg_at_k(ranked: Sequence[str], relevant: Relevant, k: int) -> float:
    """0.0 when nothing is relevant (such queries are usually skipped by the caller)."""
    gains = _gains(relevant)
    ideal = dcg_at_k(sorted((g for g in gains.values() if g > 0), reverse=True), k)
    if ideal <= 0:
        return 0.0
    return dcg_at_k([gains.get(r, 0.0) for r in ranked], k) / ideal


def precision_at_k(ranked: Sequence[str], relevant: Relevant, k: int) -> float:
    """Hits in the first k divided by k (a short list is not rewarded for being short)."""
    gains = _gains(relevant)
    return sum(1 for r in list(ranked)[:k] if gains.get(r, 0) > 0) / k


def recall_at_k(ranked: Sequence[str], relevant: Relevant, k: int) -> float:
    gains = _gains(relevant)
    total = sum(1 for g in gains.values() if g > 0)
    if total == 0:
        return 0.0
    return sum(1 for r in list(ranked)[:k] if gains.get(r, 0) > 0) / total


def average_precision(scores: np.ndarray, y: np.ndarray) -> float:
    """AP of a score vector against binary labels; ties are ordered pessimistically (negatives first)."""
    y = np.asarray(y, dtype=bool)
    if not y.any():
        return 0.0
    order = np.lexsort((y, -np.asarray(scores, dtype=np.float64)))
    hits = y[order]
    prec = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(prec[hits].mean())


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    """ROC AUC via the rank-sum statistic (ties count half). 0.5 when one class is missing."""
    y = np.asarray(y, dtype=bool)
    pos, neg = int(y.sum()), int((~y).sum())
    if pos == 0 or neg == 0:
        return 0.5
    ranks = rankdata(np.asarray(scores, dtype=np.float64))
    return float((ranks[y].sum() - pos * (pos + 1) / 2) / (pos * neg))
