"""One "host" for the multi-process test: ``python proc_worker.py URL SCHEMA GO_FILE OUT_FILE [blind]``.
Waits for GO_FILE, ticks once at the fixed test time, and the job appends this pid to OUT_FILE. ``blind``
makes this host believe the slot is free (as if every host read before anyone claimed), so only the
UNIQUE constraint stands between it and a second run."""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from auroranet.db.core import Database, make_engine
from auroranet.jobs import store
from auroranet.jobs.runner import DailyAt, JobRunner, JobSpec


def main() -> None:
    url, schema, go, out = sys.argv[1:5]
    if sys.argv[5:] == ["blind"]:
        store.latest_attempt = lambda *args, **kw: None  # type: ignore[assignment]
    kw = {"connect_args": {"options": f"-csearch_path={schema}"}} if schema != "-" else {}
    db = Database(make_engine(url, **kw))

    def job() -> dict[str, int]:
        with open(out, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        time.sleep(0.3)
        return {"pid": os.getpid()}

    runner = JobRunner(db, [JobSpec("nightly", "", DailyAt(2, 0), job)], host_id=f"proc-{os.getpid()}")
    while not Path(go).exists():
        time.sleep(0.001)
    runner.tick(datetime(2026, 3, 4, 2, 0, 5, tzinfo=timezone.utc))
    db.dispose()


if __name__ == "__main__":
    main()
