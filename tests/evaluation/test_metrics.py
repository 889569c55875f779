import math

import numpy as np
import pytest

from auroranet.evaluation.baselines import keyword_relevance
from auroranet.evaluation.metrics import auc, average_precision, ndcg_at_k, precision_at_k, recall_at_k
from auroranet.recommend.meters import METER_INDEX


def test_ndcg_binary_hand_computed():
    # relevant at ranks 1 and 3 of 2 relevant: DCG = 1 + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3)
    got = ndcg_at_k(["a", "x", "b"], {"a", "b"}, 3)
    assert got == pytest.approx(1.5 / (1 + 1 / math.log2(3)))


def test_ndcg_graded_and_cutoff():
    gains = {"a": 2.0, "b": 1.0}
    assert ndcg_at_k(["b", "a"], gains, 2) == pytest.approx((1 + 2 / math.log2(3)) / (2 + 1 / math.log2(3)))
    assert ndcg_at_k(["x", "a"], gains, 1) == 0.0
    assert ndcg_at_k(["a", "b"], gains, 5) == pytest.approx(1.0)
    assert ndcg_at_k(["a"], set(), 5) == 0.0


def test_precision_and_recall():
    ranked = ["a", "x", "b", "y"]
    assert precision_at_k(ranked, {"a", "b", "c"}, 2) == 0.5
    assert precision_at_k(ranked, {"a", "b", "c"}, 10) == pytest.approx(0.2)  # short list not rewarded
    assert recall_at_k(ranked, {"a", "b", "c"}, 3) == pytest.approx(2 / 3)
    assert recall_at_k(ranked, set(), 3) == 0.0


def test_auc_and_ap_hand_computed():
    scores = np.array([0.9, 0.8, 0.7, 0.1])
    y = np.array([True, False, True, False])
    assert auc(scores, y) == pytest.approx(0.75)  # 3 of 4 pos/neg pairs ordered right
    assert average_precision(scores, y) == pytest.approx((1 + 2 / 3) / 2)
    assert auc(np.ones(4), y) == pytest.approx(0.5)


def test_keyword_baseline_prefers_matching_text():
    R = keyword_relevance(["Asumistuki ja vuokra-asunnot", "Kirjaston lainat", "Toimeentulotuki ja velkaneuvonta"])
    assert R[0, METER_INDEX["housing"]] == 1.0
    assert R[2, METER_INDEX["finance"]] == 1.0
    assert R[1, METER_INDEX["housing"]] < 0.5


def test_bm25_baseline_and_meter_eval_per_language_with_served_system():
    import numpy as np

    from auroranet.evaluation.baselines import bm25_relevance
    from auroranet.evaluation.meter_eval import evaluate_systems
    from auroranet.recommend.relevance import LabelSet
    from auroranet.search.analysis import make_analyzer
    from auroranet.vocab import METER_INDEX

    texts = ["Vuokra-asunnot ja asumistuki", "Toimeentulotuki ja velkaneuvonta", "Hyresbostäder och bostadsbidrag",
             "Kirjaston lainat"]
    langs = ["fi", "fi", "sv", "fi"]
    B = bm25_relevance(texts, langs, make_analyzer("simple"))
    h, f = METER_INDEX["housing"], METER_INDEX["finance"]
    assert B.shape == (4, 10) and B[:, h].argmax() in (0, 2) and B[:, f].argmax() == 1 and B.max() <= 1.0
    labels = LabelSet.from_rows([("a", ["housing"], False), ("b", ["finance"], False), ("c", ["housing"], False),
                                 ("d", [], True)])
    res = evaluate_systems({"bm25": B, "served": B}, labels, served=["served"], languages=langs)
    assert res["systems"]["served"]["served"] and not res["systems"]["bm25"]["served"]
    per_lang = res["systems"]["bm25"]["per_language"]
    assert set(per_lang) == {"fi", "sv"} and per_lang["sv"]["services"] == 1
    assert res["systems"]["bm25"]["single_low_meter"]["per_meter"]["finance"]["ndcg@10"] == 1.0
