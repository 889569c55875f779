import numpy as np

from auroranet.catalogue.reference_import import packaged_code_lists
from auroranet.recommend import relevance as rel
from auroranet.recommend.meters import METER_INDEX, METER_KEYS
from auroranet.recommend.need_classes import NEED_SERVICE_CLASSES, class_names, class_texts
from auroranet.search.embed import HashingEmbedder


def test_every_meter_maps_to_known_classes_with_texts_in_three_languages():
    classes = packaged_code_lists().service_classes
    assert set(NEED_SERVICE_CLASSES) == set(METER_KEYS)
    for key, codes in NEED_SERVICE_CLASSES.items():
        assert codes and len(set(codes)) == len(codes), key
        assert all(c in classes for c in codes), [c for c in codes if c not in classes]
    texts = class_texts()
    for key, per in zip(METER_KEYS, texts):
        assert len(per) == 3 * len(NEED_SERVICE_CLASSES[key])
    housing = texts[METER_INDEX["housing"]]
    assert any(t.startswith("Vuokra-asuminen.") for t in housing)
    assert any(t.startswith("Rental housing.") for t in housing)


def test_class_texts_pull_the_meter_vector_towards_its_classes():
    emb = HashingEmbedder(256)
    embed = emb.embed_queries
    plain = rel.meter_vectors(embed, with_classes=False)
    rich = rel.meter_vectors(embed)
    assert plain.shape == rich.shape == (len(METER_KEYS), 256)
    np.testing.assert_allclose(np.linalg.norm(rich, axis=1), 1.0, rtol=1e-5)
    for m, texts in enumerate(class_texts()):
        centre = rel._normalise(rel._normalise(embed(list(texts))).mean(axis=0))
        assert float(rich[m] @ centre) > float(plain[m] @ centre) + 0.05, METER_KEYS[m]
        assert float(rich[m] @ plain[m]) > 0.3  # the need description still counts as much


def test_lexical_channel_also_searches_for_the_class_names():
    from auroranet.evaluation.baselines import bm25_relevance
    from auroranet.recommend.meters import NEED_DESCRIPTIONS
    from auroranet.search.analysis import make_analyzer

    # "Osaomistus- ja asumisoikeusasuminen" (P1.3) is a housing class name the need description lacks
    assert "asumisoikeus" not in " ".join(NEED_DESCRIPTIONS["housing"].values()).lower()
    assert ("fi", "Osaomistus- ja asumisoikeusasuminen") in class_names()[METER_INDEX["housing"]]
    texts = ["Asumisoikeusasuminen ja osaomistus", "Kirjaston lainat", "Uimahallin aukioloajat"]
    langs = ["fi", "fi", "fi"]
    h = METER_INDEX["housing"]
    plain = bm25_relevance(texts, langs, make_analyzer("simple"), with_classes=False)
    rich = bm25_relevance(texts, langs, make_analyzer("simple"))
    assert plain[0, h] == 0.0 and rich[0, h] == 1.0 and rich[1:, h].max() == 0.0


def test_meter_vectors_are_embedded_once_per_model_and_kept_in_the_store(db, tmp_path):
    """The ~260 meter texts are embedded by the first snapshot only: a second snapshot (a catalogue change,
    or a restarted process) reads them from the store's embedding cache."""
    from auroranet.recommend.derived import meter_vectors_for
    from auroranet.recommend.snapshot import build_snapshot
    from auroranet.search.analysis import SimpleAnalyzer

    class Counting(HashingEmbedder):
        name = "counting-need-classes-test"
        texts = 0

        def embed_queries(self, texts):
            Counting.texts += len(texts)
            return super().embed_queries(texts)

    emb = Counting(64)

    def snapshot():
        return build_snapshot(db, embedder=emb, analyzer=SimpleAnalyzer(), models_dir=tmp_path / "models")

    first = meter_vectors_for(snapshot())
    n = Counting.texts
    assert n >= 200  # the need descriptions and the class texts
    second = meter_vectors_for(snapshot())
    assert Counting.texts == n
    np.testing.assert_allclose(second, first, rtol=1e-6)
    np.testing.assert_allclose(first, rel.meter_vectors(HashingEmbedder(64).embed_queries), rtol=1e-5)
