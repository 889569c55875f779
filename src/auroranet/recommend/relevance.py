"""Meter → service relevance for EVERY service, learnt from expert labels and embeddings.

Parts linear in the service's passage embedding (and, for irrelevance, its text), so the model scores
services no expert has seen:

* a zero-shot prior: cosine similarity between the service and the description of each meter's need
  (``meters.NEED_DESCRIPTIONS``, fi/sv/en averaged, plus the PTV service classes mapped to the meter in
  ``need_classes``), standardised per meter and Platt-calibrated on the
  labels (two shared parameters, so it cannot overfit);
* per-meter logistic regression (L2, class-weighted) on the centred embedding, fitted only for meters
  with enough positive labels, all meters jointly with a shared direction (``multitask``);
* an "irrelevant to every meter" logistic regression learnt from the services experts excluded, which
  damps everything for services like them (β = 1: a service that looks like the excluded ones keeps
  only the neighbours' share); given the services' texts, mixed with a character n-gram model of the
  same judgement (``text_irrelevance``).

* the expert labels of the nearest labelled services (``neighbours``), kept with the model.

``relevance_m = (1 − κ_m)·((1 − α)·p_lr + α·prior) · (1 − β·p_irrelevant) + κ_m·knn``, a matrix
(n_services, 10) in [0, 1]. The neighbour weight κ_m is per meter (``kappas``), chosen by
cross-validation on the training labels (``relevance_cv.choose_kappas``); a model saved before per-meter
weights (format 1) has one κ for every meter and still loads.
Parameters are plain arrays saved as ``.npz`` (allow_pickle=False) with a JSON meta file, one version
per training. ``relevance_cv`` gives out-of-fold figures for the model and the prior alone.

Plain numpy/scipy: no Session, no settings lookup.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
from scipy.optimize import minimize

from auroranet.recommend.meters import METER_INDEX, METER_KEYS, NEED_DESCRIPTIONS
from auroranet.recommend.multitask import multitask_logreg
from auroranet.recommend.need_classes import class_texts
from auroranet.recommend.neighbours import KNN_WEIGHT, knn_relevance
from auroranet.recommend.text_irrelevance import TEXT_WEIGHT, TextIrrelevance, fit_text_irrelevance

N_METERS = len(METER_KEYS)
MIN_POSITIVES = 3  # fewer positives than this: the meter uses the prior only
DEFAULT_L2 = 3.0
DEFAULT_ALPHA = 0.5
DEFAULT_BETA = 1.0
FORMAT_VERSION = 3  # 2: per-meter neighbour weights (``kappas``); 3: optional text irrelevance (``text_irr``)
READABLE_FORMATS = (1, 2, 3)
TEXT_IRR_ARRAYS = ("tirr_ngrams", "tirr_idf", "tirr_coef")

EmbedFn = Callable[[list[str]], np.ndarray]


@dataclass
class LabelSet:
    """Labels aligned with an embedding matrix: ``Y[i, m]`` = service i serves meter m."""

    ids: list[str]
    Y: np.ndarray  # (n, 10) bool
    excluded: np.ndarray  # (n,) bool: judged irrelevant to every meter

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[str, Sequence[str], bool]]) -> "LabelSet":
        """Rows of (service id, meters, excluded). Several rows for one id are merged."""
        merged: dict[str, tuple[set[str], bool]] = {}
        for sid, meters, excluded in rows:
            ms, ex = merged.get(sid, (set(), True))
            ms |= {m for m in meters if m in METER_INDEX}
            merged[sid] = (ms, ex and bool(excluded))
        ids = sorted(merged)
        Y = np.zeros((len(ids), N_METERS), dtype=bool)
        excl = np.zeros(len(ids), dtype=bool)
        for i, sid in enumerate(ids):
            ms, ex = merged[sid]
            for m in ms:
                Y[i, METER_INDEX[m]] = True
            excl[i] = ex and not ms
        return cls(ids, Y, excl)

    def subset(self, keep: np.ndarray) -> "LabelSet":
        return LabelSet([self.ids[i] for i in np.flatnonzero(keep)], self.Y[keep], self.excluded[keep])


@dataclass
class RelevanceModel:
    embedder: str
    meter_vectors: np.ndarray  # (10, d) L2-normalised need-description embeddings
    prior_mu: np.ndarray  # (10,) mean cosine over the training services
    prior_sigma: np.ndarray  # (10,)
    prior_ab: np.ndarray  # (2,) Platt scale and offset on the standardised cosine
    x_mean: np.ndarray  # (d,) centring of the embeddings
    W: np.ndarray  # (10, d)
    b: np.ndarray  # (10,)
    fitted: np.ndarray  # (10,) bool: meter has its own classifier
    w_irr: np.ndarray  # (d,)
    b_irr: float = 0.0
    has_irr: bool = False
    alpha: float = DEFAULT_ALPHA
    beta: float = DEFAULT_BETA
    knn_X: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))  # labelled embeddings
    knn_Y: np.ndarray = field(default_factory=lambda: np.zeros((0, N_METERS), bool))  # their labels
    kappa: float = 0.0  # weight of the neighbours (0 in models saved before they existed)
    kappas: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # (10,) per meter; empty: κ
    text_irr: TextIrrelevance | None = None  # irrelevance from the service texts (models from format 3)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def dim(self) -> int:
        return int(self.meter_vectors.shape[1])

    # -- scoring ---------------------------------------------------------------------------

    def prior(self, X: np.ndarray) -> np.ndarray:
        z = (X @ self.meter_vectors.T - self.prior_mu) / self.prior_sigma
        return _sigmoid(self.prior_ab[0] * z + self.prior_ab[1])

    def classifier(self, X: np.ndarray) -> np.ndarray:
        return _sigmoid((X - self.x_mean) @ self.W.T + self.b)

    def irrelevance(self, X: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """(n,) "irrelevant to every meter": the embedding's view, mixed with the text model's
        (``text_irrelevance``) when the model has one and the services' ``texts`` are given."""
        if not self.has_irr:
            return np.zeros(len(X), dtype=np.float32)
        p: np.ndarray = _sigmoid((X - self.x_mean) @ self.w_irr + self.b_irr)
        if self.text_irr is not None and texts is not None:
            if len(texts) != len(X):
                raise ValueError("embeddings and texts are not aligned")
            p = (1.0 - TEXT_WEIGHT) * p + TEXT_WEIGHT * self.text_irr.predict(texts)
        return p

    def meter_kappas(self) -> np.ndarray:
        """(10,) the neighbour weight of each meter (one shared κ in format-1 models)."""
        if self.kappas.shape == (N_METERS,):
            return self.kappas.astype(np.float32)
        return np.full(N_METERS, self.kappa, dtype=np.float32)

    def base(self, x: np.ndarray, texts: Sequence[str] | None = None, *, alpha: float | None = None,
             beta: float | None = None) -> np.ndarray:
        """The classifier and prior mix, damped by irrelevance: everything but the neighbours."""
        a = self.alpha if alpha is None else alpha
        bt = self.beta if beta is None else beta
        pr = self.prior(x)
        rel = np.where(self.fitted, (1.0 - a) * self.classifier(x) + a * pr, pr)
        out: np.ndarray = rel * (1.0 - bt * self.irrelevance(x, texts))[:, None]
        return out

    def neighbours(self, x: np.ndarray) -> np.ndarray:
        return knn_relevance(x, self.knn_X, self.knn_Y)

    def predict(self, X: np.ndarray, texts: Sequence[str] | None = None, *, alpha: float | None = None,
                beta: float | None = None) -> np.ndarray:
        """Relevance (n, 10) in [0, 1] for embeddings X (n, d) and, for a model with a text part, the
        services' texts (aligned with X; without them the text part is left out). Computed in chunks
        to bound memory."""
        X = np.asarray(X, dtype=np.float32)
        kap = self.meter_kappas()
        use_knn = bool((kap > 0).any()) and len(self.knn_X) > 0
        out = np.empty((len(X), N_METERS), dtype=np.float32)
        for s in range(0, len(X), 20000):
            x = X[s : s + 20000]
            rel = self.base(x, None if texts is None else texts[s : s + 20000], alpha=alpha, beta=beta)
            if use_knn:
                rel = (1.0 - kap) * rel + kap * self.neighbours(x)
            out[s : s + 20000] = rel
        return np.clip(out, 0.0, 1.0)

    # -- persistence -----------------------------------------------------------------------

    def save(self, directory: Path) -> Path:
        """Write ``relevance-v{N}.npz`` + ``.json`` with the next free version; returns the npz path."""
        directory.mkdir(parents=True, exist_ok=True)
        version = max((v for v, _ in list_versions(directory)), default=0) + 1
        path = directory / f"relevance-v{version}.npz"
        arrays = {k: getattr(self, k) for k in ("meter_vectors", "prior_mu", "prior_sigma", "prior_ab", "x_mean",
                                                  "W", "b", "fitted", "w_irr", "knn_X", "knn_Y", "kappas")}
        if self.text_irr is not None:
            arrays.update(zip(TEXT_IRR_ARRAYS, (self.text_irr.ngrams, self.text_irr.idf, self.text_irr.coef)))
        tmp = directory / f".relevance-v{version}.tmp.npz"
        np.savez(tmp, **arrays)
        meta = dict(self.meta)
        meta.update(format=FORMAT_VERSION, version=version, embedder=self.embedder, dim=self.dim,
                    meters=list(METER_KEYS), b_irr=self.b_irr, has_irr=self.has_irr, alpha=self.alpha,
                    beta=self.beta, kappa=self.kappa,
                    text_irr_intercept=None if self.text_irr is None else self.text_irr.intercept,
                    kappas=[round(float(k), 4) for k in self.meter_kappas()], saved_at=datetime.now(timezone.utc).isoformat())
        path.with_suffix(".json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)  # the npz appears last: a half-written version is never listed
        self.meta = meta
        return path

    @classmethod
    def load(cls, path: Path) -> "RelevanceModel":
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if meta.get("format") not in READABLE_FORMATS or meta.get("meters") != list(METER_KEYS):
            raise ValueError(f"{path}: incompatible relevance model format")
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        text = [arrays.pop(k) for k in TEXT_IRR_ARRAYS if k in arrays]
        text_irr = (TextIrrelevance(text[0], text[1], text[2], float(meta["text_irr_intercept"]))
                    if len(text) == len(TEXT_IRR_ARRAYS) and meta.get("text_irr_intercept") is not None else None)
        return cls(text_irr=text_irr, embedder=meta["embedder"], b_irr=float(meta["b_irr"]), has_irr=bool(meta["has_irr"]),
                   alpha=float(meta["alpha"]), beta=float(meta["beta"]), kappa=float(meta.get("kappa", 0.0)),
                   meta=meta, **arrays)


def list_versions(directory: Path) -> list[tuple[int, Path]]:
    out = []
    for p in directory.glob("relevance-v*.npz"):
        m = re.fullmatch(r"relevance-v(\d+)\.npz", p.name)
        if m and p.with_suffix(".json").exists():
            out.append((int(m.group(1)), p))
    return sorted(out)


def load_latest(directory: Path, *, embedder: str, dim: int) -> RelevanceModel | None:
    """Newest saved model made with this embedder; None when there is none (or none readable)."""
    for _, path in reversed(list_versions(directory)):
        try:
            model = RelevanceModel.load(path)
        except (ValueError, KeyError, OSError):
            continue
        if model.embedder == embedder and model.dim == dim:
            return model
    return None


# ---------------------------------------------------------------------------------------------
# Fitting
# ---------------------------------------------------------------------------------------------


def meter_vectors(embed_queries: EmbedFn, *, with_classes: bool = True) -> np.ndarray:
    """One normalised vector per meter: the mean of its fi, sv and en need-description embeddings,
    plus (``with_classes``) the mean of its PTV service classes' name-and-description embeddings
    (``need_classes``), the two halves weighted equally."""
    texts = [NEED_DESCRIPTIONS[k][lang] for k in METER_KEYS for lang in ("fi", "sv", "en")]
    E = _normalise(np.asarray(embed_queries(texts), dtype=np.float32).reshape(N_METERS, 3, -1).mean(axis=1))
    if not with_classes:
        return E
    per_meter = class_texts()
    flat = [t for texts_m in per_meter for t in texts_m]
    if not flat:
        return E
    C = _normalise(np.asarray(embed_queries(flat), dtype=np.float32))
    cuts = np.cumsum([0] + [len(t) for t in per_meter])
    K = np.stack([_normalise(C[a:b].mean(axis=0)) if b > a else np.zeros(E.shape[1], np.float32)
                  for a, b in zip(cuts[:-1], cuts[1:])])
    return _normalise(E + K)


def zero_shot_model(M: np.ndarray, X_ref: np.ndarray, *, embedder: str) -> RelevanceModel:
    """The prior alone (no labels): standardised cosine with a fixed, gentle calibration."""
    mu, sigma = cos_stats(X_ref, M)
    d = M.shape[1]
    return RelevanceModel(embedder=embedder, meter_vectors=M, prior_mu=mu, prior_sigma=sigma,
                          prior_ab=np.array([1.5, -3.0], dtype=np.float32), x_mean=X_ref.mean(axis=0).astype(np.float32),
                          W=np.zeros((N_METERS, d), np.float32), b=np.zeros(N_METERS, np.float32),
                          fitted=np.zeros(N_METERS, bool), w_irr=np.zeros(d, np.float32), alpha=1.0, beta=0.0,
                          meta={"kind": "zero-shot", "labels": 0})


def fit(X: np.ndarray, labels: LabelSet, M: np.ndarray, *, embedder: str, l2: float = DEFAULT_L2,
        alpha: float = DEFAULT_ALPHA, beta: float = DEFAULT_BETA, kappa: float | Sequence[float] = KNN_WEIGHT,
        X_ref: np.ndarray | None = None, texts: Sequence[str] | None = None,
        ref_texts: Sequence[str] | None = None) -> RelevanceModel:
    """Fit on embeddings X (n, d) aligned with ``labels``. Meters with < MIN_POSITIVES use the prior only.

    ``kappa``: the neighbour weight, one for all meters or one per meter (``relevance_cv.fit_tuned``
    chooses them). ``X_ref`` (default X): the services over which the prior's cosines are standardised,
    normally the whole catalogue. ``texts`` (aligned with X) and ``ref_texts`` (the catalogue's, for the
    n-gram vocabulary): the services' texts, for the text part of the irrelevance; without them the
    model has none."""
    X = np.asarray(X, dtype=np.float32)
    if len(X) != len(labels.ids) or (texts is not None and len(texts) != len(X)):
        raise ValueError("embeddings, texts and labels are not aligned")
    model = zero_shot_model(M, X if X_ref is None or not len(X_ref) else X_ref, embedder=embedder)
    model.alpha, model.beta = alpha, beta
    kap = np.broadcast_to(np.asarray(kappa, dtype=np.float32), (N_METERS,)).copy()
    if np.any((kap < 0) | (kap > 1)):
        raise ValueError("neighbour weights must be in [0, 1]")
    if labels.Y.any() and (kap > 0).any():
        model.knn_X, model.knn_Y = _normalise(X), labels.Y.copy()
        model.kappa, model.kappas = float(kap.mean()), kap
    Xc = X - model.x_mean
    scale = float(np.sqrt((Xc**2).sum(axis=1).mean())) or 1.0
    Xs = Xc / scale
    # Platt calibration of the prior on all (service, meter) pairs: two parameters, shared by meters.
    if labels.Y.any():
        z = ((X @ M.T - model.prior_mu) / model.prior_sigma).ravel()
        w, b = _logreg(z[:, None], labels.Y.ravel(), l2=1.0)
        if w[0] > 0:
            model.prior_ab = np.array([w[0], b], dtype=np.float32)
    n_pos = labels.Y.sum(axis=0)
    own = np.flatnonzero((n_pos >= MIN_POSITIVES) & (len(labels.ids) - n_pos >= MIN_POSITIVES))
    if len(own):  # the meters' classifiers share a direction (``multitask``)
        W_own, b_own = multitask_logreg(Xs, labels.Y[:, own], shared_l2=l2, own_l2=l2)
        model.W[own], model.b[own], model.fitted[own] = W_own / scale, b_own, True
    has_meter = labels.Y.any(axis=1)
    if labels.excluded.sum() >= MIN_POSITIVES and has_meter.sum() >= MIN_POSITIVES:
        keep = labels.excluded | has_meter
        w, b = _logreg(Xs[keep], labels.excluded[keep], l2=l2)
        model.w_irr, model.b_irr, model.has_irr = w / scale, b, True
        if texts is not None:
            model.text_irr = fit_text_irrelevance(texts, labels.excluded, np.asarray(has_meter), ref_texts or texts)
    model.meta = {"kind": "trained", "labels": len(labels.ids), "positives": labels.Y.sum(axis=0).tolist(),
                  "excluded": int(labels.excluded.sum()), "l2": l2, "text_irrelevance": model.text_irr is not None,
                  "fitted": [METER_KEYS[m] for m in np.flatnonzero(model.fitted)]}
    return model


def _logreg(X: np.ndarray, y: np.ndarray, *, l2: float) -> tuple[np.ndarray, float]:
    """Class-weighted L2 logistic regression (intercept not penalised), L-BFGS."""
    y = y.astype(bool)
    n, d = X.shape
    pos = max(int(y.sum()), 1)
    neg = max(n - int(y.sum()), 1)
    c = np.where(y, n / (2.0 * pos), n / (2.0 * neg)) / n
    s = np.where(y, 1.0, -1.0)
    X64 = X.astype(np.float64)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:d], theta[d]
        margin = s * (X64 @ w + b)
        lse = np.logaddexp(0.0, -margin)
        g = -c * s * _sigmoid(-margin)
        value = float((c * lse).sum() + 0.5 * l2 / n * (w @ w))
        grad = np.concatenate([X64.T @ g + l2 / n * w, [g.sum()]])
        return value, grad

    res = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return res.x[:d].astype(np.float32), float(res.x[d])


def _normalise(A: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(A, axis=-1, keepdims=True)
    return (A / np.where(n == 0, 1.0, n)).astype(np.float32)


def cos_stats(X: np.ndarray, M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    C = X @ M.T
    return C.mean(axis=0).astype(np.float32), np.maximum(C.std(axis=0), 1e-6).astype(np.float32)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    y: np.ndarray = 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x)))
    return y
