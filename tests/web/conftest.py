"""Web fixtures: a Runtime on SQLite with the demo catalogue (or a tiny invented one while the demo is not
there yet), the real engine when installed (else a stand-in), a registered receiving service, and an app."""

from __future__ import annotations

import importlib.util
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest

from auroranet.config import Settings
from auroranet.db.core import Database, make_engine
from auroranet.db.migrate import upgrade
from auroranet.runtime import Runtime
from auroranet.web import service as web
from tests.web.fixture_catalogue import fake_recommend, fake_search, load_fixture_catalogue

# The answers the flow tests give: (question step -> value). Low values are needs.
PLAN_3X10D = {"health": 3, "resilience": 6, "housing": 2, "working_studying": 8, "family": 9, "friends": 7,
              "finance": 4, "improvement_of_strengths": 8, "self_esteem": 7, "life_satisfaction": 6}


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _load_catalogue(runtime: Runtime) -> str:
    try:
        from auroranet.usecases.demo import ensure_demo

        if ensure_demo(runtime.db) is not None:
            return "demo"
    except (ModuleNotFoundError, FileNotFoundError, ImportError):
        pass
    load_fixture_catalogue(runtime.db)
    return "fixture"


@pytest.fixture
def web_runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    settings = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple",
                        session_secret="test-secret-" + uuid.uuid4().hex, require_auth=False)
    db = Database(make_engine(f"sqlite:///{tmp_path / 'web.sqlite'}"))
    upgrade(db.engine)
    runtime = Runtime(settings, db)
    mode = _load_catalogue(runtime)
    if mode == "fixture" or not _has("auroranet.recommend.service"):
        monkeypatch.setattr(web, "run_recommend", fake_recommend)
    if mode == "fixture" or not _has("auroranet.search.service"):
        monkeypatch.setattr(web, "run_search", fake_search)
    yield runtime
    runtime.close()


# The engine is asked to find nothing for this text (the hybrid engine nearly always finds something).
NOTHING_TEXT = "xyzzy plugh 040-1234567"


@pytest.fixture
def engine_finds_nothing(web_runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    real = web.run_search

    def search(runtime: Any, query: Any) -> Any:
        return [] if query.text == NOTHING_TEXT else real(runtime, query)

    monkeypatch.setattr(web, "run_search", search)


def planned_meters() -> dict[str, float]:
    return {k: float(v) for k, v in PLAN_3X10D.items()}


def register_receiver(runtime: Runtime) -> tuple[str, str]:
    """Register a receiving service on the first web channel of the first recommended service.
    Returns (service_id, channel_id)."""
    from auroranet.catalogue import service as catalogue
    from auroranet.engine.contract import RecommendQuery

    hits = web.run_recommend(runtime, RecommendQuery(meters=planned_meters(), lang="fi", limit=8))
    with runtime.db.session() as s:
        services, channels = web.load_services(s, [h.service_id for h in hits])
        for h in hits:
            for cid in services[h.service_id].channel_ids if h.service_id in services else []:
                if cid in channels and web.channel_pages(channels[cid]):
                    _insert_client(runtime, cid)
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
