"""Has anyone committed to this SQLite file since? Answered from memory: the WAL-index header.

In WAL mode every connection to a database file, in any process (a server worker, the CLI, the
``sqlite3`` shell), publishes each commit in the wal-index header at the start of the ``-shm`` file
(https://sqlite.org/walformat.html, "The WAL-Index Header": ``iChange``, ``mxFrame``, the frame
checksum and the WAL salts). SQLite's own readers compare that header to decide whether their page
cache is still valid; ``WalHeader`` reads the same bytes through a read-only mapping: no system call, no
lock, no statement. Two equal headers read at two moments mean no commit happened in between.

The header is kept twice; a writer stores the second copy, then the first. Reading the first, then the
second, two equal copies are a published header (a commit still being published reads as the old one,
as it does for SQLite's own readers); unequal copies or an uninitialised header answer ``None``: unknown.

The mapping must only exist while a connection of ours holds the file open (SQLite may truncate the
``-shm`` file when the first connection opens it, and a read past its end would fault): map after a
statement ran on that connection, close before it closes (``network/client_rows.py`` does both).

    wal = WalHeader.open(path)         # the file's path (PRAGMA database_list); None: no -shm file
    seen = wal.current()               # bytes, or None (unknown: read the database)
    ...
    unchanged = seen is not None and wal.current() == seen
"""

from __future__ import annotations

import mmap
import os

HEADER = 48  # one copy of the wal-index header
IS_INIT = 12  # offset of the isInit byte


class WalHeader:
    def __init__(self, view: mmap.mmap) -> None:
        self._view = view

    @classmethod
    def open(cls, db_path: str | None) -> "WalHeader | None":
        if not db_path:  # an in-memory database
            return None
        try:
            fd = os.open(f"{db_path}-shm", os.O_RDONLY)
        except OSError:  # not WAL mode (no -shm file)
            return None
        try:
            if os.fstat(fd).st_size < 2 * HEADER:
                return None
            return cls(mmap.mmap(fd, 2 * HEADER, flags=mmap.MAP_SHARED, prot=mmap.PROT_READ))
        except (OSError, ValueError):
            return None
        finally:
            os.close(fd)  # the mapping keeps the file

    def current(self) -> bytes | None:
        """Both copies of the header, when they agree and the header is initialised; else None."""
        first = self._view[:HEADER]
        second = self._view[HEADER:2 * HEADER]
        if first != second or not first[IS_INIT]:
            return None
        return first

    def close(self) -> None:
        self._view.close()
