import math

import numpy as np
import pytest

from auroranet.search.lexical import B, K1, LexicalIndex


class SplitAnalyzer:
    name = "split"

    def analyze(self, text, lang):
        return text.lower().split()


def test_bm25_matches_hand_computation():
    docs = [
        [("fi", "asunto asunto tuki", 1.0)],
        [("fi", "asunto", 1.0)],
        [("fi", "tuki neuvonta neuvonta kela", 1.0)],
    ]
    idx = LexicalIndex.build(docs, SplitAnalyzer())
    n, avgdl = 3, (3 + 1 + 4) / 3

    def bm25(tf, dl, df):
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avgdl))

    s = idx.score(["asunto"])
    assert s[0] == pytest.approx(bm25(2, 3, 2), rel=1e-5)
    assert s[1] == pytest.approx(bm25(1, 1, 2), rel=1e-5)
    assert s[2] == 0
    s2 = idx.score(["asunto", "tuki", "asunto"])  # repeated query terms count once
    assert s2[0] == pytest.approx(bm25(2, 3, 2) + bm25(1, 3, 2), rel=1e-5)
    assert s2[2] == pytest.approx(bm25(1, 4, 2), rel=1e-5)
    assert np.all(idx.score(["puuttuu"]) == 0)


def test_field_weight_raises_score():
    docs = [[("fi", "asunto", 3.0), ("fi", "muuta tekstiä", 1.0)], [("fi", "muuta", 3.0), ("fi", "asunto tekstiä", 1.0)]]
    s = LexicalIndex.build(docs, SplitAnalyzer()).score(["asunto"])
    assert s[0] > s[1] > 0


def test_empty_corpus():
    idx = LexicalIndex.build([[], []], SplitAnalyzer())
    assert idx.score(["x"]).tolist() == [0, 0]
