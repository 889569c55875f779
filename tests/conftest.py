"""Shared fixtures.

``db`` is parametrised over both storage backends: test ids contain ``sqlite`` or ``postgresql``, so
``pytest -k postgresql`` selects the PostgreSQL runs. PostgreSQL comes from AURORA_TEST_DATABASE_URL
(default: the local server) and every test gets a schema of its own, reset to the freshly migrated
state (tests/pgpool.py). In CI (CI=true) an unreachable
PostgreSQL fails the run instead of skipping.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import text

from auroranet.config import Settings, normalise_db_url
from auroranet.db.core import Database, make_engine
from auroranet.db.migrate import upgrade
from tests.pgpool import SchemaPool

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = (ROOT.parent / "shared" / "data").resolve()
PG_URL = normalise_db_url(os.environ.get("AURORA_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _pg_available() -> str | None:
    try:
        eng = make_engine(PG_URL, pool_size=1)
        with eng.connect() as c:
            c.execute(text("select 1"))
        eng.dispose()
        return None
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"


_PG_ERROR: str | None | bool = False


def pg_or_skip() -> None:
    global _PG_ERROR
    if _PG_ERROR is False:
        _PG_ERROR = _pg_available()
    if _PG_ERROR:
        msg = f"PostgreSQL at {PG_URL} is not reachable: {_PG_ERROR}"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """CLI commands run in-process (CliRunner) install a JSON handler on the captured stream; put the root
    logger back so later tests and background threads never write to a closed stream."""
    import logging

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


# The server's warm-up (a recommendation and a search before "ready") is off in tests unless a test turns it
# on (tests/web/test_browser.py, test_serving.py): it would spend seconds per app and run the engine fakes
# before the test arms them. Set here for module-scoped fixtures, and again per test below.
WARM_OFF = os.environ.setdefault("AURORA_WEB_WARM_ON_START", "false")
# Nor does an app collect and freeze the whole process heap at start-up (config.gc_freeze_on_start): in a
# test process that heap is pytest's, and a full collection of it cost 0.4–0.6 s per app started.
GC_FREEZE_OFF = os.environ.setdefault("AURORA_GC_FREEZE_ON_START", "false")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's AURORA_* variables or talks to a proxy."""
    for key in list(os.environ):
        if key.startswith("AURORA_") and key != "AURORA_TEST_DATABASE_URL":
            monkeypatch.delenv(key, raising=False)
        if key.lower() in ("http_proxy", "https_proxy", "all_proxy"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AURORA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("AURORA_WEB_WARM_ON_START", "false")  # see WARM_OFF above
    monkeypatch.setenv("AURORA_GC_FREEZE_ON_START", "false")  # see GC_FREEZE_OFF above
    from auroranet.config import get_settings

    get_settings.cache_clear()


_SQLITE_TEMPLATE: dict[str, Path] = {}


def _migrated_sqlite_template(tmp_path: Path) -> Path:
    """A freshly migrated SQLite file, made once per test session; tests start from copies of it."""
    if "path" not in _SQLITE_TEMPLATE or not _SQLITE_TEMPLATE["path"].exists():
        folder = tmp_path.parent / "sqlite-template"  # this session's pytest-N folder
        folder.mkdir(exist_ok=True)
        path = folder / "migrated.sqlite"
        if path.exists():
            path.unlink()
        db = Database(make_engine(f"sqlite:///{path}"))
        upgrade(db.engine)
        db.dispose()
        _SQLITE_TEMPLATE["path"] = path
    return _SQLITE_TEMPLATE["path"]


PG_POOL = SchemaPool(PG_URL)


def make_database(backend: str, tmp_path: Path, demo: bool = False) -> Iterator[Database]:
    """A migrated database (``demo``: with the demo catalogue loaded, PostgreSQL only) for one test."""
    if backend == "sqlite":
        assert not demo, "SQLite demo runtimes copy their own demo template"
        shutil.copy2(_migrated_sqlite_template(tmp_path), tmp_path / "test.sqlite")
        db = Database(make_engine(f"sqlite:///{tmp_path / 'test.sqlite'}"))
        yield db
        db.dispose()
        return
    pg_or_skip()
    from auroranet.usecases.demo import ensure_demo

    db, schema = PG_POOL.checkout("demo", ensure_demo) if demo else PG_POOL.checkout()
    try:
        yield db
    finally:
        PG_POOL.give_back(db, schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    yield from make_database(request.param, tmp_path)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    yield from make_database("sqlite", tmp_path)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple")


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        msg = f"shared data not found at {SHARED_DATA}"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return SHARED_DATA
