"""Execution locks: at most one run of a job executes at a time, whoever claimed it.

The claim (a row in ``job_runs``) decides *who* runs a slot; these locks make sure a manual run and a
scheduled run, or a retry and a slow original, never *overlap*. Each backend releases automatically when
its holder dies, which is also how the runner tells a dead run from a slow one:

* PostgreSQL: ``pg_try_advisory_lock`` on a dedicated connection (session level, so it is held across the
  job's own transactions and freed when the connection drops). The key hashes the schema and job name,
  so two instances in different schemas of one database do not block each other.
* SQLite file: an exclusive ``fcntl.flock`` on ``<db>.jobs.<name>.lock`` next to the database file
  (per open file, so it excludes other threads of this process too).
* In-memory SQLite: a process-wide ``threading.Lock`` per job (nothing else can see that database).
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import threading
from abc import ABC, abstractmethod
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import text

from auroranet.db.core import Database

log = logging.getLogger(__name__)


class JobLocks(ABC):
    """``with locks.hold(name) as held:`` — ``held`` is False when another holder has it (never blocks)."""

    @abstractmethod
    @contextmanager
    def hold(self, name: str) -> Iterator[bool]:
        yield False  # pragma: no cover


class PostgresAdvisoryLocks(JobLocks):
    def __init__(self, db: Database) -> None:
        self.db = db

    @contextmanager
    def hold(self, name: str) -> Iterator[bool]:
        conn = self.db.engine.connect()
        key = "hashtextextended(current_schema() || :tag, 0)"
        params = {"tag": f"/auroranet.jobs/{name}"}
        try:
            held = bool(conn.execute(text(f"SELECT pg_try_advisory_lock({key})"), params).scalar())
            conn.commit()  # the lock is session level; do not sit idle in a transaction while the job runs
        except BaseException:
            conn.close()
            raise
        try:
            yield held
        finally:
            try:
                if held:
                    conn.execute(text(f"SELECT pg_advisory_unlock({key})"), params)
                    conn.commit()
            except Exception:  # noqa: BLE001 - a broken connection has already dropped the lock
                log.warning("could not release the job lock; discarding its connection", extra={"job": name})
                conn.invalidate()
            finally:
                conn.close()


class FileLocks(JobLocks):
    def __init__(self, database_file: Path) -> None:
        self.database_file = database_file

    def path_for(self, name: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        return self.database_file.with_name(f"{self.database_file.name}.jobs.{safe}.lock")

    @contextmanager
    def hold(self, name: str) -> Iterator[bool]:
        # The file is never deleted: removing a lock file while another process has it open breaks exclusion.
        fd = os.open(self.path_for(name), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


class ThreadLocks(JobLocks):
    _registry: dict[str, threading.Lock] = {}
    _guard = threading.Lock()

    def __init__(self, scope: str) -> None:
        self.scope = scope

    @contextmanager
    def hold(self, name: str) -> Iterator[bool]:
        with self._guard:
            lock = self._registry.setdefault(f"{self.scope}\0{name}", threading.Lock())
        got = lock.acquire(blocking=False)
        try:
            yield got
        finally:
            if got:
                lock.release()


def locks_for(db: Database) -> JobLocks:
    """The backend that fits the database: advisory locks, a file next to the SQLite file, or a mutex."""
    if db.dialect == "postgresql":
        return PostgresAdvisoryLocks(db)
    database = db.engine.url.database
    if db.dialect == "sqlite" and database and database != ":memory:" and not database.startswith("file::memory:"):
        return FileLocks(Path(database).resolve())
    return ThreadLocks(str(db.engine.url))
