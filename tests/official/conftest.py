"""Official-data fixtures: the fake population and studies registers (devtools/official/fakes.py) as real
HTTP servers on 127.0.0.1, the real test identity provider, and an app configured for both."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.runtime import Runtime
from devtools.official.fakes import FakeApp, FakeServer, population_app, studies_app
from tests.idp import Idp, demo_database, idp, make_runtime, oidc_settings  # noqa: F401

TOKEN = "test-official-token"
PERSON_SCOPES = "openid profile aurora_person aurora_staff"


class Fakes:
    def __init__(self) -> None:
        self.population: FakeApp = population_app(TOKEN)
        self.studies: FakeApp = studies_app(TOKEN)
        self.pop_server = FakeServer(self.population)
        self.stu_server = FakeServer(self.studies)

    def reset(self) -> None:
        for app in (self.population, self.studies):
            app.mode, app.calls = "ok", 0


@pytest.fixture(scope="session")
def fake_servers() -> Iterator[Fakes]:
    f = Fakes()
    f.pop_server.start()
    f.stu_server.start()
    yield f
    f.pop_server.stop()
    f.stu_server.stop()


@pytest.fixture
def fakes(fake_servers: Fakes) -> Iterator[Fakes]:
    fake_servers.reset()
    yield fake_servers
    fake_servers.reset()


def official_settings(fakes: Fakes) -> dict[str, object]:
    return dict(official_population_url=fakes.pop_server.url, official_studies_url=fakes.stu_server.url,
                official_population_token=TOKEN, official_studies_token=TOKEN, official_timeout_seconds=1.0)


@pytest.fixture(params=["sqlite", "postgresql"])
def off_runtime(request: pytest.FixtureRequest, tmp_path: Path, idp: Idp, fakes: Fakes) -> Iterator[Runtime]:  # noqa: F811
    """The app's runtime on each storage backend (official records, consents and corrections are stored)."""
    for db in demo_database(request.param, tmp_path):
        rt = make_runtime(oidc_settings(tmp_path, idp, oidc_scopes=PERSON_SCOPES, **official_settings(fakes)), db)
        yield rt
        rt.close()  # before a PostgreSQL schema goes back to the pool


@pytest.fixture
def client(off_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=off_runtime), base_url="http://testserver", follow_redirects=False) as c:
        yield c
