"""Issue 8 §7 (lean request path): the cached bridge expansion and the vectorised bridged-term pairing
give exactly what the plain code gives."""

from __future__ import annotations

import numpy as np

from auroranet.search import bridge as bridge_mod
from auroranet.search.analysis import SimpleAnalyzer
from auroranet.search.embed import HashingEmbedder
from auroranet.search.index import build_index
from tests.search.test_floor_bridge import _catalogue, _ref

QUERIES = ["housing allowance", "bostadsbidrag", "debt advice", "skuldrådgivning", "lonely", "hyresbostad",
           "asumistuki", "nothing like this"]


def _index():
    return build_index(_catalogue(), [], _ref(), HashingEmbedder(), SimpleAnalyzer())


def _plain_pairs(idx, expansions, d):
    pairs = []
    for e in expansions:
        if any(idx.lex.has(t, d) for t in e.terms):
            pairs.extend((q, e.fi) for q in e.words if (q, e.fi) not in pairs)
    return pairs


def test_bridged_pairs_equal_the_per_document_lookup():
    idx = _index()
    found = 0
    for text in QUERIES:
        exps = idx.expansions(text)
        mask = np.ones(len(idx), dtype=bool)
        for d, _, pairs in idx.bridged(exps, mask, 50):
            assert pairs == _plain_pairs(idx, exps, d)
            found += bool(pairs)
    assert found  # the catalogue does bridge some queries


def test_expansions_are_cached_per_text_and_bounded(monkeypatch):
    idx = _index()
    br = idx.bridge
    assert br is not None
    calls: list[str] = []
    real = br._expand
    monkeypatch.setattr(br, "_expand", lambda text: calls.append(text) or real(text))
    first = [br.expand(t) for t in QUERIES]
    again = [br.expand(t) for t in QUERIES]
    assert first == again and len(calls) == len(QUERIES)  # the second round came from the cache
    again[0].clear()  # a caller changing its list never changes the cache
    assert br.expand(QUERIES[0]) == first[0]
    monkeypatch.setattr(bridge_mod, "CACHE_SIZE", 3)
    for i in range(10):
        br.expand(f"word{i}")
    assert len(br._cache) == 3
