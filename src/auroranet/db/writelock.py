"""Takes turns on SQLite writes across this process's threads and the other server processes.

A thread lock for the request threads, plus an exclusive ``flock`` on a file next to the database for
the other ``serve --workers`` processes. Colliding on SQLite's own lock instead makes its busy handler
sleep (1, 2, 5 … 100 ms), which under concurrent load cost far more than the inserts themselves; a
waiter on flock wakes at the release. On PostgreSQL it is a no-op. Hold it only around a short write:
never while scrubbing text, calling the engine or the network.
"""

from __future__ import annotations

import os
import threading
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: threads only
    fcntl = None  # type: ignore[assignment]

from auroranet.db.core import Database


class WriteLock:
    def __init__(self, db: Database) -> None:
        self._thread = threading.Lock()
        self._enabled = db.dialect == "sqlite"
        db_file = db.engine.url.database if self._enabled else None
        self._path = f"{db_file}.writelock" if db_file and db_file != ":memory:" else None
        self._fd: int | None = None

    def __enter__(self) -> "WriteLock":
        if not self._enabled:
            return self
        self._thread.acquire()
        if self._path and fcntl is not None:
            try:
                if self._fd is None:
                    self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            except OSError:  # e.g. a read-only directory: the thread lock alone still helps
                self._path = None
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self._enabled:
            return
        try:
            if self._path and self._fd is not None and fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread.release()

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
