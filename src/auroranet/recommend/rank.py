"""Ranking for 3X10D recommendations: mixing across needs (the audience rules are in ``audience/``).

A request has one or more *aspects*: each need (meter, weight) with the relevance column of that meter,
plus optional text / life-event similarity. The list is built greedily, xQuAD style:

    objective(i) = (1 − λ)·base(i) + λ·Σ_a w_a·s_a(i)·Π_{j picked}(1 − s_a(j))

with weights normalised to sum 1 and ``base(i) = Σ_a w_a·s_a(i)``. The base term ranks a service that
meets more of the person's needs higher; an aspect already covered by picked services counts less, so
two low meters give a list that serves both, the stronger need first. Before mixing, each need's scores
are discounted for generality (``generality_discount``): specific services before generic ones. The objective never increases from one pick to the next, so scores fall with rank and stay in
[0, 1]. Ties are broken by service id.

Plain numpy in and out: no Session, no settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np


DEFAULT_LAMBDA = 0.5
GENERALITY_DISCOUNT = 0.3  # a service relevant to everything the person did not ask about counts less
POOL_PER_ASPECT = 60


@dataclass(frozen=True)
class Aspect:
    name: str  # meter key, "text" or "life_event"
    weight: float
    scores: np.ndarray  # (n,) in [0, 1]
    is_meter: bool = True


@dataclass
class Ranked:
    index: int
    score: float
    need: str | None
    base: float
    aspect_scores: dict[str, float] = field(default_factory=dict)


def generality_discount(R: np.ndarray, need_cols: Sequence[int], strength: float = GENERALITY_DISCOUNT
                        ) -> np.ndarray:
    """(n,) factors in [1 − strength, 1]: 1 − strength × the service's mean relevance to the meters that are
    NOT the person's needs. A general youth information point (relevant to every meter) no longer crowds
    out the rental flats when housing is the need; a service meeting exactly the person's needs keeps
    its full score. With every meter a need there is nothing to discount."""
    off = [k for k in range(R.shape[1]) if k not in set(need_cols)]
    if not off or strength <= 0 or not len(R):
        return np.ones(len(R), dtype=np.float32)
    factor: np.ndarray = (1.0 - strength * np.clip(R[:, off], 0.0, 1.0).mean(axis=1)).astype(np.float32)
    return factor


def need_aspects(R: np.ndarray, needs: Sequence[tuple[str, float]], meter_index: dict[str, int],
                 strength: float = GENERALITY_DISCOUNT) -> list[Aspect]:
    """One aspect per need: the meter's relevance column, discounted for generality (see above)."""
    disc = generality_discount(R, [meter_index[m] for m, _ in needs], strength)
    return [Aspect(m, w, (R[:, meter_index[m]] * disc).astype(np.float32)) for m, w in needs]


def calibrate_similarity(cos: np.ndarray, among: np.ndarray | None = None) -> np.ndarray:
    """Cosine similarities → [0, 1]: standardised over the candidates, then a gentle sigmoid, so only
    clearly-above-average services score high (embedding cosines sit in a narrow band)."""
    ref = cos[among] if among is not None and among.any() else cos
    mu, sd = float(ref.mean()) if len(ref) else 0.0, float(ref.std()) if len(ref) else 1.0
    z = (cos - mu) / (sd if sd > 1e-9 else 1.0)
    return (0.5 * (1.0 + np.tanh(0.5 * (1.5 * z - 3.0)))).astype(np.float32)


def _pool(C: np.ndarray, base: np.ndarray, size: int) -> np.ndarray:
    """Rows of C (candidates × aspects) worth considering: the best few per aspect and by base score,
    sorted. One ``argpartition`` over all columns at once."""
    if len(C) <= size * (C.shape[1] + 1):
        return np.arange(len(C))
    V = np.concatenate([C, base[:, None]], axis=1)  # (c, A + 1)
    top = np.argpartition(-V, size, axis=0)[: size + 1]  # (size + 1, A + 1)
    cols = np.arange(V.shape[1])
    kth = V[top, cols].min(axis=0)
    # keep everything tied with the weakest kept score, so ties are settled by id, not by chance
    tied = V >= kth
    keep = np.zeros(len(C), dtype=bool)
    wide = tied.sum(axis=0) > 4 * size
    if (~wide).any():
        keep |= tied[:, ~wide].any(axis=1)
    if wide.any():
        keep[top[:, wide].ravel()] = True
    return np.flatnonzero(keep)


def rank(aspects: Sequence[Aspect], candidates: np.ndarray, ids: Sequence[str], *, limit: int,
         lam: float = DEFAULT_LAMBDA, pool_size: int = POOL_PER_ASPECT, ids_sorted: bool = False) -> list[Ranked]:
    """Pick up to ``limit`` candidates (bool mask over services) covering the aspects. See module doc.
    ``ids_sorted``: the caller guarantees ``ids`` ascend with the index (a snapshot's ids do), so a tie
    goes to the lowest index without sorting the ids."""
    aspects = [a for a in aspects if a.weight > 0]
    cand_idx = np.flatnonzero(candidates)
    if not aspects or not len(cand_idx) or limit <= 0:
        return []
    total = sum(a.weight for a in aspects)
    w = np.array([a.weight / total for a in aspects], dtype=np.float64)
    C = np.stack([np.asarray(a.scores, dtype=np.float32)[cand_idx] for a in aspects], axis=1)  # (c, A)
    base_c = C @ w.astype(np.float32)
    local = _pool(C, base_c, max(pool_size, limit))
    pool = cand_idx[local]
    S = C[local].astype(np.float64)  # (p, A)
    base = base_c[local].astype(np.float64)
    id_rank = None if ids_sorted else np.argsort(np.argsort(np.array([ids[i] for i in pool], dtype=object)))
    uncovered = np.ones(len(aspects))
    alive = np.ones(len(pool), dtype=bool)
    meter_cols = [k for k, a in enumerate(aspects) if a.is_meter]
    names = [a.name for a in aspects]
    out: list[Ranked] = []
    for _ in range(min(limit, len(pool))):
        gain = S * (w * uncovered)  # (p, A)
        obj = (1.0 - lam) * base + lam * gain.sum(axis=1)
        obj[~alive] = -1.0
        if id_rank is None:  # pool ascends by index = by id: the first of the best is the lowest id
            best = int(np.argmax(np.round(obj, 9)))
        else:
            best = int(np.lexsort((id_rank, -np.round(obj, 9)))[0])
        row = gain[best]
        need = names[max(meter_cols, key=lambda k: (row[k], -k))] if meter_cols else None
        srow = S[best].tolist()
        out.append(Ranked(index=int(pool[best]), score=float(np.clip(obj[best], 0.0, 1.0)), need=need,
                          base=float(base[best]), aspect_scores=dict(zip(names, srow))))
        uncovered *= 1.0 - S[best]
        alive[best] = False
    return out
