"""A fake PTV Open API v11, built at test time from the real sample records in shared data.

    fake = FakePtv.from_samples(shared_data, services=250, channels=120, page_size=40)
    client = PtvClient("http://ptv.test", transport=fake.transport(), backoff=0)

It serves the paged id listings (``date`` and ``status`` filters), ``/list?guids=`` detail lists, the
municipality listing, and records every request in ``fake.requests``. Failures are injected with
``fake.fail(...)``: a 500 (once or always), a timeout, or a wrong id set. ``fake.asgi()`` serves the same
data over a real socket (uvicorn in a thread) for the CLI test.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qsl

import httpx

SAMPLES = "catalogue/ptv_api_v11"
BASE_TIME = datetime(2024, 1, 1, 12, 0, 0)


def _load_samples(shared_data: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    d = shared_data / SAMPLES
    services = list(json.loads((d / "service_sample.json").read_text("utf-8")).values())
    services.append(json.loads((d / "service_etalukio.json").read_text("utf-8")))
    channel = json.loads((d / "service_channel_otava.json").read_text("utf-8"))
    return services, channel


def _clone(obj: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(obj))  # much faster than copy.deepcopy for plain JSON


def fake_id(kind: str, i: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fake-ptv:{kind}:{i}"))


def _name_of(obj: dict[str, Any]) -> str | None:
    for n in obj.get("serviceNames") or obj.get("serviceChannelNames") or []:
        if n.get("type") == "Name" and n.get("language") == "fi":
            return n.get("value")
    return None


def _set_name(obj: dict[str, Any], key: str, value: str) -> None:
    for n in obj.get(key) or []:
        if n.get("type") == "Name":
            n["value"] = value


@dataclass
class Failure:
    match: Callable[[str, dict[str, str]], bool]
    kind: str  # "500", "timeout", "wrong_ids"
    times: int | None = 1  # None = always


@dataclass
class FakePtv:
    services: dict[str, dict[str, Any]] = field(default_factory=dict)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    page_size: int = 50
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    # -- building ----------------------------------------------------------------------------------

    @classmethod
    def from_samples(cls, shared_data: Path, *, services: int = 10, channels: int = 5,
                     page_size: int = 50) -> "FakePtv":
        """Clones of the real records with new ids, names and modification times."""
        svc_samples, ch_sample = _load_samples(shared_data)
        fake = cls(page_size=page_size)
        ch_ids = [fake_id("channel", j) for j in range(channels)]
        for j, cid in enumerate(ch_ids):
            ch = _clone(ch_sample)
            ch["id"] = cid
            _set_name(ch, "serviceChannelNames", f"{_name_of(ch_sample)} {j}")
            ch["modified"] = (BASE_TIME + timedelta(minutes=j)).isoformat()
            fake.channels[cid] = ch
        for i in range(services):
            s = _clone(svc_samples[i % len(svc_samples)])
            s["id"] = fake_id("service", i)
            _set_name(s, "serviceNames", f"{_name_of(s)} {i}")
            s["modified"] = (BASE_TIME + timedelta(minutes=i)).isoformat()
            refs = [ch_ids[(i + k) % len(ch_ids)] for k in range(min(2, len(ch_ids)))]
            s["serviceChannels"] = [{"serviceChannel": {"id": c, "name": "x"}} for c in refs]
            fake.services[s["id"]] = s
        return fake

    def touch(self, kind: str, ident: str, when: datetime, **changes: Any) -> None:
        """Change an item as PTV would: new content and a new ``modified``."""
        obj = (self.services if kind == "Service" else self.channels)[ident]
        obj.update(changes)
        obj["modified"] = when.isoformat()

    def fail(self, match: Callable[[str, dict[str, str]], bool], kind: str = "500", times: int | None = 1) -> None:
        self.failures.append(Failure(match, kind, times))

    # -- serving -----------------------------------------------------------------------------------

    def respond(self, path: str, params: dict[str, str]) -> tuple[int, Any]:
        self.requests.append((path, dict(params)))
        for f in self.failures:
            if (f.times is None or f.times > 0) and f.match(path, params):
                if f.times is not None:
                    f.times -= 1
                if f.kind == "500":
                    return 500, {"error": "injected"}
                if f.kind == "timeout":
                    raise httpx.ReadTimeout("injected timeout")
                if f.kind == "wrong_ids":
                    status, body = self._route(path, params)
                    return status, body[:-1] if isinstance(body, list) and body else body
        return self._route(path, params)

    def _route(self, path: str, params: dict[str, str]) -> tuple[int, Any]:
        path = path.rstrip("/")
        if path in ("/api/v11/Service", "/api/v11/ServiceChannel"):
            store = self.services if path.endswith("Service") else self.channels
            return 200, self._page(self._filtered(store, params), params)
        if path in ("/api/v11/Service/list", "/api/v11/ServiceChannel/list"):
            store = self.services if "/Service/" in path else self.channels
            guids = [g for g in params.get("guids", "").split(",") if g]
            if len(guids) > 99:
                return 400, {"error": "too many guids"}
            return 200, [store[g] for g in guids if g in store]  # serialised by the caller
        prefix = "/api/v11/Service/list/area/Municipality/code/"
        if path.startswith(prefix):
            code = path[len(prefix):]
            items = [s for s in self._filtered(self.services, params)
                     if any(m.get("code") == code for a in s.get("areas") or [] for m in a.get("municipalities") or [])]
            return 200, self._page(items, params)
        return 404, {"error": "not found"}

    def _filtered(self, store: dict[str, dict[str, Any]], params: dict[str, str]) -> list[dict[str, Any]]:
        status = params.get("status", "Published")
        since = datetime.fromisoformat(params["date"]) if "date" in params else None
        return [o for o in store.values()
                if (o.get("publishingStatus") or "Published") == status
                and (since is None or datetime.fromisoformat(o["modified"]) >= since)]

    def _page(self, items: list[dict[str, Any]], params: dict[str, str]) -> dict[str, Any]:
        page = int(params.get("page", "1"))
        count = (len(items) + self.page_size - 1) // self.page_size
        chunk = items[(page - 1) * self.page_size : page * self.page_size]
        return {"pageNumber": page, "pageSize": self.page_size, "pageCount": count,
                "itemList": [{"id": o["id"], "name": _name_of(o)} for o in chunk]}

    def transport(self) -> httpx.MockTransport:
        def handler(request: httpx.Request) -> httpx.Response:
            status, body = self.respond(request.url.path, dict(parse_qsl(request.url.query.decode())))
            return httpx.Response(status, json=body)

        return httpx.MockTransport(handler)

    def asgi(self) -> Any:
        async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                return
            params = dict(parse_qsl(scope.get("query_string", b"").decode()))
            status, body = self.respond(scope["path"], params)
            payload = json.dumps(body).encode()
            await send({"type": "http.response.start", "status": status,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": payload})

        return app

    def detail_calls(self, kind: str) -> list[list[str]]:
        return [p["guids"].split(",") for path, p in self.requests if path == f"/api/v11/{kind}/list"]
