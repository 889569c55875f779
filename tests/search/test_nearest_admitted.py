"""floor.nearest_admitted: once the words admit a service, its dense neighbours within a small gap of it
are admitted too; nothing admitted, nothing added."""

from __future__ import annotations

import numpy as np
import pytest

from auroranet.catalogue.reference import ReferenceData
from auroranet.engine.contract import SearchQuery
from auroranet.search import floor as floor_mod
from auroranet.search.analysis import SimpleAnalyzer
from auroranet.search.index import build_index
from tests.search.helpers import svc


class NearEmbedder:
    """Every query points one way; "unettomuus" sits at cosine 0.90 to it, "nukkuminen" at 0.89 and
    "rakennuslupa" at 0.0."""

    name = "fake-nearest-test"
    dim = 3

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        def vec(t: str) -> list[float]:
            t = t.lower()
            if "unettomuu" in t:
                return [0.90, float(np.sqrt(1 - 0.81)), 0.0]
            if "nukkumi" in t:
                return [0.89, 0.0, float(np.sqrt(1 - 0.89 ** 2))]
            return [0.0, 1.0, 0.0]
        return np.asarray([vec(t) for t in texts], dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray([[1.0, 0.0, 0.0] for _ in texts], dtype=np.float32)


def _index():
    services = [svc("a", "Unettomuuden hoito", "Unettomuus hoidetaan terveysasemalla."),
                svc("b", "Uniapu", "Apua nukkumiseen ja nukkuminen paremmaksi."),
                svc("c", "Rakennuslupa", "Lupa rakentamiseen.")]
    return build_index(services, [], ReferenceData(), NearEmbedder(), SimpleAnalyzer())


def test_a_word_hit_brings_its_dense_neighbours_but_not_the_far_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(floor_mod.DENSE_FLOORS, NearEmbedder.name, 0.95)  # dense alone admits nothing
    hits = _index().search(SearchQuery(text="unettomuus", limit=10))
    assert [h.service_id for h in hits][:1] == ["a"]  # the word hit stays first
    assert {h.service_id for h in hits} == {"a", "b"}  # b: cosine 0.89, within 0.02 of a's 0.90; c is far


def test_nothing_admitted_adds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(floor_mod.DENSE_FLOORS, NearEmbedder.name, 0.95)
    assert _index().search(SearchQuery(text="zzqxv blorf", limit=10)) == []


def test_nearest_admitted_keeps_the_gap_and_the_count() -> None:
    dense = [(0, 0.90), (1, 0.89), (2, 0.885), (3, 0.87), (4, 0.5)]
    assert floor_mod.nearest_admitted(dense, {0}) == {1, 2}  # 0.87 is 0.03 below the best admitted
    assert floor_mod.nearest_admitted(dense, {1}, gap=0.03) == {0, 2, 3}  # a better one beside it too
    assert floor_mod.nearest_admitted(dense, {0}, k=1) == {1}
    assert floor_mod.nearest_admitted(dense, set()) == set()
    assert floor_mod.nearest_admitted(dense, {9}) == set()  # admitted, but not in the dense ranking


def test_bridged_text_is_the_bridges_finnish_words_once_best_first() -> None:
    from auroranet.search.bridge import Expansion, bridged_text
    exps = [Expansion(fi="Unettomuus", score=1.0, words=("sömnlöshet",)),
            Expansion(fi="uni", score=0.8, words=("sömn",)),
            Expansion(fi="unettomuus", score=0.7, words=("sömn",))]
    assert bridged_text(exps) == "unettomuus uni"
    assert bridged_text([]) == ""
