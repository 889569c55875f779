"""A client's registry row, re-read on every authenticated request, cheaply.

``network/auth.py`` reads the calling client's row on every request, so that a rotated secret, a removed
or deactivated client or a changed limit counts on the very next request in every process and host. Through
the SQLAlchemy pool that read cost a pool checkout (a ``SELECT 1`` pre-ping on PostgreSQL), a statement
execution and a ``ClientInfo`` built from the row: about a fifth of a cached recommendation. Here it is one
prepared-once ``SELECT`` by primary key on one dedicated DBAPI connection (autocommit: every read sees
the latest committed row, no transaction is left open), under a lock, returning the raw row. Equal raw
rows decode to equal clients, so the caller decodes only a row it has not seen (``decode``, with the
column types' own result processors, as SQLAlchemy would).

Any error on the dedicated connection closes it and answers ``UNAVAILABLE``: the caller then reads through
the pool as before, and the next call opens a new connection.

    rows = ClientRows(db.engine)
    raw = rows.read(client_id)         # tuple, None (no such client) or UNAVAILABLE
    info, secret_hash = rows.decode(raw)
"""

from __future__ import annotations

import os
import threading
from types import SimpleNamespace
from typing import Any

from sqlalchemy.engine import Engine

from auroranet.network.clients import ClientInfo
from auroranet.network.models import Client

# What ``ClientInfo.of`` reads, and the stored hash.
COLUMNS = ("id", "secret_hash", "names", "descriptions", "provider", "type", "channel_ids",
           "receivable_attributes", "allowed_origins", "active", "rate_limit_per_minute", "privacy_notice_url",
           "server_side_reads_only", "oauth_redirect_uris")
UNAVAILABLE: Any = object()
_PLACEHOLDER = {"qmark": "?", "numeric": ":1", "named": ":id", "format": "%s", "pyformat": "%(id)s"}


class ClientRows:
    """One dedicated connection per process for the per-request client read (see the module docstring)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        dialect = engine.dialect
        style = dialect.paramstyle
        self._sql = (f"SELECT {', '.join(COLUMNS)} FROM {Client.__tablename__} "
                     f"WHERE id = {_PLACEHOLDER.get(style, '?')}")
        self._named = style in ("named", "pyformat")
        table = Client.__table__
        self._decoders = [table.c[name].type.dialect_impl(dialect).result_processor(dialect, None)
                          for name in COLUMNS]
        self._lock = threading.Lock()
        self._conn: Any = None
        self._pid = 0

    def _connection(self) -> Any:
        if self._conn is None or self._pid != os.getpid():
            fairy = self._engine.raw_connection()  # the pool's connect events (pragmas, search_path) ran
            fairy.detach()  # ours now: not counted in the pool, never handed to anyone else
            conn = fairy.dbapi_connection
            conn.rollback()  # a pre-ping may have opened a transaction
            if hasattr(conn, "autocommit"):  # psycopg: each SELECT sees the latest commit, none stays open
                conn.autocommit = True
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def read(self, client_id: str) -> tuple[Any, ...] | None:
        """The raw row, None when there is no such client, ``UNAVAILABLE`` when the read failed."""
        params: Any = {"id": client_id} if self._named else (client_id,)
        with self._lock:
            try:
                cur = self._connection().cursor()
                try:
                    cur.execute(self._sql, params)
                    row = cur.fetchone()
                finally:
                    cur.close()
                if getattr(self._conn, "in_transaction", False):  # sqlite3 in a mode that began one
                    self._conn.rollback()
            except Exception:  # noqa: BLE001 - any driver error: drop this connection, read through the pool
                self._drop()
                return UNAVAILABLE
        return tuple(row) if row is not None else None

    def decode(self, raw: tuple[Any, ...]) -> tuple[ClientInfo, str]:
        values = {name: (dec(v) if dec is not None else v) for name, dec, v in zip(COLUMNS, self._decoders, raw)}
        return ClientInfo.of(SimpleNamespace(**values)), str(values["secret_hash"])  # type: ignore[arg-type]

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001, S110 - already broken
                pass

    def close(self) -> None:
        with self._lock:
            self._drop()
