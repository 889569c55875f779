"""Dense retrieval: cosine between the query embedding and every passage vector.

Vectors are L2-normalised, so cosine is one matrix-vector product over the whole matrix (no copy of the
masked rows, which would cost more than the product); masked-out documents are then set to -inf and the
top k taken with ``np.argpartition``.
"""

from __future__ import annotations

import numpy as np


def cosine_scores(vectors: np.ndarray, query: np.ndarray) -> np.ndarray:
    if vectors.shape[0] == 0:
        return np.zeros(0, dtype=np.float32)
    return vectors @ np.asarray(query, dtype=vectors.dtype).reshape(-1)


def top_k(scores: np.ndarray, mask: np.ndarray | None, k: int) -> list[tuple[int, float]]:
    """The k best (doc, score) among admitted documents, best first; ties by doc index (= id order)."""
    if k <= 0 or scores.shape[0] == 0:
        return []
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
        allowed = int(mask.sum())
    else:
        allowed = scores.shape[0]
    k = min(k, allowed)
    if k == 0:
        return []
    if k < scores.shape[0]:
        cand = np.argpartition(-scores, k - 1)[:k]
    else:
        cand = np.arange(scores.shape[0])
    cand = cand[np.isfinite(scores[cand])]
    order = np.lexsort((cand, -scores[cand]))
    return [(int(cand[j]), float(scores[cand[j]])) for j in order]
