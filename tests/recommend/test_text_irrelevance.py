import numpy as np

from auroranet.recommend import relevance as rel
from auroranet.recommend.meters import METER_INDEX
from auroranet.recommend.text_irrelevance import fit_text_irrelevance

# Marked services are for young people; the excluded ones for companies or builders. The words differ,
# not the topic: both sides are about housing and money.
MARKED = ["Vuokra-asunnot nuorille", "Nuorten asumisneuvonta", "Asumistuki nuorelle", "Nuorten talousneuvonta",
          "Opiskelija-asunnot nuorille", "Nuorten velkaneuvonta"]
EXCLUDED = ["Yritysten toimitilat", "Yrityksen rahoitus", "Rakennuslupa yrityksille", "Yritysten vuokratontit",
            "Yrityksen verotus", "Rakennusvalvonta yrityksille"]


def _labels():
    rows = [(f"m{i}", ["housing"], False) for i in range(len(MARKED))]
    rows += [(f"x{i}", [], True) for i in range(len(EXCLUDED))]
    return rel.LabelSet.from_rows(rows), MARKED + EXCLUDED  # ids sort as m0.., x0..


def test_learns_the_words_of_the_excluded_services():
    labels, texts = _labels()
    model = fit_text_irrelevance(texts, labels.excluded, labels.Y.any(axis=1), texts)
    assert model is not None
    p = model.predict(["Asunnot nuorille", "Toimitilat yrityksille"])
    assert p[1] > 0.5 > p[0]
    assert model.predict([]).shape == (0,)


def test_nothing_to_learn_without_both_sides():
    labels, texts = _labels()
    assert fit_text_irrelevance(texts, np.zeros(len(texts), bool), labels.Y.any(axis=1), texts) is None


def test_relevance_model_uses_texts_and_saves_them(tmp_path):
    labels, texts = _labels()
    rng = np.random.default_rng(0)
    X = rng.normal(size=(len(texts), 8)).astype(np.float32)  # embeddings that say nothing
    M = rel._normalise(rng.normal(size=(10, 8)).astype(np.float32))
    model = rel.fit(X, labels, M, embedder="test", texts=texts, ref_texts=texts, kappa=0.0)
    assert model.text_irr is not None and model.meta["text_irrelevance"]
    new = ["Vuokra-asunnot nuorille", "Yritysten vuokratontit"]
    x = rng.normal(size=(2, 8)).astype(np.float32)
    x[1] = x[0]  # the same embedding: only the text tells them apart
    h = METER_INDEX["housing"]
    R = model.predict(x, new)
    assert R[0, h] > R[1, h]
    np.testing.assert_allclose(model.predict(x)[0], model.predict(x)[1])  # no texts: no text part
    again = rel.RelevanceModel.load(model.save(tmp_path))
    assert again.text_irr is not None
    np.testing.assert_allclose(again.predict(x, new), R, rtol=1e-5)


def test_model_without_text_part_saves_and_loads(tmp_path):
    labels, texts = _labels()
    rng = np.random.default_rng(1)
    X = rng.normal(size=(len(texts), 8)).astype(np.float32)
    M = rel._normalise(rng.normal(size=(10, 8)).astype(np.float32))
    model = rel.fit(X, labels, M, embedder="test")
    again = rel.RelevanceModel.load(model.save(tmp_path))
    assert model.text_irr is None and again.text_irr is None
    np.testing.assert_allclose(again.predict(X, texts), model.predict(X), rtol=1e-5)
