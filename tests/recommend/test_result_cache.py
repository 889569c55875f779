"""The ranking-result cache (recommend/result_cache.py): a query asked again gets the same ranking from
memory; a new snapshot, other filters or another query never share an entry; the cache stays bounded."""

from __future__ import annotations

import pytest

from auroranet.engine.contract import Hit, RecommendQuery, SearchQuery, ServiceFilters
from auroranet.live import LiveSnapshot
from auroranet.recommend.engine import CatalogueEngine
from auroranet.recommend.result_cache import RankingCache, key_for

from .helpers import SERVICES, make_index, snapshot_for

NEEDS = {"housing": 2.0, "finance": 3.0}


class Owner:  # any weakly referenceable object stands for a snapshot
    pass


def _ranking(hits: list[Hit]) -> list[tuple[str, float]]:
    return [(h.service_id, h.score) for h in hits]


@pytest.fixture
def engine(sqlite_db):
    snap = snapshot_for(sqlite_db, make_index())
    return CatalogueEngine(LiveSnapshot(lambda: snap, lambda: 1), cache_size=64)


def test_a_repeated_query_gets_the_same_ranking_from_the_cache(engine):
    q = RecommendQuery(meters=NEEDS, limit=5)
    first = engine.recommend(q)
    assert first and engine.results.misses == 1 and engine.results.hits == 0
    again = engine.recommend(RecommendQuery(meters=dict(reversed(list(NEEDS.items()))), limit=5))  # same meters
    assert engine.results.hits == 1
    assert _ranking(again) == _ranking(first)
    assert [h.explanation for h in again] == [h.explanation for h in first]
    uncached = CatalogueEngine(engine.snapshots, cache_size=0).recommend(q)
    assert _ranking(uncached) == _ranking(first)  # what the engine computes without the cache


def test_callers_get_copies_they_may_change(engine):
    q = SearchQuery(text="vuokra-asunto", limit=5)
    first = engine.search(q)
    first[0].rank = 99
    first[0].explanation.sources["rerank"] = 1.0  # what the reranker does to the hits it is given
    again = engine.search(q)
    assert engine.results.hits == 1
    assert again[0].rank != 99 and "rerank" not in again[0].explanation.sources


@pytest.mark.parametrize("other", [
    RecommendQuery(meters=NEEDS, limit=5, filters=ServiceFilters(municipality_codes=("853",))),
    RecommendQuery(meters=NEEDS, limit=5, filters=ServiceFilters(include_national_services=False,
                                                                 municipality_codes=("853",))),
    RecommendQuery(meters=NEEDS, limit=6),
    RecommendQuery(meters=NEEDS, limit=5, age=16),
    RecommendQuery(meters=NEEDS, limit=5, lang="sv"),
    RecommendQuery(meters=NEEDS, limit=5, municipality_code="853"),
    RecommendQuery(meters={"housing": 2.0, "finance": 4.0}, limit=5),
])
def test_other_queries_and_filters_do_not_share_an_entry(engine, other):
    engine.recommend(RecommendQuery(meters=NEEDS, limit=5))
    engine.recommend(other)
    assert engine.results.hits == 0 and engine.results.misses == 2 and len(engine.results) == 2
    assert key_for(other) != key_for(RecommendQuery(meters=NEEDS, limit=5))


def test_search_and_recommend_apart_and_search_keys_hold_every_field():
    assert key_for(SearchQuery(text="asunto")) != key_for(SearchQuery(text="asunto", offset=5))
    assert key_for(SearchQuery(text="asunto")) != key_for(SearchQuery(text="asunto", age=20))
    assert key_for(SearchQuery(text="asunto")) != key_for(SearchQuery(text="asunto", lang="en"))
    assert key_for(SearchQuery(text="asunto")) != key_for(RecommendQuery(meters={}, text="asunto"))


def test_a_catalogue_swap_starts_an_empty_cache(sqlite_db):
    """The live catalogue changes (here: a service is removed): the next answer comes from the new snapshot."""
    rows = {"all": SERVICES, "fewer": [r for r in SERVICES if r[0] != "h2"]}
    current = ["all"]
    live = LiveSnapshot(lambda: snapshot_for(sqlite_db, make_index(rows[current[0]])), lambda: 1)
    engine = CatalogueEngine(live, cache_size=64)
    q = SearchQuery(text="asumistuki vuokra-asunto", limit=5)
    assert "h2" in {h.service_id for h in engine.search(q)}
    assert "h2" in {h.service_id for h in engine.search(q)} and engine.results.hits == 1
    current[0] = "fewer"
    live.refresh()
    after = engine.search(q)
    assert "h2" not in {h.service_id for h in after}
    assert engine.results.hits == 1 and len(engine.results) == 1  # a miss, in a cache of the new snapshot


def test_bounded_least_recently_used_first():
    cache = RankingCache(2)
    owner = Owner()
    calls: list[str] = []

    def compute(name: str) -> list[Hit]:
        calls.append(name)
        return [Hit(service_id=name, score=1.0)]

    for name in ("a", "b", "a", "c"):  # "a" used again: "b" is the least recently used when "c" comes
        cache.get_or_compute(owner, (name,), lambda name=name: compute(name))
    assert len(cache) == 2 and calls == ["a", "b", "c"]
    cache.get_or_compute(owner, ("a",), lambda: compute("a"))
    cache.get_or_compute(owner, ("b",), lambda: compute("b"))
    assert calls == ["a", "b", "c", "b"]


def test_size_zero_is_off_and_errors_are_not_cached():
    off = RankingCache(0)
    owner = Owner()
    n = []
    for _ in range(3):
        off.get_or_compute(owner, ("a",), lambda: n.append(1) or [])
    assert len(n) == 3 and len(off) == 0
    on = RankingCache(4)

    def refuse() -> list[Hit]:
        raise ValueError("bad query")

    with pytest.raises(ValueError):
        on.get_or_compute(owner, ("x",), refuse)
    assert len(on) == 0
