"""The insights tests share the HSDS tests' module-scoped demo runtime (the snapshot build is the slow part);
``any_demo_runtime`` is the same on each storage backend, for the pages that write and read contributions,
releases and the privacy budget."""

from __future__ import annotations

import uuid
from typing import Iterator

import pytest

from auroranet.config import Settings
from auroranet.runtime import Runtime
from tests.conftest import make_database
from tests.hsds.conftest import demo_runtime  # noqa: F401


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def any_demo_runtime(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    if request.param == "sqlite":
        yield request.getfixturevalue("demo_runtime")
        return
    tmp = tmp_path_factory.mktemp("insights-pg")
    settings = Settings(data_dir=tmp / "data", embedder="hashing", analyzer="simple",
                        session_secret="test-secret-" + uuid.uuid4().hex, require_auth=False)
    for db in make_database("postgresql", tmp, demo=True):
        rt = Runtime.create(settings, db=db)
        yield rt
        rt.close()  # before the schema goes back to the pool
