"""Many rows into one table in one DBAPI ``executemany``, with the column types' own bind processors.

The write-behind usage log writes about eleven rows per answer. Through a Core ``insert()`` executemany,
SQLAlchemy builds and processes a parameter dict per row (``construct_params``) and the JSON column
serialises with ``json.dumps``: together more CPU than SQLite's inserts themselves. Here the INSERT is
compiled once per dialect (the same SQL SQLAlchemy would send, bind casts included on PostgreSQL), each
row becomes a tuple (or, for a named paramstyle, a dict) of processed values, and JSON is encoded with
orjson (the same JSON; ``None`` is stored as JSON ``null`` as the ``JSON`` type does by default).

    SHOWN = BulkInsert(table)  # every column of the table, or BulkInsert(table, ("a", "b"))
    SHOWN.run(conn, [{"recommendation_id": 1, ...}, ...])
"""

from __future__ import annotations

import json
from operator import itemgetter
from typing import Any, Callable, Mapping, Sequence

import orjson
from sqlalchemy import JSON, Connection, Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any]


def _json(value: Any) -> str:
    try:  # numpy scalars (engine scores) natively; NaN becomes null (JSON has no NaN; JSONB refuses it)
        return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY).decode()
    except TypeError:  # anything else json.dumps can encode (a float or str subclass): as the JSON type did
        return json.dumps(value)


class _Compiled:
    def __init__(self, table: Table, columns: list[str], dialect: Dialect) -> None:
        compiled = insert(table).compile(dialect=dialect, column_keys=columns)
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        order = list(compiled.positiontup or []) if self.positional else list(columns)
        self.get = itemgetter(*order) if len(order) > 1 else (lambda row: (row[order[0]],))
        self.order = order
        self.processors: list[tuple[int, Processor]] = []  # (position, processor) of the columns that have one
        for i, name in enumerate(order):
            kind = table.c[name].type
            proc = _json if isinstance(kind, JSON) else kind.dialect_impl(dialect).bind_processor(dialect)
            if proc is not None:
                self.processors.append((i, proc))

    def params(self, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
        out: list[Any] = []
        if self.positional:
            for row in rows:
                values = list(self.get(row))
                for i, proc in self.processors:
                    values[i] = proc(values[i])
                out.append(tuple(values))
        else:
            for row in rows:
                named = {k: row[k] for k in self.order}
                for i, proc in self.processors:
                    k = self.order[i]
                    named[k] = proc(named[k])
                out.append(named)
        return out


class BulkInsert:
    def __init__(self, table: Table, columns: Sequence[str] | None = None) -> None:
        """``columns``: the keys every row has; by default all of the table's columns."""
        self._table = table
        self._columns = list(columns) if columns is not None else [c.name for c in table.columns]
        self._compiled: dict[str, _Compiled] = {}

    def run(self, session: Session | Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        conn = session.connection() if isinstance(session, Session) else session
        compiled = self._compiled.get(conn.dialect.name)
        if compiled is None:
            compiled = self._compiled[conn.dialect.name] = _Compiled(self._table, self._columns, conn.dialect)
        conn.exec_driver_sql(compiled.sql, compiled.params(rows))
