"""Recommendation ids handed out before their row is written (the write-behind usage log): each process
reserves a block of ids in one short transaction and hands them out from memory.

PostgreSQL: the ids come from the table's own sequence (``nextval``), the one every INSERT without an id
uses too, so reserved ids never collide with anything. SQLite has no sequence: ``id_blocks`` holds the
next id not handed out, and a block starts above both it and the largest id written, in a transaction
under the cross-process write lock. While write-behind is on, every shown-results row of the process takes
its id from here (``ShownLog.allocate``), so no INSERT picks an id of a block that is not written yet.

    ids = IdBlocks(db, writes, block=1024)
    rid = ids.next()
"""

from __future__ import annotations

import threading
from collections import deque

from sqlalchemy import func, select, text

from auroranet.db.core import Database
from auroranet.db.writelock import WriteLock
from auroranet.usage.models import IdBlock, Recommendation

NAME = Recommendation.__tablename__  # the id_blocks row, and the table whose ids it hands out


class IdBlocks:
    def __init__(self, db: Database, writes: WriteLock, block: int = 1024) -> None:
        self._db = db
        self._writes = writes
        self._block = max(1, block)
        self._free: deque[int] = deque()
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            if not self._free:
                self._free.extend(self._reserve())
            return self._free.popleft()

    def _reserve(self) -> list[int]:
        if self._db.dialect == "postgresql":
            stmt = text(f"SELECT nextval(pg_get_serial_sequence('{NAME}', 'id')) FROM generate_series(1, :n)")
            with self._db.engine.begin() as conn:
                return [int(v) for v in conn.execute(stmt, {"n": self._block}).scalars()]
        with self._writes, self._db.session() as s:
            row = s.get(IdBlock, NAME, with_for_update=True)
            top = int(s.scalar(select(func.max(Recommendation.id))) or 0)
            start = max(top + 1, row.next_id if row is not None else 1)
            if row is None:
                s.add(IdBlock(name=NAME, next_id=start + self._block))
            else:
                row.next_id = start + self._block
        return list(range(start, start + self._block))
