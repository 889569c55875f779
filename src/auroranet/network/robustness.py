"""Limits and observation: per-client token-bucket rate limits, a concurrency limit for the engine calls
that never leaks a slot, a request-size limit, the refusal of bad text (``auroranet.badtext``) in the
address, urlencoded forms and JSON bodies, one JSON log line per request (no query strings, no bodies)
and Prometheus metrics on a per-app registry.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterator, TypeVar

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.requests import Request

from auroranet.badtext import BadText, check_encoded, check_json, refused
from auroranet.logs import AccessRecord

log = logging.getLogger("auroranet.access")

T = TypeVar("T")
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class TokenBucket:
    """``rate_per_minute`` requests a minute per key, bursts up to the same number. ``take`` and ``peek``
    may name another rate for one key (a client registered with its own limit)."""

    def __init__(self, rate_per_minute: int) -> None:
        self.default_rate = rate_per_minute
        self._buckets: dict[str, tuple[float, float, int]] = {}  # key -> (tokens, last refill, rate)
        self._lock = threading.Lock()

    def _tokens(self, key: str, per_minute: int, now: float) -> float:
        tokens, last, rate = self._buckets.get(key, (float(per_minute), now, per_minute))
        if per_minute > rate:  # a raised limit applies at once: the extra burst capacity is there now
            tokens += per_minute - rate
        return min(float(per_minute), tokens + (now - last) * per_minute / 60.0)

    def take(self, key: str, rate_per_minute: int | None = None) -> float:
        """0.0 when allowed, else the seconds to wait."""
        per_minute = rate_per_minute or self.default_rate
        now = time.monotonic()
        with self._lock:
            tokens = self._tokens(key, per_minute, now)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now, per_minute)
                if len(self._buckets) > 100_000:
                    self._buckets.clear()
                return 0.0
            self._buckets[key] = (tokens, now, per_minute)
            return (1.0 - tokens) * 60.0 / per_minute

    def peek(self, key: str, rate_per_minute: int | None = None) -> float:
        """What ``take`` would answer, without taking anything."""
        per_minute = rate_per_minute or self.default_rate
        with self._lock:
            tokens = self._tokens(key, per_minute, time.monotonic())
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) * 60.0 / per_minute


class ConcurrencyLimiter:
    """At most ``limit`` engine calls at once. The check and the increment happen under one lock, and
    ``slot()`` releases in ``finally``, so an exception never leaks capacity (both were bugs in v1).
    ``run`` executes an admitted call on this process's ``threads`` engine threads (the calls beyond them
    wait their turn while holding their slot)."""

    def __init__(self, limit: int, threads: int = 1) -> None:
        self.limit = limit
        self.active = 0
        self._lock = threading.Lock()
        self._threads = threads
        self._executor: ThreadPoolExecutor | None = None

    async def run(self, call: Callable[[], T]) -> T:
        """``call()`` on an engine thread, with the caller's context variables (as ``run_in_threadpool``)."""
        if self._executor is None:
            with self._lock:
                if self._executor is None:
                    self._executor = ThreadPoolExecutor(self._threads, thread_name_prefix="engine")
        ctx = contextvars.copy_context()
        return await asyncio.get_running_loop().run_in_executor(self._executor, functools.partial(ctx.run, call))

    def try_acquire(self) -> bool:
        with self._lock:
            if self.active >= self.limit:
                return False
            self.active += 1
            return True

    def release(self) -> None:
        with self._lock:
            self.active = max(0, self.active - 1)

    @contextmanager
    def slot(self) -> Iterator[bool]:
        """``with limiter.slot() as ok:``: ``ok`` is False when every slot is taken; a slot that was taken is
        released when the block ends, however it ends."""
        acquired = self.try_acquire()
        try:
            yield acquired
        finally:
            if acquired:
                self.release()


class Metrics:
    """This process's HTTP and limit metrics plus the store-wide collectors (jobs, snapshot).

    With ``multiprocess_dir`` (``aurora serve --workers N`` sets it, and ``PROMETHEUS_MULTIPROC_DIR`` for
    prometheus_client, before the workers start) every worker writes its counters to files there and
    a scrape of any worker adds up all of them, so ``/metrics`` counts the whole server."""

    def __init__(self, multiprocess_dir: Path | None = None) -> None:
        self.multiprocess_dir = multiprocess_dir
        self.collectors: list[Collector] = []
        self.registry = CollectorRegistry()
        self.requests = Counter("aurora_http_requests_total", "HTTP requests by route template and status.",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("aurora_http_request_duration_seconds", "HTTP request latency by route template.",
                                 ["method", "route"], registry=self.registry,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
        self.busy = Counter("aurora_busy_rejections_total", "Requests refused by the concurrency limit.",
                            registry=self.registry)
        self.rate_limited = Counter("aurora_rate_limited_total", "Requests refused by the rate limit.",
                                    registry=self.registry)

    def add_collector(self, collector: Collector) -> None:
        self.collectors.append(collector)
        self.registry.register(collector)

    def render(self) -> tuple[bytes, str]:
        if self.multiprocess_dir is None:
            return generate_latest(self.registry), CONTENT_TYPE_LATEST
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=str(self.multiprocess_dir))  # type: ignore[no-untyped-call]
        for c in self.collectors:
            registry.register(c)
        return generate_latest(registry), CONTENT_TYPE_LATEST


class BodyTooLarge(Exception):
    pass


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _body_check(content_type: bytes) -> Callable[[bytes], None] | None:
    """How a body of this content type is checked for bad text (JSON: also when no type is named, as
    api/body.decode_json reads it), or None."""
    ctype = content_type.split(b";")[0].strip().lower()
    if ctype == b"application/x-www-form-urlencoded":
        return check_encoded
    if not ctype or ctype == b"application/json" or ctype.endswith(b"+json"):
        return check_json
    return None


def _address_check(scope: Scope) -> BadText | None:
    try:
        raw_path = scope.get("raw_path")
        if raw_path is not None:
            check_encoded(raw_path)
        elif refused(scope["path"]):
            raise BadText()
        check_encoded(scope.get("query_string") or b"")
    except BadText as exc:
        return exc
    return None


async def _refuse(scope: Scope, receive: Receive, send: Send, exc: BadText) -> None:
    """Bad text in the address, answered by the application's handler for BadText (each part's style)."""
    handler = getattr(scope.get("app"), "exception_handlers", {}).get(BadText)
    if handler is None:
        await _plain(send, 400, exc.message)
        return
    response = await handler(Request(scope, receive), exc)
    await response(scope, receive, send)


class NetworkMiddleware:
    """Size limit, bad text, metrics and the access log, as plain ASGI (cheap on every request). Bad text
    in the address is answered before the app runs; in a body it is found when the handler reads the
    body's last part (after what the handler checks first: a v1 call without credentials is still a
    401), which then raises BadText for the exception handlers to answer."""

    def __init__(self, app: Any, *, max_bytes: int, metrics: Metrics) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.metrics = metrics
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}  # labelled series, looked up once

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status_holder = {"status": 500, "started": False}
        length = None
        content_type = b""
        for name, value in scope.get("headers") or ():  # one pass, no dict of every header; the last one
            if name == b"content-length":                # counts, as it did in that dict
                length = value
            elif name == b"content-type":
                content_type = value
        if length is not None:
            try:
                too_big = int(length) > self.max_bytes
            except ValueError:
                too_big = False
                await _plain(send, 400, "Invalid Content-Length.")
                self._observe(scope, 400, start)
                return
            if too_big:
                await _plain(send, 413, "Request body too large.")
                self._observe(scope, 413, start)
                return
        seen = 0
        check = _body_check(content_type)
        parts: list[bytes] = []

        async def limited_receive() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                seen += len(body)
                if seen > self.max_bytes:
                    raise BodyTooLarge()
                if check is not None:
                    parts.append(body)
                    if not message.get("more_body", False):
                        check(parts[0] if len(parts) == 1 else b"".join(parts))
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                status_holder["started"] = True
            await send(message)

        try:
            bad = _address_check(scope)
            if bad is not None:
                await _refuse(scope, receive, tracking_send, bad)
                return
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not status_holder["started"]:
                await _plain(send, 413, "Request body too large.")
                status_holder["status"] = 413
        finally:
            self._observe(scope, int(status_holder["status"]), start)

    def _observe(self, scope: Scope, status: int, start: float) -> None:
        elapsed = time.perf_counter() - start
        route = scope.get("route")
        template = getattr(route, "path", None) or "unmatched"
        method = scope.get("method", "")
        series = self._children.get((method, template, status))
        if series is None:
            if len(self._children) > 10_000:  # arbitrary methods from clients: stay bounded
                self._children.clear()
            series = self._children[(method, template, status)] = (
                self.metrics.requests.labels(method, template, str(status)),
                self.metrics.latency.labels(method, template))
        series[0].inc()
        series[1].observe(elapsed)
        if log.isEnabledFor(logging.INFO):  # no record at all when INFO is off
            state = scope.get("state") or {}
            # Path template only: query strings carry tokens and search texts. The record is the one
            # ``log.info("request", extra={...})`` makes, minus the caller lookup (``logs.AccessRecord``).
            log.handle(AccessRecord(log.name, method, template, status, round(elapsed * 1000, 2),
                                    state.get("client_id")))
