"""Warm-up before the server reports ready: build the engine snapshot and run one recommendation and
one search through the engine (nothing is logged), so the embedder, the analyzer and the indexes are
loaded before the first person asks. Without it the first results page after a start took 7–40 s."""

from __future__ import annotations

import logging
import time

from auroranet.engine.contract import RecommendQuery, SearchQuery
from auroranet.runtime import Runtime
from auroranet.vocab import METER_KEYS

log = logging.getLogger(__name__)


def warm_up(rt: Runtime) -> float:
    """Load everything the first request would; returns the seconds it took. A failure is logged, not
    raised: the server still starts and the first request pays the cost instead."""
    start = time.perf_counter()
    try:
        rt.snapshot()
        rt.engine.recommend(RecommendQuery(meters={k: 5.0 for k in METER_KEYS}, lang="fi", limit=8))
        rt.engine.search(SearchQuery(text="tukea arkeen", lang="fi", limit=10))
    except Exception as exc:  # noqa: BLE001 - warm-up is best effort
        log.warning("warm-up failed", extra={"error": type(exc).__name__})
    took = time.perf_counter() - start
    log.info("warm-up done", extra={"duration_ms": round(took * 1000, 1)})
    return took
