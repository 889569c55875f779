"""A reference external assistant: a separate small process (standard library only) that takes a person
over from auroranet's built-in assistant and hands them back, over HTTP.

    python tests/assistant/reference_assistant.py PORT AURORA_URL CLIENT_ID CLIENT_SECRET

POST /handover          {lang, summary, session_token, return_url, return_token} -> {"url": ".../chat/<id>"}
                        reads the handed-over attributes once from auroranet (HTTP Basic as its client)
GET  /chat/<id>         what it knows about the person (the test looks)
POST /chat/<id>/done    {"summary"} -> hands the person back to the return address
"""

from __future__ import annotations

import base64
import json
import secrets
import sys
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PORT, AURORA, CLIENT_ID, SECRET = int(sys.argv[1]), sys.argv[2].rstrip("/"), sys.argv[3], sys.argv[4]
PEOPLE: dict[str, dict[str, Any]] = {}


def _call(url: str, body: dict[str, Any] | None = None, auth: bool = False) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    req.add_header("Content-Type", "application/json")
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        return e.code, None


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _json(self, status: int, body: Any) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _body(self) -> Any:
        n = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(n) or b"{}")

    def do_POST(self) -> None:  # noqa: N802
        if self.path == "/handover":
            body = self._body()
            attributes = None
            if body.get("session_token"):
                status, attributes = _call(
                    f"{AURORA}/service-recommender/v1/session_attributes?access_token={body['session_token']}",
                    auth=True)
                if status != 200:
                    attributes = {"read_status": status}
            pid = secrets.token_hex(8)
            PEOPLE[pid] = {"lang": body.get("lang"), "summary": body.get("summary"), "attributes": attributes,
                           "return_url": body.get("return_url"), "return_token": body.get("return_token")}
            self._json(200, {"url": f"http://127.0.0.1:{PORT}/chat/{pid}"})
        elif self.path.startswith("/chat/") and self.path.endswith("/done"):
            person = PEOPLE.get(self.path.split("/")[2])
            if person is None:
                self._json(404, {})
                return
            status, _ = _call(person["return_url"], {"return_token": person["return_token"],
                                                     "summary": self._body().get("summary", "")})
            self._json(200, {"returned": status})
        else:
            self._json(404, {})

    def do_GET(self) -> None:  # noqa: N802
        person = PEOPLE.get(self.path.split("/")[2]) if self.path.startswith("/chat/") else None
        if person is None:
            self._json(404, {})
            return
        self._json(200, {k: v for k, v in person.items() if k != "return_token"})


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
