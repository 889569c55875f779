"""Fusing the lexical and the dense ranking with weighted reciprocal rank fusion (RRF).

RRF needs no score calibration between BM25 (unbounded) and cosine (model-specific range), which is
why it is used here. Only real lexical hits take part on the lexical side: a document BM25 did not
match gets no lexical contribution, so it can never be promoted by it. The fused score is divided by the
best possible value (rank 1 on both sides) so it lies in [0, 1], as v1's ``similarity_score`` did.
Ties are broken by document index, which is id order, so equal scores always come out the same way.
"""

from __future__ import annotations

RRF_K = 60.0


def rrf(lexical: list[int], dense: list[int], *, k: float = RRF_K, w_lex: float = 1.0,
        w_dense: float = 1.0) -> list[tuple[int, float, dict[str, int]]]:
    """Fuse two rankings (doc indices, best first) → (doc, score in [0, 1], {source: rank}) best first."""
    scores: dict[int, float] = {}
    ranks: dict[int, dict[str, int]] = {}
    for source, ranking, w in (("bm25", lexical, w_lex), ("dense", dense, w_dense)):
        for r, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + w / (k + r)
            ranks.setdefault(doc, {})[source] = r
    best = (w_lex + w_dense) / (k + 1) if lexical else w_dense / (k + 1)
    fused = [(doc, min(1.0, s / best), ranks[doc]) for doc, s in scores.items()]
    fused.sort(key=lambda t: (-t[1], t[0]))
    return fused


def rrf_many(rankings: list[tuple[list[int], float]], *, k: float = RRF_K) -> list[tuple[int, float]]:
    """Weighted RRF over any number of (ranking, weight) pairs → (doc, score in [0, 1]) best first; the
    score is divided by the best possible value over the rankings that found anything."""
    scores: dict[int, float] = {}
    for ranking, w in rankings:
        for r, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + w / (k + r)
    best = sum(w for ranking, w in rankings if ranking) / (k + 1)
    if best <= 0:
        return []
    fused = [(doc, min(1.0, s / best)) for doc, s in scores.items()]
    fused.sort(key=lambda t: (-t[1], t[0]))
    return fused
