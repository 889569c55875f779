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


IVF_MIN_DOCS = 50_000  # below this an exact scan is fast enough (a few ms)


class IvfIndex:
    """Inverted-file index for large catalogues: spherical k-means cells, probe the cells nearest the
    query and score only their admitted documents exactly. Approximate: a document in an unprobed cell
    is missed, so it is only used from ``IVF_MIN_DOCS`` up, probes an eighth of the cells, and falls back
    to the exact scan when a filter leaves few documents or the probe finds fewer than k."""

    def __init__(self, centroids: np.ndarray, lists: list[np.ndarray], nprobe: int) -> None:
        self.centroids = centroids
        self.lists = lists
        self.nprobe = nprobe

    @classmethod
    def build(cls, vectors: np.ndarray, *, seed: int = 0, iters: int = 6, sample: int = 20_000) -> "IvfIndex":
        n = vectors.shape[0]
        nlist = max(1, int(np.sqrt(n)))
        rng = np.random.default_rng(seed)
        train = vectors[rng.choice(n, size=min(n, sample), replace=False)]
        cent = train[rng.choice(train.shape[0], size=nlist, replace=False)].copy()
        for _ in range(iters):
            assign = np.argmax(train @ cent.T, axis=1)
            sums = np.zeros_like(cent)
            np.add.at(sums, assign, train)
            empty = np.bincount(assign, minlength=nlist) == 0
            sums[empty] = cent[empty]
            cent = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
        assign = np.concatenate([np.argmax(vectors[i : i + 10_000] @ cent.T, axis=1) for i in range(0, n, 10_000)])
        order = np.argsort(assign, kind="stable").astype(np.int32)
        bounds = np.searchsorted(assign[order], np.arange(nlist + 1))
        lists = [order[bounds[c] : bounds[c + 1]] for c in range(nlist)]
        return cls(cent.astype(np.float32), lists, nprobe=max(8, nlist // 8))

    def search(self, vectors: np.ndarray, query: np.ndarray, mask: np.ndarray | None, k: int
               ) -> list[tuple[int, float]] | None:
        """Top k like ``top_k``, or None when the caller should scan exactly instead."""
        n = vectors.shape[0]
        if mask is not None and mask.sum() < n * 2 * self.nprobe / len(self.lists):
            return None  # a narrow filter: scanning its documents exactly is cheaper and exact
        probe = np.argpartition(-(self.centroids @ query), min(self.nprobe, len(self.lists)) - 1)[: self.nprobe]
        cand = np.concatenate([self.lists[c] for c in probe])
        if mask is not None:
            cand = cand[mask[cand]]
        if cand.shape[0] < k:
            return None
        cand.sort()
        scores = vectors[cand] @ query
        sub = top_k(scores, None, k)
        return [(int(cand[j]), s) for j, s in sub]


def exact_masked(vectors: np.ndarray, query: np.ndarray, mask: np.ndarray | None, k: int) -> list[tuple[int, float]]:
    """Exact top k; for a narrow filter only the admitted rows are scored."""
    if mask is not None and vectors.shape[0] and mask.sum() < vectors.shape[0] // 4:
        cand = np.flatnonzero(mask)
        sub = top_k(vectors[cand] @ query, None, k)
        return [(int(cand[j]), s) for j, s in sub]
    return top_k(cosine_scores(vectors, query), mask, k)
