"""The real OpenID Connect test provider (devtools/idp/server.mjs, npm oidc-provider) as a fixture.

    def test_x(idp: Idp): idp.issuer, idp.client_id, idp.client_secret

One provider per test session; each test's app uses its own issuer cache (``forget_discovery``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import httpx
import pytest

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
