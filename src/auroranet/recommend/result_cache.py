"""The engine's ranked hits per catalogue snapshot, for requests asked again: a bounded LRU keyed by
everything that determines a ranking (the normalised query: meters or text, age, municipality, life
event, filters, language, limit, offset; recommend and search apart).

It holds only what the engine computes from the snapshot and the query. Everything per request or per
caller stays outside and runs every time: curations and the reference-group signal (applied after, so a
pin or hide is seen at once), reranking with the caller's name, urgent-help detection, the
recommendation id, the usage log, the tracking links, the session-transfer flags. A new snapshot (a
catalogue change, a new reranker or labels) starts an empty cache, so a swap never serves an old ranking.

    cache = RankingCache(1024)
    hits = cache.get_or_compute(snap, key_for(q), lambda: recommend(snap, q))
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Callable, Hashable

from auroranet.engine.contract import Explanation, Hit, RecommendQuery, SearchQuery

Key = tuple[Hashable, ...]


def key_for(q: RecommendQuery | SearchQuery) -> Key:
    """Everything in ``q`` that the ranking depends on, hashable (the meters as sorted pairs)."""
    if isinstance(q, RecommendQuery):
        return ("recommend", tuple(sorted(q.meters.items())), q.filters, q.age, q.municipality_code,
                q.life_event, q.text, q.lang, q.limit)
    return ("search", q)  # frozen, so every field (text, filters, language, page, age, …) is in the key


def _copy(h: Hit) -> Hit:
    """A copy the caller may change (ranks are renumbered, the reranker writes into ``sources``); the
    explanation's lists are replaced, never changed in place, by everything downstream. Copied field by
    field, the instance dicts whole: a fraction of what ``dataclasses.replace`` or ``copy.copy`` cost."""
    fields = h.explanation.__dict__.copy()
    fields["sources"] = fields["sources"].copy()
    e = object.__new__(Explanation)
    e.__dict__ = fields
    fields = h.__dict__.copy()
    fields["explanation"] = e
    out = object.__new__(Hit)
    out.__dict__ = fields
    return out


class RankingCache:
    """Thread-safe LRU of ranked hits, tied to one snapshot object at a time (``size`` 0: off)."""

    def __init__(self, size: int) -> None:
        self.size = max(0, size)
        self._owner: weakref.ref[object] | None = None  # weak: a replaced snapshot is freed at once
        self._items: OrderedDict[Key, tuple[Hit, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def get_or_compute(self, snapshot: object, key: Key, compute: Callable[[], list[Hit]]) -> list[Hit]:
        if self.size == 0:
            return compute()
        with self._lock:
            if self._owner is None or self._owner() is not snapshot:  # another snapshot: nothing here is its
                self._owner = weakref.ref(snapshot)
                self._items.clear()
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
        if found is not None:
            return [_copy(h) for h in found]
        hits = compute()  # outside the lock: two threads may both compute a new key, the same result
        kept = tuple(_copy(h) for h in hits)
        with self._lock:
            self.misses += 1
            if self._owner is not None and self._owner() is snapshot:
                self._items[key] = kept
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return hits
