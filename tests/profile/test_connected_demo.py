"""The demo connected service of `make demo` (devtools/connected/service.py): it registers itself once,
asks through the network's OAuth2 server with PKCE S256 and a state, and reads exactly what the person
shared; a forged or replayed state is refused."""

from __future__ import annotations

import importlib.util
import stat
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from auroranet.network.clients import add_client
from tests.profile.test_oauth import World, consent_page, decide, world  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]
DEMO_REDIRECT = "http://127.0.0.1:9403/callback"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("demo_connected", ROOT / "devtools" / "connected" / "service.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_registers_once_and_keeps_its_secret_private(tmp_path: Path) -> None:
    mod = _module()
    data = Path(tmp_path / "data")  # AURORA_DATA_DIR in tests (tests/conftest.py)
    first = mod.registered(data, DEMO_REDIRECT)
    assert mod.registered(data, DEMO_REDIRECT) == first  # the second start reuses the registration
    creds = data / "demo_connected_service.json"
    assert stat.S_IMODE(creds.stat().st_mode) == 0o600


def test_asks_with_pkce_and_reads_what_was_shared(world: World) -> None:  # noqa: F811
    mod = _module()
    w = world
    with w.rt.db.session() as s:
        svc = add_client(s, names=mod.NAME, receivable_attributes=list(mod.SCOPES), oauth_redirect_uris=[DEMO_REDIRECT])
    demo = mod.Demo("http://testserver", DEMO_REDIRECT, Path("unused"), client_id=svc.info.id,
                    client_secret=svc.secret, http=w.service)
    url = urlsplit(demo.start())
    q = parse_qs(url.query)
    assert q["code_challenge_method"] == ["S256"] and q["scope"] == ["age municipality_code"] and q["state"][0]
    path, page = consent_page(w, w.person.get(f"{url.path}?{url.query}", follow_redirects=False))
    back = urlsplit(decide(w, path, page, ["age"]).headers["location"])
    got = parse_qs(back.query)
    assert demo.finish(got["state"][0], got["code"][0]) == {"age": 34}  # only what was ticked
    with pytest.raises(ValueError):
        demo.finish(got["state"][0], got["code"][0])  # a state works once


@pytest.fixture
def served() -> Iterator[str]:
    mod = _module()
    demo = mod.Demo("http://127.0.0.1:8000", DEMO_REDIRECT, Path("unused"), client_id="c", client_secret="s")
    server = ThreadingHTTPServer(("127.0.0.1", 0), mod.handler_for(demo))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_its_pages(served: str) -> None:
    with httpx.Client(base_url=served) as http:
        assert http.get("/").status_code == 200
        start = http.get("/start")
        assert start.status_code == 303 and start.headers["location"].startswith("http://127.0.0.1:8000/oauth/authorize?")
        assert http.get("/callback", params={"state": "forged", "code": "x"}).status_code == 400
        declined = http.get("/callback", params={"error": "access_denied", "state": "x"})
        assert declined.status_code == 200 and "Nothing was sent" in declined.text
        assert http.get("/nope").status_code == 404
