"""The real OpenID Connect test provider (devtools/idp/server.mjs, npm oidc-provider) as a fixture, an
app configured for it, and a helper that walks the provider's login and consent pages with plain HTTP,
as a browser would.

    def test_x(client: TestClient, idp: Idp):
        provider_login(client, "/login?next=/profile", "maija")

One provider per test session; each test's app starts with an empty discovery cache.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.config import Settings
from auroranet.db.core import Database, make_engine
from auroranet.db.migrate import upgrade
from auroranet.identity.oidc import forget_discovery
from auroranet.runtime import Runtime
from auroranet.usecases.demo import ensure_demo
from tests.conftest import make_database

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "devtools" / "idp" / "server.mjs"
CLIENT_ID = "aurora-web"
CLIENT_SECRET = "test-provider-secret-" + "x" * 16


@dataclass(frozen=True)
class Idp:
    issuer: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def idp() -> Iterator[Idp]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").exists():
        pytest.skip("node or node_modules/oidc-provider missing (make install)")
    port = free_port()
    proc = subprocess.Popen([node, str(SERVER), "--port", str(port), "--client-id", CLIENT_ID,
                             "--client-secret", CLIENT_SECRET], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the test identity provider did not start")
            time.sleep(0.1)
        yield Idp(issuer)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


def oidc_settings(tmp_path: Path, idp: Idp, **extra: object) -> Settings:
    extra.setdefault("oidc_acr_values", "http://ftn.ficora.fi/2017/loa3")
    extra.setdefault("public_base_url", "http://testserver")
    extra.setdefault("oidc_scopes", "openid profile aurora_staff")
    return Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple", require_auth=False,
                    session_secret="test-secret-" + uuid.uuid4().hex,
                    oidc_issuer=idp.issuer, oidc_client_id=idp.client_id, oidc_client_secret=idp.client_secret,
                    jobs_enabled=False, **extra)  # type: ignore[arg-type]


def make_runtime(settings: Settings, db: Database) -> Runtime:
    forget_discovery()
    return Runtime.create(settings, db=db)


def demo_database(backend: str, tmp_path: Path) -> Iterator[Database]:
    """The demo catalogue on ``backend``: a migrated SQLite file loaded here, or a pooled PostgreSQL schema."""
    if backend == "postgresql":
        yield from make_database("postgresql", tmp_path, demo=True)
        return
    db = Database(make_engine(f"sqlite:///{tmp_path / 'id.sqlite'}"))
    upgrade(db.engine)
    assert ensure_demo(db) is not None
    yield db
    db.dispose()


@pytest.fixture
def id_runtime(tmp_path: Path, idp: Idp) -> Iterator[Runtime]:
    for db in demo_database("sqlite", tmp_path):
        rt = make_runtime(oidc_settings(tmp_path, idp), db)
        yield rt
        rt.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_id_runtime(request: pytest.FixtureRequest, tmp_path: Path, idp: Idp) -> Iterator[Runtime]:
    """``id_runtime`` on each storage backend (test ids contain sqlite or postgresql)."""
    for db in demo_database(request.param, tmp_path):
        rt = make_runtime(oidc_settings(tmp_path, idp), db)
        yield rt
        rt.close()  # before a PostgreSQL schema goes back to the pool


@pytest.fixture
def client(id_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=id_runtime), base_url="http://testserver", follow_redirects=False) as c:
        yield c


def provider_login(client: TestClient, login_url: str, account: str, *, consent: bool = True) -> httpx.Response:
    """From the app's /login redirect through the provider's pages back to the app's callback (not followed).
    Returns the app's answer to the callback."""
    r = client.get(login_url, follow_redirects=False)
    assert r.status_code == 303, r.text
    url = r.headers["location"]
    idp_http = httpx.Client(follow_redirects=False, timeout=10)
    try:
        for _ in range(12):
            if url.startswith("http://testserver"):
                return client.get(url, follow_redirects=False)
            resp = idp_http.get(url)
            if resp.status_code in (302, 303):
                url = urljoin(url, resp.headers["location"])
                continue
            assert resp.status_code == 200, resp.text
            action = re.search(r'<form method="post" action="([^"]+/(login|confirm))"', resp.text)
            assert action, resp.text
            data = {"login": account} if action.group(2) == "login" else {}
            if action.group(2) == "confirm" and not consent:
                abort = re.search(r'action="([^"]+/abort)"', resp.text)
                assert abort
                resp = idp_http.post(urljoin(url, abort.group(1)))
            else:
                resp = idp_http.post(urljoin(url, action.group(1)), data=data)
            assert resp.status_code in (302, 303), resp.text
            url = urljoin(url, resp.headers["location"])
        raise AssertionError("too many redirects")
    finally:
        idp_http.close()


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
