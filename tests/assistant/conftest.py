"""Assistant fixtures: one Runtime on SQLite with the demo catalogue and the real engine (hashing
embedder) per module, and a helper that plays a conversation."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Iterator

import pytest

from auroranet.assistant import flows
from auroranet.config import Settings
from auroranet.db.core import Database, make_engine
from auroranet.db.migrate import upgrade
from auroranet.runtime import Runtime
from auroranet.usecases.demo import ensure_demo
from tests.conftest import make_database


def _settings(tmp: Path, **overrides: object) -> Settings:
    return Settings(data_dir=tmp / "data", embedder="hashing", analyzer="simple",
                    session_secret="test-secret-" + uuid.uuid4().hex, require_auth=False, **overrides)


def make_runtime(tmp: Path, **overrides: object) -> Runtime:
    db = Database(make_engine(f"sqlite:///{tmp / 'assistant.sqlite'}"))
    upgrade(db.engine)
    assert ensure_demo(db) is not None
    return Runtime.create(_settings(tmp, **overrides), db=db)


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    runtime = make_runtime(tmp_path_factory.mktemp("assistant"))
    yield runtime
    runtime.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def any_rt(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    """``rt`` on each storage backend (test ids contain sqlite or postgresql), for flows that store chats."""
    if request.param == "sqlite":
        yield request.getfixturevalue("rt")
        return
    yield from runtime_on("postgresql", tmp_path_factory.mktemp("assistant-pg"))


def runtime_on(backend: str, tmp: Path, **overrides: object) -> Iterator[Runtime]:
    """A Runtime with the demo catalogue on ``backend`` (PostgreSQL: a pooled schema holding the demo)."""
    if backend == "sqlite":
        runtime = make_runtime(tmp, **overrides)
        yield runtime
        runtime.close()
        return
    for db in make_database("postgresql", tmp, demo=True):
        runtime = Runtime.create(_settings(tmp, **overrides), db=db)
        yield runtime
        runtime.close()  # before the schema goes back to the pool


class Chat:
    """A conversation driven through the flow (the same one the API and the web panel call)."""

    def __init__(self, rt: Runtime, lang: str) -> None:
        self.rt = rt
        self.cid, self.first = flows.start(rt, lang)

    def say(self, text: str, share: list[str] | None = None) -> flows.Turn:
        turn = flows.message(self.rt, self.cid, text, base_url="http://127.0.0.1", share=share)
        assert turn is not None, "conversation vanished"
        return turn
