"""Cross-validation of the relevance model, and the per-meter neighbour weights chosen by it.

How much a meter should trust the labels of the nearest labelled services (``neighbours``) rather than
its linear classifier differs by meter: on the real training labels the neighbours lift health (a few
marked services among many excluded health services) and hurt housing (where the classifier and prior
generalise). ``choose_kappas`` picks κ_m for each meter from ``KAPPA_GRID`` by an inner grouped
cross-validation on the training labels it is given, never on anything else: the classifier part and the
neighbour part are predicted out of fold once, and every κ is scored on their mix. A meter with too
few positives to judge keeps the shared default (``KNN_WEIGHT``). ``fit_tuned`` fits with the chosen
weights; ``out_of_fold`` chooses them again inside every outer fold, so the figures it gives are not
scored on labels the weights were chosen on.

Measured on the 1,800 real services with the real training labels (``aurora eval meters --seed 0|1|2
--neighbour-weight shared|per-meter``), the per-meter choice scores below the shared weight 0.5 on
every fold seed (README, "Recommendation quality"): with 6–17 positives per meter the inner choice is
mostly noise. ``train-relevance`` therefore fits the shared weight unless asked for per-meter ones.

Plain numpy.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

import numpy as np

from auroranet.evaluation.metrics import auc, average_precision, ndcg_at_k
from auroranet.recommend.meters import METER_KEYS
from auroranet.recommend.neighbours import KNN_WEIGHT
from auroranet.recommend.relevance import MIN_POSITIVES, N_METERS, LabelSet, RelevanceModel, fit

KAPPA_GRID = (0.0, 0.2, 0.4, 0.5, 0.6, 0.8)
INNER_FOLDS = 4
INNER_SEED = 0


def folds_for(labels: LabelSet, k: int = 5, seed: int = 0) -> np.ndarray:
    """Fold number per service, stratified by "has any meter", grouped by service id (one row each)."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(labels.ids), dtype=np.int64)
    has = labels.Y.any(axis=1)
    for group in (np.flatnonzero(has), np.flatnonzero(~has)):
        perm = rng.permutation(group)
        fold[perm] = np.arange(len(perm)) % k
    return fold


def held_out_folds(labels: LabelSet, k: int = 5, seed: int = 0) -> Iterator[np.ndarray]:
    """The (n,) bool mask of each non-empty test fold of ``folds_for``, in fold order."""
    fold = folds_for(labels, k, seed)
    for f in range(k):
        test = fold == f
        if test.any():
            yield test


def _ranked_ndcg(scores: np.ndarray, ids: list[str], y: np.ndarray, k: int = 10) -> float:
    order = np.lexsort((np.array(ids), -scores))
    return ndcg_at_k([ids[i] for i in order], {ids[i] for i in np.flatnonzero(y)}, k)


def kappa_score(scores: np.ndarray, ids: list[str], y: np.ndarray) -> float:
    """What a neighbour weight is chosen by: nDCG@10 of the meter's ranking (what is served) plus
    average precision (steadier with a dozen positives)."""
    return _ranked_ndcg(scores, ids, y) + average_precision(scores, y)


def _texts(texts: Sequence[str] | None, keep: np.ndarray) -> list[str] | None:
    return None if texts is None else [t for t, k in zip(texts, keep) if k]


def out_of_fold_parts(X: np.ndarray, labels: LabelSet, M: np.ndarray, *, embedder: str, k: int, seed: int,
                      texts: Sequence[str] | None = None, **fit_kw: Any) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold (classifier and prior mix, neighbours), each (n, 10). ``texts``: the labelled services'
    texts, aligned with X (for the text part of the irrelevance)."""
    fit_kw.pop("kappa", None)
    base = np.zeros((len(X), N_METERS), np.float32)
    knn = np.zeros((len(X), N_METERS), np.float32)
    for test in held_out_folds(labels, k, seed):
        m = fit(X[~test], labels.subset(~test), M, embedder=embedder, kappa=1.0, texts=_texts(texts, ~test), **fit_kw)
        base[test] = m.base(X[test], _texts(texts, test))
        knn[test] = m.neighbours(X[test])
    return base, knn


def choose_kappas(X: np.ndarray, labels: LabelSet, M: np.ndarray, *, embedder: str, k: int = INNER_FOLDS,
                  seed: int = INNER_SEED, grid: tuple[float, ...] = KAPPA_GRID, texts: Sequence[str] | None = None,
                  **fit_kw: Any) -> np.ndarray:
    """(10,) the neighbour weight per meter that scores best out of fold on these labels; ties go to the
    weight nearest the shared default."""
    if not labels.Y.any():
        return np.full(N_METERS, KNN_WEIGHT, dtype=np.float32)
    base, knn = out_of_fold_parts(X, labels, M, embedder=embedder, k=k, seed=seed, texts=texts, **fit_kw)
    return pick_kappas(base, knn, labels, grid)


def pick_kappas(base: np.ndarray, knn: np.ndarray, labels: LabelSet, grid: tuple[float, ...] = KAPPA_GRID
                ) -> np.ndarray:
    """(10,) for each meter the grid weight whose mix of the out-of-fold ``base`` and ``knn`` scores
    best (``kappa_score``); ties go to the weight nearest the default, which meters with fewer than
    ``MIN_POSITIVES`` positives keep."""
    out = np.full(N_METERS, KNN_WEIGHT, dtype=np.float32)
    for m in range(N_METERS):
        y = labels.Y[:, m]
        if y.sum() < MIN_POSITIVES or (~y).sum() < MIN_POSITIVES:
            continue
        scored = [(kappa_score((1 - kap) * base[:, m] + kap * knn[:, m], labels.ids, y), -abs(kap - KNN_WEIGHT), kap)
                  for kap in grid]
        out[m] = max(scored)[2]
    return out


def fit_tuned(X: np.ndarray, labels: LabelSet, M: np.ndarray, *, embedder: str, inner_folds: int = INNER_FOLDS,
              texts: Sequence[str] | None = None, **fit_kw: Any) -> RelevanceModel:
    """Fit with per-meter neighbour weights chosen by ``choose_kappas`` on the same labels."""
    fit_kw.pop("kappa", None)
    kappas = choose_kappas(X, labels, M, embedder=embedder, k=inner_folds, texts=texts, **fit_kw)
    model = fit(X, labels, M, embedder=embedder, kappa=kappas.tolist(), texts=texts, **fit_kw)
    model.meta["kappa_choice"] = f"per meter, {inner_folds}-fold CV on the training labels, grid {list(KAPPA_GRID)}"
    return model


def out_of_fold(X: np.ndarray, labels: LabelSet, M: np.ndarray, *, embedder: str, k: int = 5, seed: int = 0,
                per_meter_kappa: bool = False, texts: Sequence[str] | None = None,
                **fit_kw: Any) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold relevance of the model and of the prior alone, each (n, 10). ``per_meter_kappa``:
    choose the neighbour weights inside each training fold (as ``train-relevance`` does), else the
    shared ``kappa`` of ``fit_kw``. ``texts``: the labelled services' texts, aligned with X."""
    model_rel = np.zeros((len(X), N_METERS), np.float32)
    prior_rel = np.zeros((len(X), N_METERS), np.float32)
    for test in held_out_folds(labels, k, seed):
        train = labels.subset(~test)
        tr = _texts(texts, ~test)
        m = (fit_tuned(X[~test], train, M, embedder=embedder, texts=tr, **fit_kw) if per_meter_kappa
             else fit(X[~test], train, M, embedder=embedder, texts=tr, **fit_kw))
        model_rel[test] = m.predict(X[test], _texts(texts, test))
        prior_rel[test] = m.prior(X[test])
    return model_rel, prior_rel


def cross_validate(X: np.ndarray, labels: LabelSet, M: np.ndarray, *, embedder: str, k: int = 5, seed: int = 0,
                   oof: tuple[np.ndarray, np.ndarray] | None = None, **fit_kw: Any) -> dict[str, Any]:
    """Per-meter AUC, AP and nDCG@10 of the out-of-fold predictions, for the model and the prior alone.
    ``oof``: out-of-fold (model, prior) already computed by ``out_of_fold`` with the same folds."""
    model_rel, prior_rel = oof if oof is not None else out_of_fold(X, labels, M, embedder=embedder, k=k, seed=seed,
                                                                   **fit_kw)
    report: dict[str, Any] = {"folds": k, "seed": seed, "services": len(labels.ids), "systems": {}}
    for name, rel in (("model", model_rel), ("prior", prior_rel)):
        per: dict[str, dict[str, float]] = {}
        for m, key in enumerate(METER_KEYS):
            y = labels.Y[:, m]
            if not y.any():
                continue
            per[key] = {"auc": auc(rel[:, m], y), "ap": average_precision(rel[:, m], y),
                        "ndcg@10": _ranked_ndcg(rel[:, m], labels.ids, y), "positives": int(y.sum())}
        mean = {mk: float(np.mean([v[mk] for v in per.values()])) if per else 0.0 for mk in ("auc", "ap", "ndcg@10")}
        report["systems"][name] = {"per_meter": per, "mean": mean}
    return report
