"""A log handler that writes INFO lines in batches: one write and flush per ``max_bytes`` or per
``interval`` seconds instead of one per line (the access log writes a line per request).

A WARNING or worse is written at once, together with the lines buffered before it (order is kept).
``flush`` (called by ``logging.shutdown`` at exit) and ``close`` write whatever is buffered, and a daemon
thread writes a buffer older than ``interval`` even when no further record arrives.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from typing import IO, Any


class BufferedStreamHandler(logging.StreamHandler[Any]):
    def __init__(self, stream: IO[str] | Any, *, interval: float = 0.5, max_bytes: int = 64 * 1024) -> None:
        super().__init__(stream)
        self.interval = interval
        self.max_bytes = max_bytes
        self._lines: list[str] = []
        self._size = 0
        self._wake = threading.Event()
        self._closed = False
        self._timer: threading.Thread | None = None
        _HANDLERS.add(self)

    def emit(self, record: logging.LogRecord) -> None:  # called with self.lock held (Handler.handle)
        try:
            line = self.format(record) + self.terminator
        except Exception:
            self.handleError(record)
            return
        self._lines.append(line)
        self._size += len(line)
        if record.levelno >= logging.WARNING or self._size >= self.max_bytes or self._closed:
            self._drain()
        elif len(self._lines) == 1:
            self._start_timer()

    def _drain(self) -> None:
        """Write and flush the buffer (the caller holds ``self.lock``)."""
        if not self._lines:
            return
        text, self._lines, self._size = "".join(self._lines), [], 0
        try:
            self.stream.write(text)
            self.stream.flush()
        except Exception:  # a closed or broken stream: as StreamHandler, never raise into the caller
            self.handleError(logging.makeLogRecord({"msg": "buffered log lines could not be written"}))

    def flush(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            self._drain()

    def close(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            self._closed = True
            self._drain()
        self._wake.set()
        super().close()

    def _start_timer(self) -> None:
        if self._timer is None or not self._timer.is_alive():  # also a fresh one after a fork
            self._timer = threading.Thread(target=self._run, name="log-flush", daemon=True)
            self._timer.start()
        self._wake.set()

    def _run(self) -> None:
        while not self._closed:
            self._wake.wait()
            self._wake.clear()
            if self._closed:
                return
            # the first line of a batch arrived: write the batch ``interval`` later (or earlier, when a
            # warning, a full buffer or a flush came first and emptied it)
            time.sleep(self.interval)
            self.flush()


_HANDLERS: weakref.WeakSet[BufferedStreamHandler] = weakref.WeakSet()


def _forget_in_child() -> None:
    """A forked child does not write its parent's buffered lines again (the parent writes them)."""
    for handler in _HANDLERS:
        handler._lines, handler._size, handler._timer = [], 0, None


os.register_at_fork(after_in_child=_forget_in_child)
