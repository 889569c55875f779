"""Per-meter neighbour weights: chosen by cross-validation on the training labels, saved with the model,
used by ``predict``; models saved before them (one shared weight, format 1) still load."""

import json

import numpy as np
import pytest

from auroranet.recommend import relevance as rel
from auroranet.recommend import relevance_cv
from auroranet.recommend.meters import METER_INDEX, METER_KEYS
from auroranet.recommend.neighbours import KNN_WEIGHT
from tests.recommend.test_neighbours import _health_like, _unit


def _data(seed=0):
    X, labels, _ = _health_like(seed)
    M = _unit(np.random.default_rng(seed + 7).normal(size=(len(METER_KEYS), X.shape[1])))
    return X, labels, M


def test_each_meter_gets_the_weight_that_ranks_its_own_labels_best():
    """Out-of-fold parts where the classifier ranks housing perfectly and the neighbours rank health
    perfectly (the other part being noise): housing leans on the classifier, health on the neighbours."""
    X, labels, M = _data()
    rng = np.random.default_rng(1)
    n = len(labels.ids)
    h, ho = METER_INDEX["health"], METER_INDEX["housing"]
    Y = labels.Y.copy()
    Y[:, ho] = rng.random(n) < 0.1
    labels = rel.LabelSet(labels.ids, Y, labels.excluded & ~Y.any(axis=1))
    base, knn = rng.random((n, len(METER_KEYS))), rng.random((n, len(METER_KEYS)))
    base[:, ho] = 0.5 * Y[:, ho] + 0.05 * base[:, ho]
    knn[:, h] = 0.5 * Y[:, h] + 0.05 * knn[:, h]
    kappas = relevance_cv.pick_kappas(base, knn, labels)
    assert kappas[ho] < KNN_WEIGHT < kappas[h]
    others = [m for m in range(len(METER_KEYS)) if m not in (h, ho)]
    assert np.all(kappas[others] == KNN_WEIGHT)  # no positives: nothing to choose by, the default stays


def test_weights_are_chosen_on_the_training_fold_only(monkeypatch):
    X, labels, M = _data()
    seen: list[int] = []
    real = relevance_cv.choose_kappas

    def spy(X_, labels_, M_, **kw):  # type: ignore[no-untyped-def]
        seen.append(len(labels_.ids))
        return real(X_, labels_, M_, **kw)

    monkeypatch.setattr(relevance_cv, "choose_kappas", spy)
    relevance_cv.out_of_fold(X, labels, M, embedder="t", k=3, seed=2, per_meter_kappa=True)
    fold = relevance_cv.folds_for(labels, 3, 2)
    assert sorted(seen) == sorted(int((fold != f).sum()) for f in range(3))
    seen.clear()
    relevance_cv.out_of_fold(X, labels, M, embedder="t", k=3, seed=2)  # the default: the shared weight
    assert seen == []


def test_predict_mixes_each_meter_with_its_own_weight():
    X, labels, M = _data()
    kap = np.linspace(0.0, 0.9, len(METER_KEYS))
    model = rel.fit(X, labels, M, embedder="t", kappa=kap.tolist())
    expected = (1 - kap) * model.base(X) + kap * model.neighbours(X)
    np.testing.assert_allclose(model.predict(X), np.clip(expected, 0, 1), rtol=1e-5, atol=1e-6)


def test_tuned_model_saves_its_weights_and_a_format_1_model_still_loads(tmp_path):
    X, labels, M = _data(1)
    model = relevance_cv.fit_tuned(X, labels, M, embedder="t")
    path = model.save(tmp_path)
    again = rel.RelevanceModel.load(path)
    np.testing.assert_allclose(again.meter_kappas(), model.meter_kappas())
    np.testing.assert_allclose(again.predict(X), model.predict(X), rtol=1e-5)
    meta = json.loads(path.with_suffix(".json").read_text())
    assert meta["format"] == rel.FORMAT_VERSION and len(meta["kappas"]) == len(METER_KEYS)
    # the same model as saved before per-meter weights: no kappas array, format 1, one shared kappa
    shared = rel.fit(X, labels, M, embedder="t", kappa=0.5)
    old = shared.save(tmp_path / "old")
    with np.load(old) as z:
        arrays = {k: z[k] for k in z.files if k != "kappas"}
    np.savez(old, **arrays)
    meta = json.loads(old.with_suffix(".json").read_text())
    meta["format"] = 1
    del meta["kappas"]
    old.with_suffix(".json").write_text(json.dumps(meta))
    loaded = rel.load_latest(tmp_path / "old", embedder="t", dim=X.shape[1])
    assert loaded is not None and loaded.meter_kappas().tolist() == [0.5] * len(METER_KEYS)
    np.testing.assert_allclose(loaded.predict(X), shared.predict(X), rtol=1e-5)


def test_a_newer_format_is_skipped_not_misread(tmp_path):
    X, labels, M = _data(2)
    first = rel.fit(X, labels, M, embedder="t").save(tmp_path)
    second = rel.fit(X, labels, M, embedder="t").save(tmp_path)
    meta = json.loads(second.with_suffix(".json").read_text())
    meta["format"] = 99
    second.with_suffix(".json").write_text(json.dumps(meta))
    assert rel.load_latest(tmp_path, embedder="t", dim=X.shape[1]).meta["version"] == 1
    assert first.name == "relevance-v1.npz"


def test_cross_validation_reports_its_seed():
    X, labels, M = _data()
    rep = relevance_cv.cross_validate(X, labels, M, embedder="t", k=3, seed=2)
    assert rep["seed"] == 2 and "health" in rep["systems"]["model"]["per_meter"]


def test_train_relevance_saves_per_meter_weights_that_serving_loads(db, settings, tmp_path):  # type: ignore[no-untyped-def]
    from auroranet.catalogue.flows import import_files
    from auroranet.recommend.train_relevance import relevance_dir, train_relevance
    from auroranet.runtime import Runtime
    from tests.catalogue.test_live import write_services

    cat = tmp_path / "c.jsonl"
    names = [f"Vuokra-asunnot {i}" for i in range(4)] + [f"Velkaneuvonta {i}" for i in range(4)] + \
        [f"Kirjasto {i}" for i in range(4)]
    ids = write_services(cat, names)
    import_files(db, [cat])
    labels = tmp_path / "labels.jsonl"
    meters = ["housing"] * 4 + ["finance"] * 4 + [None] * 4
    labels.write_text("".join(json.dumps({"service_id": sid, "meters": [m] if m else [], "excluded": m is None})
                              + "\n" for sid, m in zip(ids, meters)), encoding="utf-8")
    rt = Runtime.create(settings, db=db)
    shared, _ = train_relevance(rt.db, rt.embedder, rt.index, settings.models_dir, labels, folds=2)
    tuned, _ = train_relevance(rt.db, rt.embedder, rt.index, settings.models_dir, labels, folds=2,
                               per_meter_kappa=True)
    assert json.loads(shared.with_suffix(".json").read_text())["kappas"] == [KNN_WEIGHT] * len(METER_KEYS)
    meta = json.loads(tuned.with_suffix(".json").read_text())
    assert "kappa_choice" in meta and len(meta["kappas"]) == len(METER_KEYS)
    served = rel.load_latest(relevance_dir(settings.models_dir), embedder=rt.embedder.name,
                             dim=int(rt.index().vectors.shape[1]))
    assert served is not None and served.meta["version"] == meta["version"]
    assert served.meter_kappas().tolist() == pytest.approx(meta["kappas"])
