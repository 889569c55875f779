"""Job metrics come from the table, so a second runner (another host) reports the same numbers."""

from __future__ import annotations

from typing import Mapping

from prometheus_client.parser import text_string_to_metric_families

from auroranet.db.core import Database
from auroranet.jobs.metrics import job_metrics_lines
from auroranet.jobs.runner import DailyAt, JobRunner, JobSpec
from tests.jobs.helpers import T0, FakeClock, second_host


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def fails() -> Mapping[str, int]:
    raise RuntimeError("no")


def test_metrics_from_the_table(db: Database) -> None:
    clock = FakeClock()
    specs = [JobSpec("good", "", DailyAt(2, 0), lambda: {"deleted": 5}),
             JobSpec("bad", "", DailyAt(2, 0), fails, max_attempts=1),
             JobSpec("idle", "", DailyAt(3, 0), lambda: {}, enabled=False)]
    JobRunner(db, specs, clock=clock).tick(T0)
    other = second_host(db)
    try:
        m = samples(job_metrics_lines(JobRunner(other, specs, clock=clock)))
    finally:
        other.dispose()
    assert m[("aurora_job_runs_total", (("job", "good"), ("status", "succeeded")))] == 1
    assert m[("aurora_job_runs_total", (("job", "bad"), ("status", "failed")))] == 1
    assert m[("aurora_job_runs_total", (("job", "idle"), ("status", "succeeded")))] == 0
    assert m[("aurora_job_last_status", (("job", "good"),))] == 1
    assert m[("aurora_job_last_status", (("job", "bad"),))] == 0
    assert m[("aurora_job_last_count", (("job", "good"), ("key", "deleted")))] == 5
    assert m[("aurora_job_last_success_timestamp", (("job", "good"),))] == T0.timestamp()
    assert ("aurora_job_last_success_timestamp", (("job", "bad"),)) not in m
