"""The neighbour channel learns a meter experts label for a few services inside a larger, excluded
group: a linear classifier over ~10 positives cannot draw that line, the labels of the nearest labelled
services can."""

import numpy as np

from auroranet.recommend import relevance as rel
from auroranet.recommend.meters import METER_INDEX, METER_KEYS
from auroranet.recommend.neighbours import knn_relevance


def _unit(A):
    return (A / np.linalg.norm(A, axis=-1, keepdims=True)).astype(np.float32)


def _health_like(seed=0, d=48):
    """One broad 'health' region: 6 tight sub-groups, experts marked two of them health, excluded the
    other four (as in the real training labels); plus unrelated excluded noise."""
    rng = np.random.default_rng(seed)
    centre = rng.normal(size=d)
    rows, X, groups = [], [], []
    for g in range(6):
        sub = centre * 1.5 + rng.normal(size=d)
        for j in range(12):
            X.append(sub + 0.15 * rng.normal(size=d))
            rows.append((f"g{g}-{j:02d}", ["health"] if g < 2 else [], g >= 2))
            groups.append(g)
    for j in range(120):
        X.append(rng.normal(size=d) * 2)
        rows.append((f"n-{j:03d}", [], True))
        groups.append(-1)
    labels = rel.LabelSet.from_rows(rows)
    order = {sid: i for i, (sid, _, _) in enumerate(rows)}
    idx = [order[s] for s in labels.ids]
    return _unit(np.asarray(X)[idx]), labels, np.asarray(groups)[idx]


def test_neighbours_find_the_marked_subgroups_the_classifier_misses():
    X, labels, groups = _health_like()
    M = _unit(np.random.default_rng(9).normal(size=(len(METER_KEYS), X.shape[1])))
    h = METER_INDEX["health"]
    test = np.array([s.endswith(("-00", "-01", "-02", "-000", "-001", "-002")) for s in labels.ids])
    train = labels.subset(~test)
    with_knn = rel.fit(X[~test], train, M, embedder="t").predict(X[test])[:, h]
    without = rel.fit(X[~test], train, M, embedder="t", kappa=0.0).predict(X[test])[:, h]
    pos = labels.Y[test, h]
    gap = lambda r: r[pos].min() - r[~pos].max()  # noqa: E731
    assert gap(with_knn) > 0  # every marked held-out service above every excluded one
    assert gap(with_knn) > gap(without)


def test_knn_relevance_shares_and_empty_memory():
    mem = _unit(np.eye(4, 8, dtype=np.float32) + 0.01)
    Y = np.zeros((4, 10), bool)
    Y[0, 3] = Y[1, 3] = True
    out = knn_relevance(mem[:2], mem, Y, k=2)
    assert out.shape == (2, 10) and np.all((out >= 0) & (out <= 1))
    assert out[0, 3] > 0.99 and out[:, 4].max() == 0
    assert not knn_relevance(mem, np.zeros((0, 8), np.float32), np.zeros((0, 10), bool)).any()


def test_saved_model_keeps_neighbours_and_old_models_still_load(tmp_path):
    X, labels, _ = _health_like(1)
    M = _unit(np.random.default_rng(3).normal(size=(len(METER_KEYS), X.shape[1])))
    model = rel.fit(X, labels, M, embedder="t")
    assert model.kappa > 0 and model.knn_X.shape == X.shape
    again = rel.RelevanceModel.load(model.save(tmp_path))
    np.testing.assert_allclose(again.predict(X), model.predict(X), rtol=1e-5)
    old = rel.fit(X, labels, M, embedder="t", kappa=0.0)  # what a model saved before neighbours is
    assert old.kappa == 0 and not len(old.knn_X)
    np.testing.assert_allclose(rel.RelevanceModel.load(old.save(tmp_path)).predict(X), old.predict(X), rtol=1e-5)
