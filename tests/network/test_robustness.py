"""Rate and concurrency limits, size and encoding checks, no 500 for bad input, logs without personal data,
Prometheus metrics."""

from __future__ import annotations

import io
import logging
import threading

import pytest

from auroranet.logs import JsonFormatter
from auroranet.network.robustness import ConcurrencyLimiter, TokenBucket
from auroranet.runtime import Runtime
from tests.network.conftest import fake_of, find_channels, make_client, register, runtime_like

V1 = "/service-recommender/v1"


def _rt(rt: Runtime, **kw) -> Runtime:
    return runtime_like(rt, **kw)


def test_token_bucket():
    b = TokenBucket(3)
    assert [b.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = b.take("a")
    assert 0 < wait <= 20.0
    assert b.take("b") == 0.0


def test_rate_limit_429_with_retry_after(rt, caller):
    with make_client(_rt(rt, rate_limit_per_minute=3)) as http:
        codes = [http.post(f"{V1}/text_search", json={"search_text": "a"}, headers=caller.headers).status_code
                 for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = http.post(f"{V1}/text_search", json={"search_text": "a"}, headers=caller.headers)
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        other = register(rt, "Toinen")
        assert http.post(f"{V1}/text_search", json={"search_text": "a"}, headers=other.headers).status_code == 200


def test_concurrency_limit_busy_and_no_leak(rt, caller):
    rt2 = _rt(rt, max_concurrent_recommendations=1)
    fake = fake_of(rt2)
    real_search = fake.search
    entered, release = threading.Event(), threading.Event()

    def slow(q):
        entered.set()
        release.wait(10)
        return real_search(q)

    fake.search = slow
    with make_client(rt2) as http:
        result = {}
        t = threading.Thread(target=lambda: result.setdefault(
            "r", http.post(f"{V1}/text_search", json={"search_text": "a"}, headers=caller.headers)))
        t.start()
        assert entered.wait(10)
        busy = http.post(f"{V1}/text_search", json={"search_text": "a"}, headers=caller.headers)
        assert busy.status_code == 503 and busy.text == "Server busy."
        release.set()
        t.join(10)
        assert result["r"].status_code == 200
        # an engine that raises must not leak the slot
        fake.fail_with = RuntimeError("boom")
    limiter = None
    with make_client(rt2) as http:
        http_raise = http
        for _ in range(3):
            try:
                r = http_raise.post(f"{V1}/text_search", json={"search_text": "a"}, headers=caller.headers)
                assert r.status_code == 500
            except RuntimeError:
                pass
        limiter = rt2.limits.engine_calls
        assert limiter.active == 0
        fake.fail_with = None
        fake.search = real_search
        assert http.post(f"{V1}/text_search", json={"search_text": "a"}, headers=caller.headers).status_code == 200


def test_engine_input_error_is_400_and_releases(rt, caller, http):
    from auroranet.errors import InputError

    fake_of(rt).fail_with = InputError("no candidate services")
    for _ in range(10):
        r = http.post(f"{V1}/recommend_service", json={"life_situation_meters": {"health": [1]}}, headers=caller.headers)
        assert r.status_code == 400 and r.text == "Error in request: no candidate services"
    assert rt.limits.engine_calls.active == 0


def test_limiter_unit():
    lim = ConcurrencyLimiter(2)
    assert lim.try_acquire() and lim.try_acquire() and not lim.try_acquire()
    lim.release()
    assert lim.try_acquire()


def test_request_size_limit(rt, caller):
    with make_client(_rt(rt, max_request_bytes=2048)) as http:
        r = http.post(f"{V1}/text_search", content=b'{"search_text": "' + b"a" * 5000 + b'"}',
                      headers={**caller.headers, "Content-Type": "application/json"})
        assert r.status_code == 413

        def gen():
            yield b'{"search_text": "'
            for _ in range(10):
                yield b"a" * 500
            yield b'"}'

        r = http.post(f"{V1}/text_search", content=gen(), headers={**caller.headers, "Content-Type": "application/json"})
        assert r.status_code == 413


@pytest.mark.parametrize("content,ctype,status,text", [
    (b'{"search_text": "\xff\xfe"}', "application/json", 400, "Invalid encoding in request. Only UTF-8 is supported."),
    (b'{"search_text": ', "application/json", 400, "Malformed JSON in request body."),
    (b"", "application/json", 400, None),
    (b"null", "application/json", 400, None),
    (b'["a"]', "application/json", 400, None),
    (b'{"search_text": "a"}', "text/plain", 415, None),
    (b"search_text=a", "application/x-www-form-urlencoded", 415, None),
    (b"[" * 5000 + b"]" * 5000, "application/json", 400, None),
    (b'{"search_text": "a", "limit": 1e400}', "application/json", 400, None),
    (b'{"search_text": "a\\ud800"}', "application/json", 400, None),
])
def test_bad_bodies_never_500(http, caller, content, ctype, status, text):
    r = http.post(f"{V1}/text_search", content=content, headers={**caller.headers, "Content-Type": ctype})
    assert r.status_code == status, r.text
    if text:
        assert r.text == text


def test_logs_contain_no_personal_data(rt, caller):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    old = root.level
    root.setLevel(logging.DEBUG)
    # the test client's own httpx log lines are client-side, not the server's
    handler.addFilter(lambda rec: not rec.name.startswith(("httpx", "httpcore")))
    # ": 17," / ": 17}" and not ": 17": a request's "duration_ms": 17.3 is no personal data
    secrets_ = ["010203A123B", "maija.meikalainen@example.com", ": 17,", ": 17}", '"17"', "0401234567", '"837"',
                ": 837,", ": 837}"]
    try:
        sid, cid = find_channels(rt, "EChannel", 1)[0]
        register(rt, "R", channels=[cid], receives=["age", "municipality_code"], origins=["https://r.example"])
        with make_client(rt) as http:
            http.post(f"{V1}/text_search", headers=caller.headers,
                      json={"search_text": "apua 010203A123B maija.meikalainen@example.com 0401234567"})
            r = http.post(f"{V1}/session_attributes", headers=caller.headers,
                          json={"service_channel_id": cid, "session_attributes": {"age": 17, "municipality_code": "837"}})
            token = r.text.rsplit("=", 1)[1]
            http.get(f"{V1}/session_attributes", params={"access_token": token}, headers={"Origin": "https://r.example"})
            http.post("/service-recommender/v2/recommend_service", headers=caller.headers,
                      json={"life_situation_meters": {"health": [1]}, "age": 17, "municipality_code": "837",
                            "session_id": "maija.meikalainen@example.com"})
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
    out = stream.getvalue()
    assert '"route": "/service-recommender/v1/session_attributes"' in out  # the access log did run
    for value in secrets_ + [token, caller.secret]:
        assert value not in out, value


def test_metrics(rt, caller):
    # /metrics answers loopback peers by default (tests/network/test_ops.py)
    with make_client(rt, peer="127.0.0.1") as http:
        http.post(f"{V1}/text_search", json={"search_text": "a"}, headers=caller.headers)
        http.post(f"{V1}/text_search", json={"search_text": "a"})
        http.get(f"{V1}/redirect?service_id=x")
        text = http.get("/metrics").text
        assert 'aurora_http_requests_total{method="POST",route="/service-recommender/v1/text_search",status="200"} 1.0' in text
        assert 'aurora_http_requests_total{method="POST",route="/service-recommender/v1/text_search",status="401"} 1.0' in text
        assert 'route="/service-recommender/v1/redirect",status="400"' in text
        assert "aurora_http_request_duration_seconds_bucket" in text
        assert "service_id=x" not in text


def test_two_runtimes_have_separate_registries(rt):
    """Metrics live on the Runtime now (one per process), not in a process-global Prometheus registry:
    two runtimes in one process (as in these tests) neither collide nor see each other's counts."""
    rt2 = _rt(rt)
    assert rt2.metrics.registry is not rt.metrics.registry
    with make_client(rt, peer="127.0.0.1") as a, make_client(rt2, peer="127.0.0.1") as b:
        a.get("/service-recommender/healthcheck/")
        assert 'route="/service-recommender/healthcheck/"' in a.get("/metrics").text
        assert 'route="/service-recommender/healthcheck/"' not in b.get("/metrics").text


@pytest.mark.parametrize("threads", [1, 2])
def test_engine_calls_run_on_their_own_threads_at_most_so_many_at_once(threads: int) -> None:
    """Engine calls hold the GIL: each process runs them on ``engine_threads`` threads of their own (more
    only contend, bench/bench_ratio.py), with the caller's context variables, never on the event loop."""
    import asyncio
    import contextvars
    import threading
    import time as _time

    from auroranet.network.robustness import ConcurrencyLimiter

    var: contextvars.ContextVar[str] = contextvars.ContextVar("var", default="unset")
    limiter = ConcurrencyLimiter(limit=8, threads=threads)
    running, peak, names, seen = [0], [0], set(), []
    lock = threading.Lock()

    def call() -> str:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            names.add(threading.current_thread().name)
        _time.sleep(0.03)
        with lock:
            running[0] -= 1
        return var.get()

    async def main() -> list[str]:
        async def one(i: int) -> str:
            var.set(f"request-{i}")
            return await limiter.run(call)
        return await asyncio.gather(*(one(i) for i in range(6)))

    seen = asyncio.run(main())
    assert peak[0] == threads
    assert all(n.startswith("engine") for n in names) and threading.main_thread().name not in names
    assert seen == [f"request-{i}" for i in range(6)]
