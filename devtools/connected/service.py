"""A demo connected service for `make demo`: it asks the person, through the network's OAuth2
authorization server, for their age and home municipality, and shows what it was given.

    python devtools/connected/service.py --port 9403 --aurora http://127.0.0.1:8000

On its first start it registers itself in the network's registry (the instance in AURORA_DATA_DIR) as a
client that may receive those attributes, with this server's /callback as its only redirect URI, and keeps
its credentials in <data dir>/demo_connected_service.json (0600). It is a test double of a municipality's
youth service, never part of a deployment: plain http on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import os
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

NAME = {"fi": "Demon nuorisopalvelu", "sv": "Demo ungdomstjänst", "en": "Demo youth service"}
SCOPES = ("age", "municipality_code")
MAX_PENDING = 100


@dataclass
class Demo:
    aurora: str  # the network's base URL
    redirect_uri: str
    data_dir: Path
    client_id: str = ""  # registered on first use (after the network has started and migrated its store)
    client_secret: str = ""
    pending: dict[str, str] = field(default_factory=dict)  # state -> PKCE verifier
    lock: threading.Lock = field(default_factory=threading.Lock)
    http: httpx.Client | None = None  # None: a client per exchange (tests pass one of their own)

    def start(self) -> str:
        """The authorization URL for a new request (state and S256 challenge, the verifier kept here)."""
        with self.lock:
            if not self.client_id:
                self.client_id, self.client_secret = registered(self.data_dir, self.redirect_uri)
        state, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        with self.lock:
            if len(self.pending) >= MAX_PENDING:
                self.pending.clear()
            self.pending[state] = verifier
        query = urlencode({"response_type": "code", "client_id": self.client_id, "redirect_uri": self.redirect_uri,
                           "scope": " ".join(SCOPES), "state": state, "code_challenge": challenge,
                           "code_challenge_method": "S256"})
        return f"{self.aurora}/oauth/authorize?{query}"

    def finish(self, state: str, code: str) -> dict[str, Any]:
        """Exchange the code (with the verifier of ``state``) and read the granted attributes."""
        with self.lock:
            verifier = self.pending.pop(state, None)
        if verifier is None:
            raise ValueError("unknown or used state")
        http = self.http or httpx.Client(timeout=10)
        try:
            token = http.post(f"{self.aurora}/oauth/token", auth=(self.client_id, self.client_secret),
                              data={"grant_type": "authorization_code", "code": code,
                                    "redirect_uri": self.redirect_uri, "code_verifier": verifier})
            token.raise_for_status()
            read = http.get(f"{self.aurora}/oauth/attributes",
                            headers={"Authorization": f"Bearer {token.json()['access_token']}"})
            read.raise_for_status()
        finally:
            if self.http is None:
                http.close()
        attributes: dict[str, Any] = read.json().get("attributes", {})
        return attributes


def _page(title: str, body: str) -> bytes:
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'></head>"
            f"<body><main><h1>{html.escape(title)}</h1>{body}</main></body></html>").encode()


def handler_for(demo: Demo) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: bytes, location: str | None = None) -> None:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            url = urlsplit(self.path)
            if url.path == "/":
                self._send(200, _page(NAME["en"], "<p>This demo service can fill in your age and home municipality "
                                                   "from your AuroraAI profile, if you allow it.</p>"
                                                   "<p><a href='/start'>Ask AuroraAI</a></p>"))
            elif url.path == "/start":
                self._send(303, b"", demo.start())
            elif url.path == "/callback":
                q = parse_qs(url.query)
                if "error" in q:
                    self._send(200, _page(NAME["en"], "<p>You did not share anything. Nothing was sent.</p>"))
                    return
                try:
                    got = demo.finish(q.get("state", [""])[0][:200], q.get("code", [""])[0][:500])
                except (ValueError, httpx.HTTPError) as exc:
                    self._send(400, _page(NAME["en"], f"<p>The answer could not be used: {html.escape(str(exc))}</p>"))
                    return
                items = "".join(f"<li>{html.escape(k)}: {html.escape(json.dumps(v))}</li>" for k, v in got.items())
                self._send(200, _page(NAME["en"], f"<p>AuroraAI gave this service:</p><ul>{items or '<li>nothing</li>'}</ul>"))
            else:
                self._send(404, _page("Not found", ""))

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


def registered(data_dir: Path, redirect_uri: str) -> tuple[str, str]:
    """This demo's client in the registry, registered on first use (credentials kept in the data dir)."""
    path = data_dir / "demo_connected_service.json"
    if path.exists():
        saved = json.loads(path.read_text())
        return str(saved["client_id"]), str(saved["client_secret"])
    from auroranet.config import get_settings
    from auroranet.db.core import Database, make_engine
    from auroranet.db.migrate import upgrade
    from auroranet.network.clients import add_client

    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    db = Database(make_engine(get_settings().effective_database_url))
    upgrade(db.engine)
    with db.session() as s:
        new = add_client(s, names=NAME, provider="Demo", receivable_attributes=list(SCOPES),
                         privacy_notice_url="https://example.org/privacy", oauth_redirect_uris=[redirect_uri])
        client_id, secret = new.info.id, new.secret
    db.dispose()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump({"client_id": client_id, "client_secret": secret}, f)
    return client_id, secret


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=9403)
    ap.add_argument("--aurora", default="http://127.0.0.1:8000")
    args = ap.parse_args()
    redirect = f"http://127.0.0.1:{args.port}/callback"
    from auroranet.config import get_settings

    demo = Demo(args.aurora.rstrip("/"), redirect, get_settings().data_dir)
    ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(demo)).serve_forever()


if __name__ == "__main__":
    main()
