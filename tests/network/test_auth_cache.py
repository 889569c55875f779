"""Issue 9, item 4: a rotated, removed or deactivated secret fails on the very next request in every
process. Two Runtimes over one store stand for two ``serve --workers`` processes: each has its own
verification cache (``rt.auth``), as each worker process has."""

from __future__ import annotations

import pytest

from auroranet.network import auth as auth_module
from auroranet.network import clients
from auroranet.network.auth import ClientAuth
from tests.network.conftest import Creds, make_client, register, runtime_like

V1 = "/service-recommender/v1"
KEY = "a" * 40
ADMIN = {"Authorization": f"Bearer {KEY}"}


def _search(http, creds: Creds) -> int:
    return http.post(f"{V1}/text_search", json={"search_text": "asunto"}, headers=creds.headers).status_code


def test_rotate_remove_deactivate_reach_the_other_worker_at_once(any_rt):
    """With AURORA_AUTH_RECHECK_SECONDS=0 every request reads the client's row: the strict setting and the default."""
    worker_a = runtime_like(any_rt, admin_key=KEY)  # runs the admin API
    worker_b = runtime_like(any_rt, auth_recheck_seconds=0)  # serves the connected service
    assert worker_a.auth is not worker_b.auth
    creds = register(any_rt, "Chatbot")
    with make_client(worker_a) as a, make_client(worker_b) as b:
        assert _search(b, creds) == 200
        assert _search(b, creds) == 200  # now from worker B's cache
        new_secret = a.post(f"/admin/clients/{creds.id}/rotate-secret", headers=ADMIN).json()["client_secret"]
        assert _search(b, creds) == 401  # the old secret, on the very next request
        fresh = Creds(creds.id, new_secret, [])
        assert _search(b, fresh) == 200 and _search(b, fresh) == 200
        assert a.patch(f"/admin/clients/{creds.id}", headers=ADMIN, json={"active": False}).status_code == 200
        assert _search(b, fresh) == 401
        assert a.patch(f"/admin/clients/{creds.id}", headers=ADMIN, json={"active": True}).status_code == 200
        assert _search(b, fresh) == 200
        assert a.delete(f"/admin/clients/{creds.id}", headers=ADMIN).status_code == 204
        assert _search(b, fresh) == 401


def test_two_caches_over_one_store(db):
    """The same at the unit level, on SQLite and PostgreSQL: the change goes through the registry
    (as the CLI in another process does) and never touches the other cache."""
    with db.session() as s:
        new = clients.add_client(s, names="A")
    header = Creds(new.info.id, new.secret, []).headers["Authorization"]
    one, two = ClientAuth(db), ClientAuth(db)
    assert one.authenticate(header) is not None and two.authenticate(header) is not None
    with db.session() as s:
        clients.update_client(s, new.info.id, active=False)
    assert two.authenticate(header) is None
    with db.session() as s:
        clients.update_client(s, new.info.id, active=True)
    assert two.authenticate(header) is not None
    with db.session() as s:
        secret2 = clients.rotate_secret(s, new.info.id)
    assert two.authenticate(header) is None and one.authenticate(header) is None
    header2 = Creds(new.info.id, secret2, []).headers["Authorization"]
    assert two.authenticate(header2) is not None
    with db.session() as s:
        clients.remove_client(s, new.info.id)
    assert two.authenticate(header2) is None


def test_cache_hit_reads_the_row_but_skips_scrypt(db, monkeypatch):
    with db.session() as s:
        new = clients.add_client(s, names="A", rate_limit_per_minute=100)
    header = Creds(new.info.id, new.secret, []).headers["Authorization"]
    auth = ClientAuth(db)
    calls: list[int] = []
    real = clients.verify_secret
    monkeypatch.setattr(auth_module, "verify_secret", lambda *a: calls.append(1) or real(*a))
    assert auth.authenticate(header).rate_limit_per_minute == 100
    with db.session() as s:
        clients.update_client(s, new.info.id, rate_limit_per_minute=7)
    assert auth.authenticate(header).rate_limit_per_minute == 7  # current row, from the cache hit
    assert len(calls) == 1


def test_unknown_and_overlong_ids_cost_a_verification(sqlite_db, monkeypatch):
    calls: list[int] = []
    real = clients.verify_secret
    monkeypatch.setattr(auth_module, "verify_secret", lambda *a: calls.append(1) or real(*a))
    auth = ClientAuth(sqlite_db)
    for cid in ("00000000-0000-4000-8000-000000000000", "x" * 100):
        assert auth.authenticate(Creds(cid, "secret", []).headers["Authorization"]) is None
    assert len(calls) == 2


# ---------------------------------------------------------------------------------------------
# Item 15: per-client rate limits


def test_default_rate_limit_fits_a_national_service():
    from auroranet.config import Settings

    assert Settings().rate_limit_per_minute >= 100 * 60  # 100 requests a second for one client


def test_per_client_rate_limit(rt):
    slow = register(rt, "Pieni palvelu")
    with rt.db.session() as s:
        clients.update_client(s, slow.id, rate_limit_per_minute=2)
    busy = register(rt, "Kansallinen chatbot")
    worker = runtime_like(rt, rate_limit_per_minute=5, admin_key=KEY)
    with make_client(worker) as http:
        assert [_search(http, slow) for _ in range(3)] == [200, 200, 429]
        assert [_search(http, busy) for _ in range(5)] == [200] * 5  # the deployment default, 5
        assert _search(http, busy) == 429
        raised = http.patch(f"/admin/clients/{busy.id}", headers=ADMIN, json={"rate_limit_per_minute": 1000})
        assert raised.status_code == 200 and raised.json()["rate_limit_per_minute"] == 1000
        assert _search(http, busy) == 200  # the new limit applies at once


@pytest.mark.parametrize("limit", [0, -1, 10_000_001])
def test_rate_limit_out_of_range(sqlite_db, limit):
    from auroranet.errors import InputError

    with pytest.raises(InputError, match="rate limit"), sqlite_db.session() as s:
        clients.add_client(s, names="A", rate_limit_per_minute=limit)


def test_revocation_within_the_recheck_window(any_rt, monkeypatch):
    """With a recheck window (AURORA_AUTH_RECHECK_SECONDS=2): a verified client is accepted from memory for ``auth_recheck_seconds``; the worker
    that runs the admin API refuses at once, another worker once the window has passed (a fake clock)."""
    import time as real_time

    class Clock:
        now = real_time.monotonic()

        @classmethod
        def monotonic(cls) -> float:
            return cls.now

    monkeypatch.setattr(auth_module, "time", Clock)
    worker_a = runtime_like(any_rt, admin_key=KEY, auth_recheck_seconds=2)
    worker_b = runtime_like(any_rt, auth_recheck_seconds=2)
    creds = register(any_rt, "Chatbot")
    with make_client(worker_a) as a, make_client(worker_b) as b:
        assert _search(a, creds) == 200 and _search(b, creds) == 200
        assert worker_b.auth.cached(creds.headers["Authorization"]) is not None  # from memory, no row read
        assert a.patch(f"/admin/clients/{creds.id}", headers=ADMIN, json={"active": False}).status_code == 200
        assert _search(a, creds) == 401  # the admin API's own process: at once
        Clock.now += 1.0
        assert _search(b, creds) == 200  # the documented window: the other worker has not reread the row
        Clock.now += 1.5
        assert worker_b.auth.cached(creds.headers["Authorization"]) is None
        assert _search(b, creds) == 401  # window over: the row is read, the client is inactive


def test_cached_needs_a_fresh_row(db):
    with db.session() as s:
        new = clients.add_client(s, names="A")
    header = Creds(new.info.id, new.secret, []).headers["Authorization"]
    auth = ClientAuth(db, recheck=60)
    assert auth.cached(header) is None  # never verified
    assert auth.authenticate(header) is not None
    assert auth.cached(header) is not None and auth.cached(header).id == new.info.id
    assert auth.cached(header[:-2] + "==") is None and auth.cached(None) is None
    assert ClientAuth(db, recheck=0).cached(header) is None
    auth.clear()
    assert auth.cached(header) is None


def test_row_read_on_its_own_connection_decodes_only_a_changed_row(db, monkeypatch):
    """The per-request read (network/client_rows.py): an unchanged row is the remembered client again, a
    changed one is decoded; a broken dedicated connection falls back to the pool, the next call reconnects."""
    from auroranet.network import client_rows

    with db.session() as s:
        new = clients.add_client(s, names="A", rate_limit_per_minute=100)
    header = Creds(new.info.id, new.secret, []).headers["Authorization"]
    auth = ClientAuth(db)
    decoded: list[int] = []
    real = client_rows.ClientRows.decode
    monkeypatch.setattr(client_rows.ClientRows, "decode", lambda self, raw: decoded.append(1) or real(self, raw))
    first = auth.authenticate(header)
    assert first is not None and auth.authenticate(header) is first and len(decoded) == 1
    with db.session() as s:
        clients.update_client(s, new.info.id, allowed_origins=["https://a.example"])
    changed = auth.authenticate(header)
    assert changed is not None and changed.allowed_origins == ("https://a.example",) and len(decoded) == 2
    assert changed.rate_limit_per_minute == 100 and changed.names == first.names and changed.active is True
    auth._rows._connection().close()  # noqa: SLF001 - the server went away under the dedicated connection
    assert auth.authenticate(header) == changed  # read through the pool
    assert auth._rows.read(new.info.id) is not client_rows.UNAVAILABLE  # noqa: SLF001 - reconnected
    with db.session() as s:
        clients.update_client(s, new.info.id, active=False)
    assert auth.authenticate(header) is None
    auth.close()
