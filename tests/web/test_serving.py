"""Serving hardening: the web session secret (never a default, generated 0600 once and shared, weak ones
refused at start), a private data directory and SQLite files, and the API's limits on web search and
results (429 / 503 with Retry-After and a page in the person's language)."""

from __future__ import annotations

import multiprocessing
import os
import re
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from auroranet.app import create_app
from auroranet.config import SESSION_SECRET_FILE, Settings, session_secret
from auroranet.db.core import Database
from auroranet.db.migrate import upgrade
from auroranet.errors import InputError
from auroranet.network.robustness import TokenBucket
from auroranet.runtime import Runtime
from auroranet.web.messages import MESSAGES
from tests.web.test_views import answer_all, csrf


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_no_hard_coded_secret_and_a_generated_one_is_kept(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    assert settings.session_secret is None  # before: "dev-only-change-me"
    first = session_secret(settings)
    path = tmp_path / "data" / SESSION_SECRET_FILE
    assert re.fullmatch(r"[0-9a-f]{64}", first) and path.read_text().strip() == first
    assert mode(path) == 0o600 and mode(tmp_path / "data") == 0o700
    assert session_secret(Settings(data_dir=tmp_path / "data")) == first  # reused on the next start
    assert session_secret(Settings(data_dir=tmp_path / "other")) != first


def _secret_in_a_worker(data_dir: str) -> str:
    return session_secret(Settings(data_dir=Path(data_dir)))


def test_workers_starting_together_share_one_secret(tmp_path: Path) -> None:
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        got = pool.map(_secret_in_a_worker, [str(tmp_path / "data")] * 8)
    assert len(set(got)) == 1 and (tmp_path / "data" / SESSION_SECRET_FILE).read_text().strip() == got[0]
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == [SESSION_SECRET_FILE]  # no temporary left


@pytest.mark.parametrize("weak", ["dev-only-change-me", "short", "x" * 31])
def test_weak_secret_is_refused(tmp_path: Path, weak: str) -> None:
    settings = Settings(data_dir=tmp_path, session_secret=weak, embedder="hashing", analyzer="simple")
    with pytest.raises(InputError, match="AURORA_SESSION_SECRET is too weak"):
        session_secret(settings)
    db = Database.from_settings(settings)
    rt = Runtime.create(settings, db=db)
    try:
        with pytest.raises(InputError):
            create_app(runtime=rt)  # the server does not start, not only the first request fails
    finally:
        rt.close()
    assert session_secret(settings.model_copy(update={"session_secret": "y" * 32})) == "y" * 32


def test_serve_refuses_a_weak_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auroranet.cli import app
    from auroranet.config import get_settings

    monkeypatch.setenv("AURORA_SESSION_SECRET", "dev-only-change-me")
    get_settings.cache_clear()
    try:
        r = CliRunner().invoke(app, ["serve", "--data-dir", str(tmp_path / "data"), "--port", "1"])
    finally:
        get_settings.cache_clear()
    assert r.exit_code != 0 and "AURORA_SESSION_SECRET is too weak" in r.output


def test_data_dir_and_sqlite_files_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        settings = Settings(data_dir=tmp_path / "data")
        db = Database.from_settings(settings)
        upgrade(db.engine)
        with db.session() as s:  # a write, so that the -wal and -shm files exist
            s.execute(text("CREATE TABLE t (x INTEGER)"))
            s.execute(text("INSERT INTO t VALUES (1)"))
        files = sorted((tmp_path / "data").glob("aurora.sqlite*"))
        assert {f.name for f in files} >= {"aurora.sqlite", "aurora.sqlite-wal", "aurora.sqlite-shm"}
        assert mode(tmp_path / "data") == 0o700  # before: 0755
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}  # before: 0644
        db.dispose()
        # a file an older version left readable is tightened on the next start
        os.chmod(tmp_path / "data" / "aurora.sqlite", 0o644)
        Database.from_settings(settings).dispose()
        assert mode(tmp_path / "data" / "aurora.sqlite") == 0o600
    finally:
        os.umask(old)


@pytest.fixture
def client(web_runtime: Runtime):
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False) as c:
        yield c


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_web_search_is_rate_limited_per_address(client: TestClient, web_runtime: Runtime, lang: str) -> None:
    web_runtime.limits.bucket = TokenBucket(2)
    page = client.get(f"/search?lang={lang}")
    codes = [client.get("/search", params={"q": "asunto"}).status_code
             for _ in range(2)]
    assert codes == [200, 200]
    r = client.get("/search", params={"q": "asunto"})
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1  # before: no limit at all
    assert MESSAGES["rate_limited"][lang] in r.text and f'lang="{lang}"' in r.text
    assert web_runtime.limits.engine_calls.active == 0


def test_web_results_share_the_engine_concurrency_limit(client: TestClient, web_runtime: Runtime) -> None:
    answer_all(client)
    limiter = web_runtime.limits.engine_calls
    taken = [limiter.try_acquire() for _ in range(limiter.limit)]  # the API's calls fill every slot
    assert all(taken)
    r = client.get("/results?lang=en")
    assert r.status_code == 503 and r.headers["retry-after"] == "1"
    assert MESSAGES["busy"]["en"] in r.text
    page = client.get("/search")
    assert client.get("/search", params={"q": "asunto"}).status_code == 503
    for _ in taken:
        limiter.release()
    assert client.get("/results").status_code == 200 and limiter.active == 0


def test_rate_limit_counts_the_forwarded_address_only_from_a_trusted_proxy(web_runtime: Runtime) -> None:
    web_runtime.settings = web_runtime.settings.model_copy(update={"trusted_proxies": "10.0.0.5"})
    web_runtime.limits.bucket = TokenBucket(1)
    for peer, expected in (("10.0.0.5", [200, 200, 429]), ("192.0.2.9", [200, 429, 429])):
        with TestClient(create_app(runtime=web_runtime), follow_redirects=False, client=(peer, 40000)) as c:
            html, codes = c.get("/search").text, []
            for forwarded_for in ("203.0.113.1", "203.0.113.2", "203.0.113.1"):
                r = c.get("/search", params={"q": "asunto"}, headers={"X-Forwarded-For": forwarded_for})
                html = r.text if r.status_code == 200 else html
                codes.append(r.status_code)
        # behind the trusted proxy each forwarded address has its own budget; an untrusted peer cannot pick
        # a fresh address per request
        assert codes == expected, peer


def test_models_are_warm_before_the_server_reports_ready(web_runtime: Runtime) -> None:
    """The lifespan builds the snapshot and runs the engine once before the first request is served."""
    web_runtime.settings = web_runtime.settings.model_copy(update={"web_warm_on_start": True})
    assert web_runtime.snapshots.version is None
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False):
        assert web_runtime.snapshots.version is not None and web_runtime.snapshots.rebuilds == 1


def test_the_served_app_collects_young_objects_less_often_and_restores_the_thresholds(web_runtime: Runtime) -> None:
    """While the app serves, the young generation's threshold is ``GC_YOUNG_THRESHOLD`` (the snapshot is
    frozen, the other two thresholds are Python's); at shutdown the process's own thresholds come back."""
    import gc

    from auroranet.app import GC_YOUNG_THRESHOLD

    before = gc.get_threshold()
    gc.set_threshold(701, 11, 12)
    try:
        with TestClient(create_app(runtime=web_runtime), follow_redirects=False):
            assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, 11, 12)  # freezing: tests/test_app_gc.py
        assert gc.get_threshold() == (701, 11, 12)
    finally:
        gc.set_threshold(*before)


def test_refreeze_leaves_the_heap_frozen_and_collects_what_the_frozen_heap_dropped() -> None:
    import gc
    import weakref

    from auroranet.app import refreeze

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # type: ignore[attr-defined]  # a reference cycle
    gc.freeze()
    try:
        gone = weakref.ref(a)
        del a, b  # garbage now, but only a collection of the frozen objects can free a cycle
        gc.collect()
        assert gone() is not None
        refreeze()
        assert gone() is None and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
