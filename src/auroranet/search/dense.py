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
    scores: np.ndarray = vectors @ np.asarray(query, dtype=vectors.dtype).reshape(-1)
    return scores


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
EXACT_SCAN_MAX = 5_000  # a filter admitting at most this many documents is scanned exactly (~1 ms)


def top_k_of(scores: np.ndarray, docs: np.ndarray, k: int) -> list[tuple[int, float]]:
    """``top_k`` over scores of arbitrary (unsorted, distinct) document indices; ties by doc index."""
    if k <= 0 or docs.shape[0] == 0:
        return []
    if k < docs.shape[0]:
        part = np.argpartition(-scores, k - 1)[:k]
        # keep everything tied with the k-th score, so ties are settled by doc index, not by chance
        kth = scores[part].min()
        part = np.flatnonzero(scores >= kth)
    else:
        part = np.arange(docs.shape[0])
    order = np.lexsort((docs[part], -scores[part]))[:k]
    sel = part[order]
    return [(int(d), float(v)) for d, v in zip(docs[sel].tolist(), scores[sel].tolist())]


class IvfIndex:
    """Inverted-file index for large catalogues: spherical k-means cells, probe the cells nearest the
    query and score only their admitted documents exactly. Approximate: a document in an unprobed cell
    is missed, so it is only used from ``IVF_MIN_DOCS`` up, probes an eighth of the cells, and falls back
    to the exact scan when a filter leaves so few documents that the probe would find too few of them
    (the index itself also scans exactly for filters admitting at most ``EXACT_SCAN_MAX`` documents).

    The vectors are kept a second time in cell order, so a probed cell is one contiguous block and one
    matrix-vector product; gathering the probed rows from the id-ordered matrix cost several ms at 100k."""

    def __init__(self, centroids: np.ndarray, lists: list[np.ndarray], nprobe: int,
                 cell_vectors: np.ndarray | None = None) -> None:
        self.centroids = centroids
        self.lists = lists
        self.nprobe = nprobe
        self.order = np.concatenate(lists) if lists else np.zeros(0, dtype=np.int32)
        self.bounds = np.concatenate([[0], np.cumsum([len(x) for x in lists])]).astype(np.int64)
        self.cell_vectors = cell_vectors

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
        cell_vectors = np.ascontiguousarray(vectors[order], dtype=np.float32)
        return cls(cent.astype(np.float32), lists, nprobe=max(8, nlist // 8), cell_vectors=cell_vectors)

    def search(self, vectors: np.ndarray, query: np.ndarray, mask: np.ndarray | None, k: int,
               admitted: int | None = None) -> list[tuple[int, float]] | None:
        """Top k like ``top_k``, or None when the caller should scan exactly instead.

        ``admitted`` is ``mask.sum()`` when the caller already knows it."""
        n = vectors.shape[0]
        nlist = len(self.lists)
        if mask is not None:
            admitted = int(mask.sum()) if admitted is None else admitted
            if admitted * min(self.nprobe, nlist) / nlist < 4 * k:
                return None  # a narrow filter: the probe would find too few; scan its documents exactly
        probe = np.argpartition(-(self.centroids @ query), min(self.nprobe, nlist) - 1)[: self.nprobe]
        probe.sort()
        if self.cell_vectors is None or self.cell_vectors.shape[0] != n:
            cand = np.concatenate([self.lists[c] for c in probe])
            scores = vectors[cand] @ query
        else:
            cand = np.concatenate([self.order[self.bounds[c] : self.bounds[c + 1]] for c in probe])
            scores = np.concatenate([self.cell_vectors[self.bounds[c] : self.bounds[c + 1]] @ query for c in probe])
        if mask is not None:
            keep = mask[cand]
            cand, scores = cand[keep], scores[keep]
        if cand.shape[0] < k:
            return None
        return top_k_of(scores, cand, k)


def exact_masked(vectors: np.ndarray, query: np.ndarray, mask: np.ndarray | None, k: int,
                 admitted: int | None = None) -> list[tuple[int, float]]:
    """Exact top k; for a narrow filter only the admitted rows are scored."""
    if mask is not None and vectors.shape[0]:
        admitted = int(mask.sum()) if admitted is None else admitted
        if admitted < vectors.shape[0] // 4:
            cand = np.flatnonzero(mask)
            sub = top_k(vectors[cand] @ query, None, k)
            return [(int(cand[j]), s) for j, s in sub]
    return top_k(cosine_scores(vectors, query), mask, k)
