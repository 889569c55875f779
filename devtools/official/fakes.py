"""Local fake official-data providers for the demo and the tests (never production): a population
register and a studies register speaking the contract of src/auroranet/official/clients.py, keyed by the
personal identity codes of the test provider's persons (devtools/idp/accounts.json: maija, matti, sanna).

    python devtools/official/fakes.py --population-port 9401 --studies-port 9402 [--token T]

In tests: ``with FakeServer(population_app(token="t")) as url: ...``; ``server.mode`` switches the
answers to "slow" (sleeps past any timeout), "malformed" (not JSON), "huge" (a body over the caps) or
"down" (HTTP 503).
"""

from __future__ import annotations

import argparse
import json
import socket
import threading
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

HERE = Path(__file__).resolve().parent
ACCOUNTS = HERE.parent / "idp" / "accounts.json"
STUDIES = HERE / "studies.json"

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def persons() -> dict[str, dict[str, Any]]:
    """Test persons by identity code (only persons with one)."""
    accounts = json.loads(ACCOUNTS.read_text(encoding="utf-8"))["accounts"]
    return {a["personal_identity_code"]: a for a in accounts if a.get("personal_identity_code")}


class FakeApp:
    """A tiny ASGI app: POST <path> with {"personal_identity_code"} → ``answer(person)`` or 404."""

    def __init__(self, path: str, answer: Callable[[dict[str, Any]], dict[str, Any] | None], token: str | None) -> None:
        self.path, self.answer, self.token = path, answer, token
        self.mode = "ok"
        self.calls = 0  # lookups received (tests check that no consent means no call)
        self.people = persons()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            msg = await receive()
            body += msg.get("body", b"")
            if not msg.get("more_body") or len(body) > 10_000:
                break
        if scope["method"] != "POST" or scope["path"] != self.path:
            return await _send(send, 404, {"error": "no such endpoint"})
        headers = dict(scope.get("headers") or [])
        if self.token and headers.get(b"authorization", b"").decode() != f"Bearer {self.token}":
            return await _send(send, 401, {"error": "unauthorized"})
        self.calls += 1
        if self.mode == "slow":
            import asyncio

            await asyncio.sleep(3)
        if self.mode == "down":
            return await _send(send, 503, {"error": "maintenance"})
        if self.mode == "malformed":
            return await _raw(send, 200, b"{\"birth_date\": \"1985-04-12\", oops")
        if self.mode == "huge":
            return await _raw(send, 200, b"{\"pad\": \"" + b"x" * 2_000_000 + b"\"}")
        try:
            code = str(json.loads(body or b"{}").get("personal_identity_code", ""))
        except (ValueError, AttributeError):
            return await _send(send, 400, {"error": "bad request"})
        person = self.people.get(code)
        answer = self.answer(person) if person is not None else None
        if answer is None:
            return await _send(send, 404, {"error": "person not found"})
        return await _send(send, 200, answer)


async def _raw(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _send(send: Send, status: int, data: dict[str, Any]) -> None:
    await _raw(send, status, json.dumps(data).encode())


def population_app(token: str | None = None) -> FakeApp:
    def answer(p: dict[str, Any]) -> dict[str, Any]:
        return {"birth_date": p["birthdate"], "home_municipality_code": p["home_municipality"]}

    return FakeApp("/v1/persons/lookup", answer, token)


def studies_app(token: str | None = None) -> FakeApp:
    rights = json.loads(STUDIES.read_text(encoding="utf-8"))["study_rights"]

    def answer(p: dict[str, Any]) -> dict[str, Any] | None:
        return rights.get(p["login"], {"has_study_right": False})  # type: ignore[no-any-return]

    return FakeApp("/v1/study-rights/lookup", answer, token)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class FakeServer:
    """An in-thread uvicorn server on 127.0.0.1 (a free port unless given); ``with`` yields its base URL."""

    def __init__(self, app: FakeApp, port: int | None = None) -> None:
        import uvicorn

        self.app, self.port = app, port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False, lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("fake server did not start")
            time.sleep(0.02)
        return self.url

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--population-port", type=int, default=9401)
    ap.add_argument("--studies-port", type=int, default=9402)
    ap.add_argument("--token", default=None, help="bearer token the fakes require (default: none)")
    args = ap.parse_args()
    servers = [FakeServer(population_app(args.token), args.population_port),
               FakeServer(studies_app(args.token), args.studies_port)]
    for srv in servers:
        srv.start()
    print(f"fake population register {servers[0].url}, fake studies register {servers[1].url} ready", flush=True)
    try:
        while all(s.thread.is_alive() for s in servers):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for srv in servers:
            srv.stop()


if __name__ == "__main__":
    main()
