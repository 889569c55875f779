"""Recommend latency in-process at 2k, 20k and 100k synthesized services (target: p99 ≤ 20 ms at 100k).

Services get random normalised vectors; relevance comes from a relevance model fitted on synthetic labels
over those vectors. Each request draws random meter values (one to four needs) and runs the same path as
``recommend``: candidate mask, aspects, mixing across needs. Writes bench/results/recommend.json.

    .venv/bin/python bench/bench_recommend.py [--sizes 2000 20000 100000] [--requests 300]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from auroranet.recommend import relevance as rel
from auroranet.recommend.meters import METER_KEYS, needs_from_scores
from auroranet.recommend.rank import Aspect, rank

OUT = Path(__file__).parent / "results" / "recommend.json"


def run(n: int, requests: int, seed: int = 0) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    d = 384
    X = rng.normal(size=(n, d)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    M = rel._normalise(rng.normal(size=(len(METER_KEYS), d)))
    k = min(n, 1200)
    rows = [(f"s{i:06d}", [METER_KEYS[i % 10]] if i % 9 == 0 else [], i % 9 != 0) for i in range(k)]
    labels = rel.LabelSet.from_rows(rows)
    model = rel.fit(X[:k], labels, M, embedder="bench", X_ref=X)
    t = time.perf_counter()
    R = model.predict(X)
    build = time.perf_counter() - t
    ids = [f"s{i:06d}" for i in range(n)]
    national = rng.random(n) < 0.3
    munis = rng.integers(0, 300, n)
    times = []
    for _ in range(requests):
        meters = {m: float(rng.integers(0, 11)) for m in METER_KEYS}
        start = time.perf_counter()
        cand = national | (munis == rng.integers(0, 300))
        needs = needs_from_scores(meters)
        aspects = [Aspect(m, w, R[:, METER_KEYS.index(m)]) for m, w in needs]
        rank(aspects, cand, ids, limit=10)
        times.append((time.perf_counter() - start) * 1000)
    a = np.array(times)
    return {"services": n, "requests": requests, "p50_ms": float(np.percentile(a, 50)),
            "p99_ms": float(np.percentile(a, 99)), "max_ms": float(a.max()), "relevance_build_s": build}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 100000])
    ap.add_argument("--requests", type=int, default=300)
    args = ap.parse_args()
    results = [run(n, args.requests) for n in args.sizes]
    print(f"{'services':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'relevance s':>12}")
    for r in results:
        print(f"{r['services']:>9} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['max_ms']:>8.2f} {r['relevance_build_s']:>12.2f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"date": datetime.now(timezone.utc).isoformat(), "target_p99_ms_at_100k": 20,
                               "machine": {"platform": platform.platform(), "python": platform.python_version(),
                                           "cpus": os.cpu_count(), "processor": platform.processor()},
                               "results": results}, indent=2), encoding="utf-8")
    print(f"written {OUT}")


if __name__ == "__main__":
    main()
