"""Where the server's CPU goes per request: the real app, driven in-process over ASGI (no sockets, no
load generator), with every engine call run inline so one profiler sees the whole request.

Builds the 2,000-service catalogue as bench_ratio.py does (temporary directory, removed at the end),
then sends the same varied v1 bodies to ``recommend_service`` / ``text_search`` and prints CPU per request
(``time.process_time``) and, with ``--profile``, the top functions by cumulative time (cProfile).
``--noop`` adds a route served as the real ones (``DirectRoute``, their router, ``engine_routes._run``) with
the same authentication and body parsing and no work: the framework's share.

    PYTHONPATH=src .venv/bin/python bench/profile_request.py --requests 2000
    PYTHONPATH=src .venv/bin/python bench/profile_request.py --requests 1000 --profile recommend_service
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import cProfile
import json
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from bench_ratio import API, recommend_bodies, search_bodies  # noqa: E402


async def _call(app: Any, path: str, body: bytes, auth: str) -> tuple[int, bytes]:
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
             "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"),
                         (b"content-length", str(len(body)).encode()), (b"authorization", auth.encode())],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {}}
    sent = False
    status = 0
    out: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            out.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(out)


def _inline_engine_calls() -> None:
    """Engine calls and thread-pool hops run on the calling thread (one profiler sees everything)."""
    from auroranet.network import robustness

    async def run(self: Any, call: Callable[[], Any]) -> Any:
        return call()

    robustness.ConcurrencyLimiter.run = run  # type: ignore[method-assign]
    import starlette.concurrency as sc

    async def inline(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    sc.run_in_threadpool = inline  # type: ignore[assignment]
    import auroranet.api.deps as deps
    import auroranet.api.engine_routes as er

    deps.run_in_threadpool = inline  # type: ignore[attr-defined]
    er.run_in_threadpool = inline  # type: ignore[attr-defined]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--services", type=int, default=2000)
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--bodies", type=int, default=200)
    ap.add_argument("--profile", choices=("recommend_service", "text_search", "noop"))
    ap.add_argument("--top", type=int, default=45)
    ap.add_argument("--noop", action="store_true", help="also time a no-work route with the same auth + parsing")
    args = ap.parse_args()
    from bench_http import build_catalogue

    tmp = Path(tempfile.mkdtemp(prefix="aurora-prof-"))
    try:
        info = build_catalogue(tmp / "data", args.services)
        os.environ.update({"AURORA_DATA_DIR": str(tmp / "data"), "AURORA_EMBEDDER": "hashing",
                           "AURORA_RATE_LIMIT_PER_MINUTE": "100000000"})
        os.environ.setdefault("AURORA_USAGE_WRITE_BEHIND", "true")  # as aurora serve
        from auroranet.app import create_app
        from auroranet.config import get_settings
        from auroranet.logs import configure_logging
        from auroranet.runtime import Runtime

        configure_logging(stream=open(os.devnull, "w"))  # the access log as serve writes it, to nowhere
        _inline_engine_calls()
        rt = Runtime.create(get_settings())
        rt.snapshot()
        if args.noop or args.profile == "noop":
            _add_noop()
        app = create_app(runtime=rt)
        auth = "Basic " + base64.b64encode(f"{info['client_id']}:{info['secret']}".encode()).decode()
        rng = random.Random(20261201)
        munis = list(info["municipalities"])  # type: ignore[call-overload]
        phases = {"recommend_service": recommend_bodies(rng, munis, args.bodies),
                  "text_search": search_bodies(rng, munis, args.bodies)}
        if args.noop or args.profile == "noop":
            phases["noop"] = phases["recommend_service"]
        asyncio.run(_drive(app, phases, auth, args))
        rt.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _add_noop() -> None:
    """The no-work route as the real v1 routes are served: a ``DirectRoute`` on their router (matched right
    after them), the caller settled and the body read in ``engine_routes._run``, the credentials resolved
    and the body validated as ``RecommendIn`` in the engine call, then a fixed answer. Added before the app
    is built, so it is included where they are."""
    from fastapi import Request
    from fastapi.responses import Response

    from auroranet.api import engine_routes
    from auroranet.api.body import decode_json, parse
    from auroranet.network import schemas

    globals().update(Request=Request, Response=Response)  # string annotations

    def work(rt: Any, who: Any, raw: bytes) -> None:
        who.resolve()
        parse(schemas.RecommendIn, decode_json(who.request.headers.get("content-type", ""), raw))

    async def noop(request: Request) -> Response:
        await engine_routes._run(request, "api_v1", work)
        return Response(b'{"recommended_services":[]}', media_type="application/json")

    engine_routes.router.add_api_route(f"{API}/noop", noop, methods=["POST"])


async def _drive(app: Any, phases: dict[str, list[dict[str, Any]]], auth: str, args: argparse.Namespace) -> None:
    # lifespan is not run: no poller, no jobs (as a quiet worker between polls)
    for name, bodies in phases.items():
        if args.profile and name != args.profile:
            continue
        raw = [json.dumps(b, ensure_ascii=False).encode() for b in bodies]
        path = f"{API}/{name}"
        for i in range(min(200, args.requests)):  # warm-up
            st, out = await _call(app, path, raw[i % len(raw)], auth)
            if st != 200:
                raise SystemExit(f"{name}: {st} {out[:300]!r}")
        prof = cProfile.Profile() if args.profile == name else None
        c0, w0 = time.process_time(), time.perf_counter()
        if prof:
            prof.enable()
        for i in range(args.requests):
            await _call(app, path, raw[i % len(raw)], auth)
        if prof:
            prof.disable()
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        print(f"{name}: {args.requests} requests, CPU {1000 * cpu / args.requests:.3f} ms/request "
              f"(wall {1000 * wall / args.requests:.3f} ms)", flush=True)
        if prof:
            pstats.Stats(prof).sort_stats("cumulative").print_stats(args.top)
            pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
