"""The job runner: every slot of every job runs exactly once, on whichever host claims it first.

One ``tick(now)`` per job:

1. Work out the job's current slot (``schedule.previous_slot(now)``) and the newest attempt for it.
2. Nothing yet, or a failed attempt whose backoff (``base * 2**(attempt-1)``) has passed and attempts
   remain: CLAIM the next attempt by inserting (job, slot, attempt). The UNIQUE constraint lets exactly
   one insert through across threads, processes and hosts; the losers get IntegrityError and move on.
3. Execute under the job's execution lock (``locks``), so manual and scheduled runs never overlap. If the
   lock is busy the claimed row stays ``queued`` and a later tick, anywhere, starts it (queued → running
   is a compare-and-set, so only one does). The job function runs OUTSIDE any transaction.
4. Record succeeded/failed with counts or a short error in another short transaction.

A run left ``running`` past ``stale_after_seconds`` whose execution lock is free (its process died and
the lock went with it) is retired as failed, and the usual retry rule gives it a new attempt.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Mapping, Sequence

from auroranet.db.core import Database, utcnow
from auroranet.errors import ConflictError, NotFoundError
from auroranet.jobs import store
from auroranet.jobs.locks import JobLocks, locks_for
from auroranet.jobs.models import FAILED, QUEUED, RUNNING, SUCCEEDED
from auroranet.jobs.store import JobRunRecord
from auroranet.jobs.timing import DailyAt, Every, Schedule, WeeklyAt, parse_schedule, slot_key

__all__ = ["DailyAt", "Every", "JobRunRecord", "JobRunner", "JobSpec", "JobStatus", "Schedule", "WeeklyAt",
           "parse_schedule"]

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class JobSpec:
    """What to run and when. ``fn`` takes no arguments (bind what it needs in a closure) and returns
    counts such as ``{"deleted": 12}``; raising marks the attempt failed. Disabled jobs are never
    scheduled but can still be run by hand."""

    name: str
    description: str
    schedule: Schedule
    fn: Callable[[], Mapping[str, int]]
    max_attempts: int = 3
    base_backoff_seconds: float = 60.0
    stale_after_seconds: float = 3600.0
    enabled: bool = True

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", self.name):
            raise ValueError(f"job name must be lower-case letters, digits and _: {self.name!r}")
        if self.max_attempts < 1 or self.base_backoff_seconds < 0 or self.stale_after_seconds <= 0:
            raise ValueError(f"job {self.name}: max_attempts >= 1, backoff >= 0 and stale timeout > 0 required")

    def backoff(self, failed_attempt: int) -> timedelta:
        """How long to wait after attempt ``failed_attempt`` failed before claiming the next one."""
        return timedelta(seconds=self.base_backoff_seconds * 2 ** (failed_attempt - 1))


@dataclass(frozen=True)
class JobStatus:
    """One line of ``aurora jobs status``."""

    name: str
    schedule: str
    enabled: bool
    last: JobRunRecord | None
    last_success: JobRunRecord | None
    next_slot: datetime | None


def clean_counts(value: Mapping[str, int]) -> dict[str, int]:
    """The counts a job returned, checked: a job that returns something else has a bug, which is a failure."""
    if not isinstance(value, Mapping):
        raise TypeError(f"job returned {type(value).__name__}, expected a mapping of str to int")
    out: dict[str, int] = {}
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, int):
            raise TypeError("job counts must map str to int")
        out[k] = int(v)
    return out


class JobRunner:
    """Runs ``specs`` against ``db``. Any number of runners (threads, workers, hosts) may share one store."""

    def __init__(self, db: Database, specs: Sequence[JobSpec], *, clock: Clock = utcnow,
                 host_id: str | None = None, locks: JobLocks | None = None) -> None:
        names = [s.name for s in specs]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate job names: {names}")
        self.db = db
        self.specs: tuple[JobSpec, ...] = tuple(specs)
        self.host_id = (host_id or socket.gethostname())[:255]
        self._clock = clock
        self._locks = locks or locks_for(db)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def spec(self, name: str) -> JobSpec:
        for s in self.specs:
            if s.name == name:
                return s
        raise NotFoundError(f"unknown job {name!r}; known jobs: {', '.join(s.name for s in self.specs)}")

    # -- scheduling -------------------------------------------------------------------------------

    def tick(self, now: datetime | None = None) -> list[JobRunRecord]:
        """Claim and run every due slot; returns the runs this call executed. Never raises for a job."""
        now = now or self._clock()
        done: list[JobRunRecord] = []
        for spec in self.specs:
            if not spec.enabled:
                continue
            if self._stop.is_set():  # shutting down: the jobs not yet started wait for the next process
                break
            try:
                record = self._tick_job(spec, now)
            except Exception:  # noqa: BLE001 - the store or a lock failed; the next tick tries again
                log.exception("job tick failed", extra={"job": spec.name})
                continue
            if record is not None:
                done.append(record)
        return done

    def _tick_job(self, spec: JobSpec, now: datetime) -> JobRunRecord | None:
        slot = slot_key(spec.schedule.previous_slot(now))
        latest = store.latest_attempt(self.db, spec.name, slot)
        if latest is not None and latest.status == RUNNING:
            if not self._retire_if_dead(spec, latest, now):
                return None
            latest = store.latest_attempt(self.db, spec.name, slot)
        if latest is not None and latest.status == QUEUED:
            return self._execute(spec, latest.id)
        if latest is None:
            attempt = 1
        elif latest.status == FAILED and latest.attempt < spec.max_attempts and latest.finished_at is not None \
                and now >= latest.finished_at + spec.backoff(latest.attempt):
            attempt = latest.attempt + 1
        else:
            return None  # succeeded, waiting for the backoff, or out of attempts
        run_id = store.claim(self.db, spec.name, slot, attempt, now=self._clock(), host=self.host_id,
                             pid=os.getpid())
        if run_id is None:
            return None  # another thread, process or host claimed this attempt
        return self._execute(spec, run_id)

    def _retire_if_dead(self, spec: JobSpec, run: JobRunRecord, now: datetime) -> bool:
        """True if ``run`` was stuck and is now marked failed. A live holder keeps its lock, so a slow run
        is never retired however long it takes."""
        started = run.started_at or run.claimed_at
        if now - started < timedelta(seconds=spec.stale_after_seconds):
            return False
        with self._locks.hold(spec.name) as held:
            if not held:
                return False
            retired = store.retire_stale(self.db, run.id, now=self._clock())
        if retired:
            log.warning("stale job run retired", extra={"job": spec.name, "run_id": run.id, "attempt": run.attempt})
        return retired

    def _execute(self, spec: JobSpec, run_id: int) -> JobRunRecord | None:
        with self._locks.hold(spec.name) as held:
            if not held:
                log.info("job is busy; the claimed run stays queued", extra={"job": spec.name, "run_id": run_id})
                return None
            return self._execute_held(spec, run_id)

    def _execute_held(self, spec: JobSpec, run_id: int) -> JobRunRecord | None:
        if not store.start(self.db, run_id, now=self._clock(), host=self.host_id, pid=os.getpid()):
            return None  # someone else started it between our read and now
        log.info("job started", extra={"job": spec.name, "run_id": run_id})
        try:
            counts = clean_counts(spec.fn())
        except Exception as exc:  # noqa: BLE001 - recorded; a job never takes the runner down
            error = store.short_error(exc)
            log.warning("job failed", extra={"job": spec.name, "run_id": run_id, "error_type": error[0],
                                             "error": error[1]})
            store.finish(self.db, run_id, now=self._clock(), error=error)
        except BaseException as exc:  # interpreter shutdown, ^C: record it, then let it through
            store.finish(self.db, run_id, now=self._clock(), error=store.short_error(exc))
            raise
        else:
            if not store.finish(self.db, run_id, now=self._clock(), counts=counts):
                log.warning("job finished after it was retired as stale", extra={"job": spec.name, "run_id": run_id})
            log.info("job succeeded", extra={"job": spec.name, "run_id": run_id, **{f"count_{k}": v for k, v in
                                                                                      counts.items()}})
        return store.get_run(self.db, run_id)

    # -- manual runs and views --------------------------------------------------------------------

    def run_now(self, name: str) -> JobRunRecord:
        """Run ``name`` immediately in this thread, whatever its schedule. ConflictError if it is running."""
        spec = self.spec(name)
        busy = ConflictError(f"job {name!r} is already running; try again when it has finished")
        with self._locks.hold(name) as held:
            now = self._clock()
            live = [r for r in store.running(self.db, name)
                    if now - (r.started_at or r.claimed_at) < timedelta(seconds=spec.stale_after_seconds)]
            if not held or live:
                raise busy
            run_id = store.claim(self.db, name, f"manual:{uuid.uuid4().hex}", 1, now=now, host=self.host_id,
                                 pid=os.getpid())
            record = self._execute_held(spec, run_id) if run_id is not None else None
        if record is None:
            raise busy
        return record

    def list_runs(self, limit: int = 20, job: str | None = None) -> list[JobRunRecord]:
        """Newest runs first, of every job of this runner or of one."""
        return store.recent_runs(self.db, limit, [job] if job else [s.name for s in self.specs])

    def status(self) -> list[JobStatus]:
        """Per job: its newest run, its newest success and when it is next due."""
        now = self._clock()
        last = store.latest_per_job(self.db)
        ok = store.latest_per_job(self.db, status=SUCCEEDED)
        return [JobStatus(s.name, s.schedule.describe(), s.enabled, last.get(s.name), ok.get(s.name),
                          s.schedule.next_slot(now) if s.enabled else None) for s in self.specs]

    # -- background thread ------------------------------------------------------------------------

    def start(self, interval_seconds: float = 30.0) -> None:
        """Tick every ``interval_seconds`` on a daemon thread (idempotent)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, args=(interval_seconds,), name="aurora-jobs",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the loop to end and wait for it: a job already executing finishes first, the due jobs after
        it are left to the next tick of any process."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self, interval_seconds: float) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # noqa: BLE001 - the loop must outlive any bug; it serves the web server
                log.exception("job loop iteration failed")
            self._stop.wait(interval_seconds)
