"""The write-behind usage log: shown-results events are buffered in memory and written in batches, one
transaction per batch, by one background thread per process (``AURORA_USAGE_WRITE_BEHIND``, on for
``aurora serve``, off by default elsewhere).

The trade-off: a request no longer waits for its usage write (about a third of a recommendation's server
CPU on SQLite), and a crash of the process loses the events of at most one interval
(``AURORA_USAGE_FLUSH_MS``, default 200 ms). Only shown-results events are buffered: feedback, clicks,
unmet needs, consents and anything a person wrote are written before the answer, as before.

* The recommendation id is reserved up front (``usage/ids.py``), so the answer and its tracking links
  carry it at once.
* A feedback or click on an id still in the buffer flushes first (``flush_if_pending``), so it works.
* The buffer is bounded (``AURORA_USAGE_BUFFER_MAX``): when full, the request writes the buffer itself
  (synchronously); nothing is dropped.
* A failing write is logged (without values) and retried at the next interval; the thread never dies.
  After ``MAX_TRIES`` failed batch writes the events are written one by one, and one that still fails is
  counted and logged as lost (``lost``), so a single bad row cannot block the log forever.
* ``close`` (the app's shutdown and ``Runtime.close``) writes what is left.

    log = ShownLog(db, writes, flush_ms=200, batch=200, max_buffer=5000)
    rid = log.record(event, hits)
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Sequence

from auroranet.db.core import Database
from auroranet.db.writelock import WriteLock
from auroranet.engine.contract import Hit
from auroranet.usage.ids import IdBlocks
from auroranet.usage.service import Shown, ShownRows, shown_rows, write_rows

log = logging.getLogger(__name__)
MAX_TRIES = 5


class ShownLog:
    def __init__(self, db: Database, writes: WriteLock, *, flush_ms: int = 200, batch: int = 200,
                 max_buffer: int = 5000) -> None:
        self._db = db
        self._writes = writes
        self._ids = IdBlocks(db, writes)
        self.interval = max(0.001, flush_ms / 1000)
        self.batch = max(1, batch)
        self.max_buffer = max(1, max_buffer)
        self._buffer: list[tuple[int, ShownRows]] = []
        self._pending: set[int] = set()
        self._lock = threading.Lock()  # the buffer
        self._write_lock = threading.Lock()  # one writer at a time (thread, flush, a full buffer)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._tries = 0
        self.written = 0
        self.failures = 0
        self.lost = 0

    def allocate(self) -> int:
        """A reserved recommendation id, for a row written synchronously while this log is on."""
        return self._ids.next()

    def record(self, event: Shown, hits: Sequence[Hit]) -> int:
        """Buffer one event; returns its recommendation id (reserved, not yet written)."""
        rows = shown_rows(event, hits)
        rid = self._ids.next()
        with self._lock:
            self._buffer.append((rid, rows))
            self._pending.add(rid)
            size = len(self._buffer)
        self._start()
        if size >= self.max_buffer:
            self.flush()  # full (the writer is failing or behind): this request writes, nothing is dropped
        elif size >= self.batch:
            self._wake.set()
        return rid

    def pending(self, rid: int) -> bool:
        with self._lock:
            return rid in self._pending

    def flush_if_pending(self, rid: int) -> None:
        """Before a read that needs the event (feedback, a click): write the buffer when ``rid`` is in it."""
        if self.pending(rid):
            self.flush()

    def flush(self) -> None:
        """Write everything buffered now, in batches; raises when a batch cannot be written (it stays
        buffered for the next try)."""
        while self._write_once(raise_errors=True):
            pass

    def _take(self) -> list[tuple[int, ShownRows]]:
        with self._lock:
            batch, self._buffer = self._buffer[:self.batch], self._buffer[self.batch:]
            return batch

    def _put_back(self, batch: list[tuple[int, ShownRows]]) -> None:
        with self._lock:
            self._buffer[:0] = batch

    def _done(self, batch: list[tuple[int, ShownRows]]) -> None:
        with self._lock:
            self._pending.difference_update(rid for rid, _ in batch)
        self.written += len(batch)

    def _write_once(self, *, raise_errors: bool) -> bool:
        """Write one batch; False when the buffer was empty."""
        with self._write_lock:
            batch = self._take()
            if not batch:
                return False
            try:
                with self._writes, self._db.engine.begin() as conn:
                    write_rows(conn, batch)
            except Exception as exc:  # noqa: BLE001 - logged without values; retried
                self.failures += 1
                self._tries += 1
                log.warning("usage log write failed", extra={"error_type": type(exc).__name__,
                                                             "events": len(batch), "tries": self._tries})
                if self._tries >= MAX_TRIES:
                    self._one_by_one(batch)
                    return True
                self._put_back(batch)
                if raise_errors:
                    raise
                return False
            self._tries = 0
            self._done(batch)
            return True

    def _one_by_one(self, batch: list[tuple[int, ShownRows]]) -> None:
        self._tries = 0
        for item in batch:
            try:
                with self._writes, self._db.engine.begin() as conn:
                    write_rows(conn, [item])
            except Exception as exc:  # noqa: BLE001 - counted and logged; never silent
                self.lost += 1
                log.error("usage event could not be written", extra={"error_type": type(exc).__name__})
        self._done(batch)

    def _start(self) -> None:
        if self._thread is not None or self._stop.is_set():
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="usage-log", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            started = time.monotonic()
            try:
                while self._write_once(raise_errors=False) and time.monotonic() - started < 1.0:
                    pass
            except Exception as exc:  # noqa: BLE001 - the thread never dies
                log.warning("usage log thread error", extra={"error_type": type(exc).__name__})

    def close(self) -> None:
        """Stop the thread and write what is left (graceful shutdown)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(5)
        try:
            self.flush()
        except Exception as exc:  # noqa: BLE001 - shutting down: logged, with the count left
            log.error("usage log: events left unwritten at shutdown",
                      extra={"error_type": type(exc).__name__, "events": len(self._buffer)})
