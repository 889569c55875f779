"""One demo-catalogue runtime for the module (building the snapshot is the slow part; HSDS only reads)."""

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


@pytest.fixture(scope="module")
def demo_runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    tmp: Path = tmp_path_factory.mktemp("hsds")
    settings = Settings(data_dir=tmp / "data", embedder="hashing", analyzer="simple",
                        session_secret="test-secret-" + uuid.uuid4().hex, require_auth=False)
    db = Database(make_engine(f"sqlite:///{tmp / 'demo.sqlite'}"))
    upgrade(db.engine)
    assert ensure_demo(db) is not None
    rt = Runtime.create(settings, db=db)
    yield rt
    rt.close()
