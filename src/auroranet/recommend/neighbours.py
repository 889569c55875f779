"""Nearest labelled services: the expert labels of the services most like this one.

The per-meter classifiers of ``relevance`` draw one line per meter through the embedding space; with
ten to sixty positives a meter that experts label idiosyncratically (health: a few of the many health
services, the rest judged irrelevant to every meter) gets no usable line. Neighbours use every judgement
locally instead: a service's score for a meter is the similarity-weighted share of its ``K`` most similar
labelled services (positives and excluded alike) that experts marked with that meter,

    knn_m(x) = Σ_j softmax_j(cos(x, x_j) / T) · y_jm   over the K nearest labelled x_j.

``relevance.RelevanceModel`` mixes it with the classifier (``KNN_WEIGHT``). K, T and the weight were
chosen by grouped 5-fold cross-validation on the training labels only, averaged over three fold seeds:
nDCG@10 one low meter 0.45 → 0.58, two low 0.44 → 0.56 (`aurora eval meters`).
A weight per meter (``neighbour_weight.NeighbourWeight.per_meter``, chosen by ``relevance_cv.choose_kappas``) is
supported and saved with the model, but scored lower on fold seeds 0–2, so the shared weight is the
default.

Plain numpy.
"""

from __future__ import annotations

import numpy as np

KNN_K = 10
KNN_TEMPERATURE = 0.02
KNN_WEIGHT = 0.5
_CHUNK = 2048


def knn_relevance(X: np.ndarray, memory_X: np.ndarray, memory_Y: np.ndarray, *, k: int = KNN_K,
                  temperature: float = KNN_TEMPERATURE) -> np.ndarray:
    """(n, 10) in [0, 1]: label shares of each row's ``k`` nearest memory rows (cosine; inputs are
    L2-normalised embeddings). Empty memory gives zeros."""
    X = np.asarray(X, dtype=np.float32)
    out = np.zeros((len(X), memory_Y.shape[1]), dtype=np.float32)
    if not len(memory_X) or not len(X):
        return out
    Y = memory_Y.astype(np.float32)
    kk = min(k, len(memory_X))
    for s in range(0, len(X), _CHUNK):
        S = X[s : s + _CHUNK] @ memory_X.T  # (c, m)
        idx = np.argpartition(-S, kk - 1, axis=1)[:, :kk] if kk < S.shape[1] else np.tile(np.arange(kk), (len(S), 1))
        top = np.take_along_axis(S, idx, axis=1)
        w = np.exp((top - top.max(axis=1, keepdims=True)) / temperature)
        w /= w.sum(axis=1, keepdims=True)
        out[s : s + _CHUNK] = np.einsum("ck,ckm->cm", w, Y[idx])
    return out
