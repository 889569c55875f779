"""One demo runtime for the whole package (building the engine snapshot is the slow part)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Iterator

import pytest

from auroranet.config import Settings
from auroranet.db.core import Database, make_engine
from auroranet.db.migrate import upgrade
from auroranet.runtime import Runtime
from auroranet.usecases.demo import ensure_demo


def demo_runtime(d: Path) -> Runtime:
    """The demo catalogue on SQLite with the real engine (hashing embedder), snapshot built."""
    settings = Settings(data_dir=d / "data", embedder="hashing", analyzer="simple",
                        session_secret="test-secret-" + uuid.uuid4().hex, require_auth=False)
    db = Database(make_engine(f"sqlite:///{d / 'web.sqlite'}"))
    upgrade(db.engine)
    assert ensure_demo(db) is not None
    rt = Runtime.create(settings, db=db)
    rt.snapshot()
    return rt


@pytest.fixture(scope="package")
def web_runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    rt = demo_runtime(tmp_path_factory.mktemp("lifeevents"))
    yield rt
    rt.close()
