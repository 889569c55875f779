import numpy as np

from auroranet.recommend import relevance as rel
from auroranet.recommend import relevance_cv
from auroranet.recommend.meters import METER_INDEX, METER_KEYS


def _synthetic(seed=0, n=240, d=32):
    """Each meter owns a direction; services labelled with a meter lie near it, the rest are noise."""
    rng = np.random.default_rng(seed)
    dirs = rng.normal(size=(len(METER_KEYS), d))
    rows, X = [], []
    for i in range(n):
        m = i % 12
        x = rng.normal(size=d) * 0.8
        if m < len(METER_KEYS):
            x += 2.0 * dirs[m]
            rows.append((f"s{i:04d}", [METER_KEYS[m]], False))
        else:
            rows.append((f"s{i:04d}", [], True))
        X.append(x)
    X = np.asarray(X, np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    labels = rel.LabelSet.from_rows(rows)
    order = [int(s[1:]) for s in labels.ids]
    M = rng.normal(size=(len(METER_KEYS), d)).astype(np.float32)  # an uninformative prior
    return X[order], labels, rel._normalise(M)


def test_cross_validation_beats_random_and_reports_prior():
    X, labels, M = _synthetic()
    report = relevance_cv.cross_validate(X, labels, M, embedder="test", k=5)
    model, prior = report["systems"]["model"]["mean"], report["systems"]["prior"]["mean"]
    assert model["auc"] > 0.85 and model["ndcg@10"] > 0.5
    assert model["auc"] > prior["auc"]
    assert set(report["systems"]["model"]["per_meter"]) == set(METER_KEYS)


def test_fit_predict_range_and_roundtrip(tmp_path):
    X, labels, M = _synthetic(1)
    model = rel.fit(X, labels, M, embedder="test")
    R = model.predict(X)
    assert R.shape == (len(X), 10) and R.min() >= 0 and R.max() <= 1
    m = METER_INDEX["housing"]
    assert R[labels.Y[:, m], m].mean() > R[~labels.Y[:, m], m].mean()
    path = model.save(tmp_path)
    again = rel.RelevanceModel.load(path)
    np.testing.assert_allclose(again.predict(X), R, rtol=1e-5)
    assert rel.load_latest(tmp_path, embedder="test", dim=X.shape[1]).meta["version"] == 1
    assert rel.load_latest(tmp_path, embedder="other", dim=X.shape[1]) is None
    assert model.save(tmp_path).name == "relevance-v2.npz"


def test_meter_with_few_labels_uses_prior():
    X, labels, M = _synthetic(2, n=60)
    labels.Y[:, METER_INDEX["friends"]] = False
    labels.Y[0, METER_INDEX["friends"]] = True
    model = rel.fit(X, labels, M, embedder="test")
    assert not model.fitted[METER_INDEX["friends"]] and model.fitted[METER_INDEX["housing"]]
