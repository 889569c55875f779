"""The catalogue engine: search, recommendations and reranking over the live snapshot.

This is the real implementation of ``engine.ports.Engine``. It holds no state of its own besides the
``LiveSnapshot``; each call takes the current snapshot once, so a swap in the middle of a request never
mixes two catalogues.
"""

from __future__ import annotations

from auroranet.audience.infer import asks_for_organisations
from auroranet.engine.contract import Hit, RecommendQuery, SearchQuery
from auroranet.live import LiveSnapshot
from auroranet.recommend import rerank as rerank_mod
from auroranet.recommend.derived import audience_rules
from auroranet.recommend.meters import needs_from_scores
from auroranet.recommend.result_cache import RankingCache, key_for
from auroranet.recommend.service import recommend
from auroranet.recommend.snapshot import EngineSnapshot
from auroranet.search.service import text_search


class CatalogueEngine:
    def __init__(self, snapshots: LiveSnapshot[EngineSnapshot], cache_size: int = 0) -> None:
        self.snapshots = snapshots
        self.results = RankingCache(cache_size)  # AURORA_RANKING_CACHE_SIZE; per snapshot (result_cache.py)

    def recommend(self, q: RecommendQuery) -> list[Hit]:
        snap = self.snapshots.current()
        return self.results.get_or_compute(snap, key_for(q), lambda: recommend(snap, q))

    def search(self, q: SearchQuery) -> list[Hit]:
        """Text search for a person: services only for companies or authorities come only when the text
        asks for them; with the person's age, also the age rules (the same masks as recommendations)."""
        snap = self.snapshots.current()

        def compute() -> list[Hit]:
            allowed = audience_rules(snap).allowed(q.age, asks_for_organisations(q.text))
            return text_search(snap.index, q, allowed=allowed)

        return self.results.get_or_compute(snap, key_for(q), compute)

    def rerank(self, q: RecommendQuery | SearchQuery, hits: list[Hit], *, calling_service: str) -> list[Hit]:
        """Reorder with the snapshot's active reranker. A search has no needs: its need features are 0,
        as they were for searches in the training log."""
        needs = dict(needs_from_scores(dict(q.meters))) if isinstance(q, RecommendQuery) and q.meters else {}
        return rerank_mod.rerank(self.snapshots.current(), needs, hits, calling_service=calling_service)
