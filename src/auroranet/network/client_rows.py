"""A client's registry row, re-read on every authenticated request, cheaply.

``network/auth.py`` reads the calling client's row on every request, so that a rotated secret, a removed
or deactivated client or a changed limit counts on the very next request in every process and host. Through
the SQLAlchemy pool that read cost a pool checkout (a ``SELECT 1`` pre-ping on PostgreSQL), a statement
execution and a ``ClientInfo`` built from the row: about a fifth of a cached recommendation. Here it is one
prepared-once ``SELECT`` by primary key on one dedicated DBAPI connection (autocommit: every read sees
the latest committed row, no transaction is left open), under a lock, returning the raw row. Equal raw
rows decode to equal clients, so the caller decodes only a row it has not seen (``decode``, with the
column types' own result processors, as SQLAlchemy would).

On SQLite (WAL mode) the row is read only when someone may have committed since it was last read: the
WAL-index header (``db/wal_header.py``) is taken before each read and kept with the row; while the header
is unchanged no connection of any process has committed, so the row kept is the row the database holds
and no statement runs. Any commit (a usage batch, a rotated secret from the CLI) changes the header, and
the next call reads again, so a revoked or rotated client is still refused on its very next request.
Measured in the served app (bench/profile_request.py, s9): the ``SELECT`` itself costs 11-14 µs in a
tight loop but 50-90 µs of the request thread's CPU in a request (after a millisecond of other work its
code and data are no longer in the CPU caches: a 1 ms sleep between reads costs as much), plus 10-40 µs
when the file changed since the last read (SQLite then drops the connection's page cache); the header
compare is two 48-byte copies. PostgreSQL (and a SQLite file not in WAL mode) reads on every call.

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

from auroranet.db.wal_header import WalHeader
from auroranet.network.clients import ClientInfo
from auroranet.network.models import Client

# What ``ClientInfo.of`` reads, and the stored hash.
COLUMNS = ("id", "secret_hash", "names", "descriptions", "provider", "type", "channel_ids",
           "receivable_attributes", "allowed_origins", "active", "rate_limit_per_minute", "privacy_notice_url",
           "server_side_reads_only", "oauth_redirect_uris")
UNAVAILABLE: Any = object()
_PLACEHOLDER = {"qmark": "?", "numeric": ":1", "named": ":id", "format": "%s", "pyformat": "%(id)s"}
MAX_KEPT = 1024  # rows kept with their WAL header (one per calling client id)


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
        self._sqlite = dialect.name == "sqlite"
        self._wal: WalHeader | None = None
        self._wal_tried = False  # looked for a WAL header on this connection
        self._kept: dict[str, tuple[bytes, tuple[Any, ...] | None]] = {}  # id -> (header before the read, row)
        self.statements = 0  # SELECTs run (the tests count them)

    def _connection(self) -> Any:
        if self._conn is None or self._pid != os.getpid():
            fairy = self._engine.raw_connection()  # the pool's connect events (pragmas, search_path) ran
            fairy.detach()  # ours now: not counted in the pool, never handed to anyone else
            conn = fairy.dbapi_connection
            conn.rollback()  # a pre-ping may have opened a transaction
            self._forget_wal()  # (a forked child: the parent's rows and mapping are not for this connection)
            if hasattr(conn, "autocommit"):  # psycopg: each SELECT sees the latest commit, none stays open
                conn.autocommit = True
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def read(self, client_id: str) -> tuple[Any, ...] | None:
        """The raw row, None when there is no such client, ``UNAVAILABLE`` when the read failed."""
        params: Any = {"id": client_id} if self._named else (client_id,)
        with self._lock:
            header = self._wal.current() if self._wal is not None and self._pid == os.getpid() else None
            if header is not None:
                kept = self._kept.get(client_id)
                if kept is not None and kept[0] == header:
                    return kept[1]  # no commit anywhere since this row was read
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
            self.statements += 1
            raw = tuple(row) if row is not None else None
            self._keep(client_id, header, raw)
        return raw

    def _keep(self, client_id: str, header: bytes | None, raw: tuple[Any, ...] | None) -> None:
        if not self._wal_tried and self._sqlite:
            self._watch()
        if header is None:  # the read ran without a header taken before it: nothing to keep
            self._kept.pop(client_id, None)
            return
        if len(self._kept) >= MAX_KEPT:
            self._kept.clear()
        self._kept[client_id] = (header, raw)

    def _watch(self) -> None:
        """Map the WAL header of the file our connection reads, when it is in WAL mode. After a statement
        ran: our connection holds the -shm file open from then on (so it is never truncated under the map)."""
        self._wal_tried = True
        try:
            cur = self._conn.cursor()
            try:
                cur.execute("PRAGMA journal_mode")  # WAL stays while we are connected (leaving needs exclusivity)
                mode = str(cur.fetchone()[0]).lower()
                cur.execute("PRAGMA database_list")
                files = {str(r[1]): str(r[2] or "") for r in cur.fetchall()}
            finally:
                cur.close()
        except Exception:  # noqa: BLE001 - not watched: every call reads, as on PostgreSQL
            return
        if mode == "wal" and files.get("main"):
            self._wal = WalHeader.open(files["main"])

    def _forget_wal(self) -> None:
        wal, self._wal = self._wal, None
        self._wal_tried = False
        self._kept.clear()
        if wal is not None:  # unmapped before the connection that keeps the -shm file open goes
            wal.close()

    def decode(self, raw: tuple[Any, ...]) -> tuple[ClientInfo, str]:
        values = {name: (dec(v) if dec is not None else v) for name, dec, v in zip(COLUMNS, self._decoders, raw)}
        return ClientInfo.of(SimpleNamespace(**values)), str(values["secret_hash"])  # type: ignore[arg-type]

    def _drop(self) -> None:
        self._forget_wal()
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001, S110 - already broken
                pass

    def close(self) -> None:
        with self._lock:
            self._drop()
