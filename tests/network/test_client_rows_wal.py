"""The per-request client read (network/client_rows.py) skips its SELECT while nobody has committed to the
SQLite file (db/wal_header.py), and still refuses a revoked or rotated client on the very next request,
whoever made the change: the admin API, another process's engine, or a program that is not auroranet."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from auroranet.db.core import Database, make_engine
from auroranet.db.wal_header import WalHeader
from auroranet.network import clients
from auroranet.network.auth import ClientAuth
from auroranet.usage.service import Shown, record_shown
from tests.network.conftest import Creds


def _file(db: Database) -> str:
    return str(db.engine.url.database)


def _client(db: Database) -> tuple[str, str]:
    with db.session() as s:
        new = clients.add_client(s, names="A")
    return new.info.id, Creds(new.info.id, new.secret, []).headers["Authorization"]


def test_unchanged_store_runs_no_statement_and_any_commit_reads_again(sqlite_db):
    cid, header = _client(sqlite_db)
    auth = ClientAuth(sqlite_db, recheck=0)
    rows = auth._rows  # noqa: SLF001 - the dedicated reader under test
    assert auth.authenticate(header) is not None and auth.authenticate(header) is not None
    before = rows.statements
    for _ in range(5):
        assert auth.authenticate(header) is not None
    assert rows.statements == before  # nothing committed: the row kept is the row stored
    with sqlite_db.engine.begin() as conn:  # a commit to another table (the usage log's batches)
        record_shown(conn, Shown(kind="search", front="api_v1", path="/x"), [])
    assert auth.authenticate(header) is not None
    assert rows.statements == before + 1  # the file changed: read again
    auth.close()


def test_revocation_by_any_writer_is_refused_on_the_very_next_request(sqlite_db):
    """Fails if a cached row outlives a commit: each change is followed by exactly one request."""
    cid, header = _client(sqlite_db)
    auth = ClientAuth(sqlite_db, recheck=0)
    for _ in range(3):
        assert auth.authenticate(header) is not None
    other = sqlite3.connect(_file(sqlite_db))  # not auroranet: the sqlite3 shell, a restore script
    other.execute("UPDATE clients SET active = 0 WHERE id = ?", (cid,))
    other.commit()
    assert auth.authenticate(header) is None
    other.execute("UPDATE clients SET active = 1 WHERE id = ?", (cid,))
    other.commit()
    assert auth.authenticate(header) is not None and auth.authenticate(header) is not None
    elsewhere = Database(make_engine(f"sqlite:///{_file(sqlite_db)}"))  # another process's engine (the CLI)
    with elsewhere.session() as s:
        secret2 = clients.rotate_secret(s, cid)
    assert auth.authenticate(header) is None
    header2 = Creds(cid, secret2, []).headers["Authorization"]
    assert auth.authenticate(header2) is not None and auth.authenticate(header2) is not None
    other.execute("DELETE FROM clients WHERE id = ?", (cid,))
    other.commit()
    assert auth.authenticate(header2) is None
    other.close()
    elsewhere.dispose()
    auth.close()


def test_wal_header_changes_with_every_commit_only(tmp_path: Path):
    path = tmp_path / "w.sqlite"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE t (x INTEGER)")
    writer.commit()
    wal = WalHeader.open(str(path))
    assert wal is not None
    first = wal.current()
    assert first is not None and wal.current() == first
    writer.execute("SELECT count(*) FROM t").fetchall()  # a read publishes nothing
    assert wal.current() == first
    seen = {first}
    for i in range(3):
        writer.execute("INSERT INTO t VALUES (?)", (i,))
        writer.commit()
        now = wal.current()
        assert now is not None and now not in seen
        seen.add(now)
    wal.close()
    writer.close()
    plain = tmp_path / "plain.sqlite"
    conn = sqlite3.connect(plain)  # rollback journal: no -shm file, nothing to watch
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.commit()
    assert WalHeader.open(str(plain)) is None and WalHeader.open("") is None
    conn.close()


def test_postgresql_reads_on_every_call(db):
    cid, header = _client(db)
    auth = ClientAuth(db, recheck=0)
    rows = auth._rows  # noqa: SLF001
    for _ in range(3):
        assert auth.authenticate(header) is not None
    if db.dialect == "postgresql":
        assert rows.statements == 3  # no WAL header to watch
    with db.session() as s:
        clients.update_client(s, cid, active=False)
    assert auth.authenticate(header) is None
    auth.close()
