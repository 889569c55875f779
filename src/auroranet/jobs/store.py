"""Reads and writes of ``job_runs``, each in its own short transaction.

Every state change is a compare-and-set (``UPDATE … WHERE id = ? AND status = ?``): the row count tells
the caller whether it won, so two processes can never both start, finish or retire the same run. No
transaction is ever open while a job function runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from auroranet.db.core import Database, as_utc
from auroranet.jobs.models import FAILED, QUEUED, RUNNING, SUCCEEDED, JobRun
from auroranet.logs import safe_message

MESSAGE_CHARS = 200


@dataclass(frozen=True)
class JobRunRecord:
    """A detached copy of one ``job_runs`` row (safe to use after its session closed)."""

    id: int
    job: str
    slot: str
    attempt: int
    status: str
    claimed_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error_type: str | None
    error_message: str | None
    counts: dict[str, int]
    host: str
    pid: int

    @property
    def manual(self) -> bool:
        return self.slot.startswith("manual:")

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

    @classmethod
    def from_row(cls, r: JobRun) -> "JobRunRecord":
        claimed = as_utc(r.claimed_at)
        assert claimed is not None
        return cls(id=r.id, job=r.job, slot=r.slot, attempt=r.attempt, status=r.status, claimed_at=claimed,
                   started_at=as_utc(r.started_at), finished_at=as_utc(r.finished_at), error_type=r.error_type,
                   error_message=r.error_message, counts=dict(r.counts or {}), host=r.host, pid=r.pid)


def short_error(exc: BaseException) -> tuple[str, str]:
    """Type name and a short message for the table and the log (``logs.safe_message``: first line only,
    without SQL statements or bound parameters, scrubbed)."""
    return type(exc).__name__[:100], safe_message(exc)[:MESSAGE_CHARS]


def claim(db: Database, job: str, slot: str, attempt: int, *, now: datetime, host: str, pid: int) -> int | None:
    """Insert the (job, slot, attempt) row; its id, or None when another thread, process or host has it."""
    try:
        with db.session() as s:
            row = JobRun(job=job, slot=slot, attempt=attempt, status=QUEUED, claimed_at=now, host=host, pid=pid,
                         counts={})
            s.add(row)
            s.flush()
            return int(row.id)
    except IntegrityError:
        return None


def _cas(db: Database, run_id: int, expected: str, **values: object) -> bool:
    with db.session() as s:
        res = s.execute(update(JobRun).where(JobRun.id == run_id, JobRun.status == expected).values(**values))
        return int(res.rowcount or 0) == 1  # type: ignore[attr-defined]


def start(db: Database, run_id: int, *, now: datetime, host: str, pid: int) -> bool:
    """queued → running; True only for the one caller that made the change."""
    return _cas(db, run_id, QUEUED, status=RUNNING, started_at=now, host=host, pid=pid)


def finish(db: Database, run_id: int, *, now: datetime, counts: dict[str, int] | None = None,
           error: tuple[str, str] | None = None) -> bool:
    """running → succeeded (with counts) or failed (with the error). False if the run was retired as stale."""
    if error is None:
        return _cas(db, run_id, RUNNING, status=SUCCEEDED, finished_at=now, counts=counts or {})
    return _cas(db, run_id, RUNNING, status=FAILED, finished_at=now, error_type=error[0], error_message=error[1])


def retire_stale(db: Database, run_id: int, *, now: datetime) -> bool:
    """running → failed for a run whose process is gone, so that a new attempt can be claimed."""
    return _cas(db, run_id, RUNNING, status=FAILED, finished_at=now, error_type="StaleRun",
                error_message="still running after the timeout and its execution lock was free; presumed dead")


def get_run(db: Database, run_id: int) -> JobRunRecord:
    with db.session() as s:
        row = s.get(JobRun, run_id)
        assert row is not None, run_id
        return JobRunRecord.from_row(row)


def latest_attempt(db: Database, job: str, slot: str) -> JobRunRecord | None:
    with db.session() as s:
        row = s.scalars(select(JobRun).where(JobRun.job == job, JobRun.slot == slot)
                        .order_by(JobRun.attempt.desc()).limit(1)).first()
        return JobRunRecord.from_row(row) if row else None


def running(db: Database, job: str) -> list[JobRunRecord]:
    with db.session() as s:
        rows = s.scalars(select(JobRun).where(JobRun.job == job, JobRun.status == RUNNING))
        return [JobRunRecord.from_row(r) for r in rows]


def recent_runs(db: Database, limit: int = 20, jobs: Sequence[str] | None = None,
                status: str | None = None) -> list[JobRunRecord]:
    """Newest first (by id, which is claim order on every backend)."""
    q = select(JobRun).order_by(JobRun.id.desc()).limit(limit)
    if jobs is not None:
        q = q.where(JobRun.job.in_(list(jobs)))
    if status is not None:
        q = q.where(JobRun.status == status)
    with db.session() as s:
        return [JobRunRecord.from_row(r) for r in s.scalars(q)]


def last_success(db: Database, jobs: Sequence[str], *, include_skipped: bool = True) -> JobRunRecord | None:
    """The most recently *started* successful run of any of ``jobs``. ``include_skipped=False`` ignores runs
    that reported ``{"skipped": 1}`` (they did no work, so they are no reference point)."""
    q = (select(JobRun).where(JobRun.job.in_(list(jobs)), JobRun.status == SUCCEEDED)
         .order_by(JobRun.started_at.desc(), JobRun.id.desc()))
    with db.session() as s:
        for row in s.scalars(q.limit(1) if include_skipped else q):
            if include_skipped or not (row.counts or {}).get("skipped"):
                return JobRunRecord.from_row(row)
    return None


def latest_per_job(db: Database, *, status: str | None = None) -> dict[str, JobRunRecord]:
    """The newest run of every job (optionally of one status), for status views and metrics."""
    newest = select(func.max(JobRun.id)).group_by(JobRun.job)
    if status is not None:
        newest = newest.where(JobRun.status == status)
    with db.session() as s:
        return {r.job: JobRunRecord.from_row(r) for r in s.scalars(select(JobRun).where(JobRun.id.in_(newest)))}


def latest_finished_per_job(db: Database) -> dict[str, JobRunRecord]:
    newest = select(func.max(JobRun.id)).where(JobRun.status.in_((SUCCEEDED, FAILED))).group_by(JobRun.job)
    with db.session() as s:
        return {r.job: JobRunRecord.from_row(r) for r in s.scalars(select(JobRun).where(JobRun.id.in_(newest)))}


def runs_by_status(db: Database) -> dict[tuple[str, str], int]:
    with db.session() as s:
        rows = s.execute(select(JobRun.job, JobRun.status, func.count()).group_by(JobRun.job, JobRun.status))
        return {(job, status): int(n) for job, status, n in rows}
