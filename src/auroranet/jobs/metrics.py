"""Prometheus metrics computed from ``job_runs`` at scrape time.

In-process counters would only see the runs of the process being scraped; reading the table makes every
worker and every host report the same, correct numbers.

    aurora_job_last_success_timestamp{job}   Unix time the newest successful run finished
    aurora_job_last_status{job}              1 if the newest finished run succeeded, 0 if it failed
    aurora_job_runs_total{job,status}        runs by status (queued, running, succeeded, failed)
    aurora_job_last_count{job,key}           the counts the newest successful run reported

Register on an app's registry with ``registry.register(JobMetricsCollector(db, names))`` or render on
its own with ``job_metrics_lines(runner)``.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from auroranet.db.core import Database
from auroranet.jobs import store
from auroranet.jobs.models import FAILED, STATUSES, SUCCEEDED
from auroranet.jobs.runner import JobRunner


class JobMetricsCollector:
    """A custom collector: one small query set per scrape. ``jobs`` are always reported (with zero runs)
    so that a job that never ran is visible to alerts."""

    def __init__(self, db: Database, jobs: Sequence[str] = ()) -> None:
        self.db = db
        self.jobs = tuple(jobs)

    def collect(self) -> Iterator[Metric]:
        by_status = store.runs_by_status(self.db)
        success = store.latest_per_job(self.db, status=SUCCEEDED)
        finished = store.latest_finished_per_job(self.db)
        names = sorted(set(self.jobs) | {job for job, _ in by_status})

        ts = GaugeMetricFamily("aurora_job_last_success_timestamp",
                               "Unix time the newest successful run of the job finished.", labels=["job"])
        last = GaugeMetricFamily("aurora_job_last_status",
                                 "1 if the newest finished run of the job succeeded, 0 if it failed.", labels=["job"])
        runs = CounterMetricFamily("aurora_job_runs", "Job runs by status (from the job_runs table).",
                                   labels=["job", "status"])
        counts = GaugeMetricFamily("aurora_job_last_count", "Counts reported by the newest successful run.",
                                   labels=["job", "key"])
        for job in names:
            ok = success.get(job)
            if ok is not None and ok.finished_at is not None:
                ts.add_metric([job], ok.finished_at.timestamp())
            if ok is not None:
                for key, value in sorted(ok.counts.items()):
                    counts.add_metric([job, key], float(value))
            done = finished.get(job)
            if done is not None:
                last.add_metric([job], 0.0 if done.status == FAILED else 1.0)
            for status in STATUSES:
                runs.add_metric([job, status], float(by_status.get((job, status), 0)))
        yield from (ts, last, runs, counts)


def job_metrics_lines(runner: JobRunner) -> str:
    """The job metrics in the Prometheus text format (for a /metrics handler or a test)."""
    registry = CollectorRegistry()
    registry.register(JobMetricsCollector(runner.db, [s.name for s in runner.specs]))
    return generate_latest(registry).decode()
