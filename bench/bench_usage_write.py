"""CPU per answer on the write-behind usage thread: ``write_rows`` of batches of recommendation events
(10 shown services with per-source scores, 2 needs each) in one transaction per batch, on a migrated
SQLite file (temporary directory), the heap frozen as ``app.py`` does. ``shown_rows`` (the request thread's
part, here with building the hits) is printed beside it.

    PYTHONPATH=src .venv/bin/python bench/bench_usage_write.py            # REPS=5 repeats, min/median
"""

from __future__ import annotations

import gc
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

from auroranet.config import Settings
from auroranet.db.migrate import upgrade
from auroranet.engine.contract import Explanation, Hit
from auroranet.runtime import Runtime
from auroranet.usage.service import Shown, ShownRows, shown_rows, write_rows

EVENT = Shown(kind="recommend", front="api_v1", path="/service-recommender/v1/recommend_service", lang="fi",
              municipality_code="091", age=30, needs={"health": 0.8, "housing": 0.4})


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="aurora-usage-"))
    try:
        rt = Runtime.create(Settings(data_dir=tmp / "data", embedder="hashing", analyzer="simple"))
        upgrade(rt.db.engine)
        rng = random.Random(1)
        next_id = [1]

        def batch(n: int) -> list[tuple[int, ShownRows]]:
            out = []
            for _ in range(n):
                hits = [Hit(service_id=f"svc-{rng.randrange(2000)}-{i}", score=rng.random(), rank=i + 1,
                            need="health" if i % 2 else None,
                            explanation=Explanation(sources={"bm25": rng.random(), "dense": rng.random()}))
                        for i in range(10)]
                out.append((next_id[0], shown_rows(EVENT, hits)))
                next_id[0] += 1
            return out

        def run(rounds: int = 40, per: int = 45) -> tuple[float, float]:
            build = write = 0.0
            for _ in range(rounds):
                t0 = time.process_time()
                b = batch(per)
                t1 = time.process_time()
                with rt.writes, rt.db.engine.begin() as conn:
                    write_rows(conn, b)
                write += time.process_time() - t1
                build += t1 - t0
            return 1e6 * build / (rounds * per), 1e6 * write / (rounds * per)

        run(5)
        gc.collect()
        gc.freeze()
        res = [run() for _ in range(int(os.environ.get("REPS", "5")))]
        for b, w in res:
            print(f"shown_rows {b:.1f} us/answer (request thread), write {w:.1f} us/answer (writer thread)")
        ws = sorted(w for _, w in res)
        print(f"write min {ws[0]:.1f} median {ws[len(ws) // 2]:.1f} us/answer")
        rt.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
