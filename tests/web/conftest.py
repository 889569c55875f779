"""Web fixtures: a Runtime with the demo catalogue and the real engine (hashing embedder) on SQLite
(``web_runtime``) or on each backend (``any_web_runtime``), a registered receiving service, and an app."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest

from auroranet.config import Settings
from auroranet.db.core import Database, make_engine
from auroranet.db.migrate import upgrade
from auroranet.engine.contract import Hit, RecommendQuery, SearchQuery
from auroranet.engine.ports import Engine
from auroranet.runtime import Runtime
from auroranet.usecases.demo import ensure_demo
from auroranet.usecases.links import link_targets
from auroranet.usecases.records import records_for
from tests.conftest import make_database

# The answers the flow tests give: (question step -> value). Low values are needs.
PLAN_3X10D = {"health": 3, "resilience": 6, "housing": 2, "working_studying": 8, "family": 9, "friends": 7,
              "finance": 4, "improvement_of_strengths": 8, "self_esteem": 7, "life_satisfaction": 6}


@pytest.fixture(scope="session")
def _web_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with the demo loaded, made once; every web_runtime starts from a copy (the
    same state as migrating and loading again, without a second or two per test)."""
    path = tmp_path_factory.mktemp("web-template") / "web.sqlite"
    db = Database(make_engine(f"sqlite:///{path}"))
    upgrade(db.engine)
    assert ensure_demo(db) is not None
    db.dispose()
    return path


def web_runtime_on(backend: str, tmp_path: Path, template: Path) -> Iterator[Runtime]:
    """A web Runtime with the demo catalogue on ``backend``: SQLite from a copy of ``template``, PostgreSQL
    from a pooled schema holding the demo (tests/pgpool.py)."""
    settings = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple",
                        session_secret="test-secret-" + uuid.uuid4().hex, require_auth=False,
                        web_warm_on_start=False)  # the browser tests' server warms up (test_browser.base_url)
    if backend == "sqlite":
        shutil.copy2(template, tmp_path / "web.sqlite")
        runtime = Runtime.create(settings, db=Database(make_engine(f"sqlite:///{tmp_path / 'web.sqlite'}")))
        yield runtime
        runtime.close()
        return
    for db in make_database("postgresql", tmp_path, demo=True):
        runtime = Runtime.create(settings, db=db)
        yield runtime
        runtime.close()  # before the schema goes back to the pool


@pytest.fixture
def web_runtime(tmp_path: Path, _web_template: Path) -> Iterator[Runtime]:
    """SQLite only: for the page and browser tests that do not test storage."""
    yield from web_runtime_on("sqlite", tmp_path, _web_template)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_web_runtime(request: pytest.FixtureRequest, tmp_path: Path, _web_template: Path) -> Iterator[Runtime]:
    """The web Runtime on each storage backend (test ids contain sqlite or postgresql). A module whose pages
    write or read stored rows overrides ``web_runtime`` with this one."""
    yield from web_runtime_on(request.param, tmp_path, _web_template)


# The engine is asked to find nothing for this text (the hybrid engine nearly always finds something).
NOTHING_TEXT = "xyzzy plugh 040-1234567"


class FindsNothingFor:
    """The real engine, except that it finds nothing for NOTHING_TEXT."""

    def __init__(self, inner: Engine) -> None:
        self.inner = inner

    def search(self, q: SearchQuery) -> list[Hit]:
        return [] if q.text == NOTHING_TEXT else self.inner.search(q)

    def recommend(self, q: RecommendQuery) -> list[Hit]:
        return self.inner.recommend(q)

    def rerank(self, q: RecommendQuery | SearchQuery, hits: list[Hit], *, calling_service: str) -> list[Hit]:
        return self.inner.rerank(q, hits, calling_service=calling_service)


@pytest.fixture
def engine_finds_nothing(web_runtime: Runtime) -> None:
    web_runtime.engine = FindsNothingFor(web_runtime.engine)


def planned_meters() -> dict[str, float]:
    return {k: float(v) for k, v in PLAN_3X10D.items()}


def register_receiver(runtime: Runtime) -> tuple[str, str]:
    """Register a receiving service on the first web channel of the first recommended service.
    Returns (service_id, channel_id)."""
    hits = runtime.engine.recommend(RecommendQuery(meters=planned_meters(), lang="fi", limit=8))
    services, channels = records_for(runtime, [h.service_id for h in hits])
    for h in hits:
        for cid in services[h.service_id].channel_ids if h.service_id in services else []:
            if cid in channels and link_targets(channels[cid]):
                _insert_client(runtime, cid)
                runtime.receivers.invalidate()
                return h.service_id, cid
    raise AssertionError("no recommended service with a web channel")


RECEIVER_ORIGIN = "https://receiver.example"


def _insert_client(runtime: Runtime, channel_id: str) -> None:
    from auroranet.network.clients import add_client

    with runtime.db.session() as s:
        add_client(s, names={"fi": "Testipalvelu", "sv": "Testtjänst", "en": "Test service"},
                   provider={"fi": "Testiorganisaatio", "sv": "Testorganisation", "en": "Test organisation"},
                   channel_ids=[channel_id], receivable_attributes=["age", "municipality_code", "life_situation_meters"],
                   allowed_origins=[RECEIVER_ORIGIN])


def read_transferred(runtime: Runtime, token: str) -> dict[str, Any] | None:
    """What the receiving service gets for a token, read as that service (network service function)."""
    from auroranet.network.session_attributes import read_token

    result = read_token(runtime.db, token, reader=None, origin=RECEIVER_ORIGIN)
    return result.attributes if result.status == "ok" else None
