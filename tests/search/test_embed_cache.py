import numpy as np
import pytest

from auroranet.catalogue.service import Batch, apply_batch
from auroranet.search.analysis import SimpleAnalyzer
from auroranet.search.embed import HashingEmbedder, embed_cached, embed_cached_count, make_embedder, text_hash
from auroranet.search.index import build_from_db
from auroranet.engine.contract import SearchQuery
from tests.search.helpers import CountingEmbedder, filter_catalogue, reference


def test_hashing_embedder_is_normalised_deterministic_and_similar_for_shared_words():
    e = HashingEmbedder()
    v = e.embed_passages(["vuokra-asunto turku", "vuokra-asunto helsinki", "kirjasto"])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(v, HashingEmbedder().embed_passages(["vuokra-asunto turku", "vuokra-asunto helsinki", "kirjasto"]))
    assert v[0] @ v[1] > v[0] @ v[2]


def test_make_embedder_rejects_unknown():
    with pytest.raises(ValueError):
        make_embedder("bert")


def test_cache_embeds_only_missing_texts(db):
    emb = CountingEmbedder(HashingEmbedder())
    progress = []
    v1, n1 = embed_cached_count(db, emb, ["a b", "c d", "a b"], progress=lambda *a: progress.append(a))
    assert n1 == 2 and sorted(emb.texts) == ["a b", "c d"]
    assert progress[0] == ("embed", 0, 2) and progress[-1] == ("embed", 2, 2)
    v2, n2 = embed_cached_count(db, emb, ["c d", "a b", "e f"])
    assert n2 == 1 and emb.texts[-1] == "e f"
    assert np.array_equal(v2[0], v1[1]) and np.array_equal(v2[1], v1[0])
    assert np.allclose(v2, HashingEmbedder().embed_passages(["c d", "a b", "e f"]))
    assert embed_cached(db, emb, []).shape == (0, 384)


def test_second_build_embeds_nothing_and_changed_text_is_reembedded(db):
    with db.session() as s:
        apply_batch(s, Batch(services=filter_catalogue()))
    emb = CountingEmbedder(HashingEmbedder())
    idx = build_from_db(db, embedder=emb, analyzer=SimpleAnalyzer())
    assert len(idx) == 5 and "f-archived" not in idx.ids
    assert len(emb.texts) == 5
    emb.texts.clear()
    build_from_db(db, embedder=emb, analyzer=SimpleAnalyzer())
    assert emb.texts == []
    changed = filter_catalogue()[1].model_copy(update={"names": {"fi": "Helsingin uusi palvelu"}})
    with db.session() as s:
        apply_batch(s, Batch(services=[changed]))
    idx = build_from_db(db, embedder=emb, analyzer=SimpleAnalyzer())
    assert emb.texts == ["Helsingin uusi palvelu"]
    assert idx.search(SearchQuery(text="uusi"))[0].service_id == "b-helsinki"


def test_cache_keys_by_model_and_exact_text(db):
    a = CountingEmbedder(HashingEmbedder())
    embed_cached(db, a, ["teksti"])
    b = CountingEmbedder(HashingEmbedder())
    b.name = "other-model"
    embed_cached(db, b, ["teksti", "teksti "])  # another model, and a different exact text
    assert b.texts == ["teksti", "teksti "]
    assert text_hash("teksti") != text_hash("teksti ")
