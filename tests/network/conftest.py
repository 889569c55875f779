"""Fixtures for the network API: the demo catalogue on SQLite (built once, copied per test) or PostgreSQL,
a fast fake engine (the real one is exercised in test_engine_real.py), registered clients."""

from __future__ import annotations

import base64
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest
from fastapi.testclient import TestClient

from auroranet.catalogue import service as catalogue
from auroranet.config import Settings
from auroranet.db.core import Database
from auroranet.errors import InputError
from auroranet.network import clients
from auroranet.runtime import Runtime
from auroranet.engine.contract import Explanation, Hit, RecommendQuery, SearchQuery
from tests.conftest import make_database

BASE_URL = "https://aurora.test"


def settings_for(data_dir: Path, **kw: Any) -> Settings:
    return Settings(data_dir=data_dir, embedder="hashing", analyzer="simple", public_base_url=BASE_URL, **kw)


@pytest.fixture(autouse=True)
def _cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower scrypt cost in tests (the cost is encoded in each hash, so verification still checks it)."""
    monkeypatch.setattr(clients, "SCRYPT_N", 2**10)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from auroranet.usecases.demo import ensure_demo
    from auroranet.db.migrate import upgrade

    d = tmp_path_factory.mktemp("demo")
    rt = Runtime.create(settings_for(d))
    upgrade(rt.db.engine)
    ensure_demo(rt.db)
    rt.close()
    return d / "aurora.sqlite"


class FakeEngine:
    """Deterministic stand-in for the engine (``engine.ports.Engine``): services in id order, words
    matched in fi names; rerank reverses. Records still come from the runtime's real snapshot."""

    def __init__(self, db: Database) -> None:
        with db.session() as s:
            self.services = catalogue.list_services(s)
        self.calls = 0
        self.fail_with: BaseException | None = None
        self.rerank_calls: list[str] = []

    def _hits(self, services: list[Any], limit: int, offset: int = 0, need: str | None = None) -> list[Hit]:
        out = []
        for i, svc in enumerate(services[offset:offset + limit]):
            out.append(Hit(service_id=svc.id, score=round(1.0 - i * 0.05, 3), rank=i + 1, need=need,
                           explanation=Explanation(needs=[(need, 3.0)] if need else [],
                                                   sources={"bm25": 1.5, "dense": 0.5 - i * 0.01})))
        return out

    def _filter(self, filters: Any) -> list[Any]:
        out = self.services
        if filters.only_national_services:
            out = [s for s in out if s.is_national]
        if filters.municipality_codes:
            out = [s for s in out if (filters.include_national_services and s.is_national)
                   or set(s.municipality_codes) & set(filters.municipality_codes)]
        return out

    def search(self, q: SearchQuery) -> list[Hit]:
        self.calls += 1
        if self.fail_with is not None:
            raise self.fail_with
        if q.text.strip().startswith("nothing-matches-this"):
            return []
        words = [w for w in q.text.lower().split() if len(w) > 2]
        found = [s for s in self._filter(q.filters) if any(w in (s.names.get("fi") or "").lower() for w in words)]
        return self._hits(found or self._filter(q.filters), q.limit, q.offset)

    def recommend(self, q: RecommendQuery) -> list[Hit]:
        self.calls += 1
        if self.fail_with is not None:
            raise self.fail_with
        if not q.meters:
            raise InputError("no meters")
        need = min(q.meters, key=lambda k: q.meters[k])
        return self._hits(self._filter(q.filters), q.limit, need=need)


    def rerank(self, q: RecommendQuery | SearchQuery, hits: list[Hit], *, calling_service: str) -> list[Hit]:
        self.rerank_calls.append(calling_service)
        return list(reversed(hits))


def fake_runtime(settings: Settings, db: Database | None = None) -> Runtime:
    """A Runtime whose engine is a FakeEngine over the store's services."""
    rt = Runtime.create(settings, db=db)
    rt.engine = FakeEngine(rt.db)
    return rt


def runtime_like(rt: Runtime, **settings: Any) -> Runtime:
    """Another Runtime with changed settings over the same store and the same engine object (so the
    fake and its counters are shared). Do not close it: it shares ``rt.db``."""
    return Runtime.create(settings_for(rt.settings.data_dir, **settings), db=rt.db, engine=rt.engine)


def fake_of(rt: Runtime) -> FakeEngine:
    assert isinstance(rt.engine, FakeEngine)
    return rt.engine


@pytest.fixture
def rt(demo_template: Path, tmp_path: Path) -> Iterator[Runtime]:
    data = tmp_path / "rt"
    data.mkdir()
    shutil.copy(demo_template, data / "aurora.sqlite")
    runtime = fake_runtime(settings_for(data))
    yield runtime
    runtime.close()


@pytest.fixture
def pg_rt(tmp_path: Path) -> Iterator[Runtime]:
    """The demo catalogue on a fresh PostgreSQL schema (skips when PostgreSQL is unreachable)."""
    for db in make_database("postgresql", tmp_path, demo=True):
        runtime = fake_runtime(settings_for(tmp_path / "pg"), db)
        yield runtime


@pytest.fixture(params=["sqlite", "postgresql"])
def any_rt(request: pytest.FixtureRequest) -> Runtime:
    return request.getfixturevalue("rt" if request.param == "sqlite" else "pg_rt")  # type: ignore[no-any-return]


def make_client(runtime: Runtime, peer: str = "testclient") -> TestClient:
    """A test client for an app over ``runtime``; ``peer`` is the caller's address (e.g. "127.0.0.1")."""
    from auroranet.app import create_app

    return TestClient(create_app(runtime=runtime), follow_redirects=False, client=(peer, 50000))


@pytest.fixture
def http(rt: Runtime) -> Iterator[TestClient]:
    with make_client(rt) as c:
        yield c


@dataclass
class Creds:
    id: str
    secret: str
    channel_ids: list[str]

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": "Basic " + base64.b64encode(f"{self.id}:{self.secret}".encode()).decode()}


def find_channels(runtime: Runtime, kind: str = "EChannel", n: int = 2) -> list[tuple[str, str]]:
    """(service_id, channel_id) pairs of non-archived channels with a fi web page."""
    out = []
    with runtime.db.session() as s:
        services = catalogue.list_services(s)
        chans = catalogue.get_channels(s, [c for svc in services for c in svc.channel_ids])
        for svc in services:
            for cid in svc.channel_ids:
                ch = chans.get(cid)
                if ch and ch.type == kind and any(p.language == "fi" and p.url for p in ch.web_pages):
                    out.append((svc.id, cid))
                    if len(out) >= n:
                        return out
    return out


def register(runtime: Runtime, name: str = "Chatbot", *, channels: list[str] | None = None,
             receives: list[str] | None = None, origins: list[str] | None = None) -> Creds:
    with runtime.db.session() as s:
        new = clients.add_client(s, names={"fi": name, "sv": name, "en": name}, provider={"fi": "Testi Oy"},
                                 channel_ids=channels or [], receivable_attributes=receives or [],
                                 allowed_origins=origins or [])
    return Creds(new.info.id, new.secret, list(new.info.channel_ids))


@pytest.fixture
def caller(rt: Runtime) -> Creds:
    return register(rt, "Kutsuva palvelu")


def signed(runtime: Runtime, params: dict[str, Any]) -> dict[str, Any]:
    """``params`` of a tracking link with ``sig`` made for them (as the server would): for tests that need
    a validly signed link to something that does not exist."""
    from auroranet.usecases.links import link_signature, tracking_key

    sig = link_signature(tracking_key(runtime), service_id=str(params["service_id"]),
                         channel_id=str(params["service_channel_id"]), link_id=int(params["link_id"]),
                         recommendation_id=int(params["recommendation_id"]))
    return {**params, "sig": sig}
