"""Bounded HTTP load test of the network API v1.

Builds a synthetic catalogue (default 20,000 services: variants of the demo services, and of the real PTV
texts in ../shared/data when present, with other municipalities), starts uvicorn on 127.0.0.1 in a
subprocess, then sends a fixed number of requests with a fixed concurrency to ``recommend_service`` and
``text_search``. Reports throughput and p50/p99 latency and writes bench/results/http.json.

    .venv/bin/python bench/bench_http.py                      # 20k services, 2,000 requests each, 16 concurrent
    .venv/bin/python bench/bench_http.py --services 5000 --requests 500
    .venv/bin/python bench/bench_http.py --workers 1             # one server process (default 2)

The load generator runs on the same machine and cores as the server; the CPU seconds both used during
each phase are measured from /proc and reported, so the share of the machine the client took is visible.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "catalogue" / "ptv_services_fi.jsonl"
RESULTS = ROOT / "bench" / "results" / "http.json"
MUNICIPALITIES = ["091", "049", "837", "853", "564", "491", "179", "297", "398", "743", "092", "638"]
SEARCHES = ["asumistuki", "työttömyys", "mielenterveys", "lastensuojelu", "toimeentulotuki", "kotihoito",
            "opiskelu", "velkaneuvonta", "yksinäisyys", "terveyskeskus", "nuorten työpaja", "perheneuvola"]
METERS = ["working_studying", "family", "friends", "health", "improvement_of_strengths", "housing", "finance",
          "self_esteem", "resilience", "life_satisfaction"]


def build_catalogue(data_dir: Path, n: int) -> dict[str, object]:
    """Migrate, load the demo (code lists, channels, labels), then add synthetic services up to ``n``."""
    import uuid

    from auroranet.catalogue import service as catalogue
    from auroranet.usecases.demo import ensure_demo
    from auroranet.config import Settings
    from auroranet.db.migrate import upgrade
    from auroranet.network.clients import add_client
    from auroranet.runtime import Runtime

    t0 = time.perf_counter()
    rt = Runtime.create(Settings(data_dir=data_dir, embedder="hashing", analyzer="simple"))
    upgrade(rt.db.engine)
    ensure_demo(rt.db)
    with rt.db.session() as s:
        base = catalogue.list_services(s)
    real: list[dict[str, str]] = []
    if SHARED.exists():
        with SHARED.open(encoding="utf-8") as fh:
            real = [json.loads(line) for line in fh if line.strip()]
    from sqlalchemy import select

    from auroranet.catalogue.models import RefMunicipality

    with rt.db.session() as s:
        munis = list(s.scalars(select(RefMunicipality.code))) or MUNICIPALITIES
    rng = random.Random(7)
    batch = catalogue.Batch()
    for i in range(max(0, n - len(base))):
        tpl = base[i % len(base)]
        rec = tpl.model_copy(deep=True)
        rec.id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        if real:
            r = real[i % len(real)]
            rec.names = {**rec.names, "fi": r.get("name") or rec.names.get("fi", "")}
            rec.summary = {**rec.summary, "fi": r.get("summary") or rec.summary.get("fi", "")}
        else:
            rec.names = {**rec.names, "fi": f"{rec.names.get('fi', '')} {i}"}
        if not rec.is_national:
            rec.municipality_codes = [rng.choice(munis)]
        batch.services.append(rec)
    with rt.db.session() as s:
        catalogue.apply_batch(s, batch)
        client = add_client(s, names="Benchmark")
    with rt.db.session() as s:
        count = catalogue.count_services(s)
    rt.close()
    return {"services": count, "build_seconds": round(time.perf_counter() - t0, 1),
            "client_id": client.info.id, "secret": client.secret, "municipalities": sorted(munis)}


def worker_app() -> object:
    """One server process: build the index before accepting traffic (settings from AURORA_DATA_DIR)."""
    from auroranet.app import create_app
    from auroranet.config import Settings
    from auroranet.logs import configure_logging
    from auroranet.runtime import Runtime

    configure_logging(level=30)
    rt = Runtime.create(Settings(data_dir=Path(os.environ["AURORA_DATA_DIR"]), embedder="hashing", analyzer="simple"))
    t0 = time.perf_counter()
    rt.index()
    print(f"[{os.getpid()}] index built in {time.perf_counter() - t0:.1f}s", flush=True)
    return create_app(runtime=rt)


def serve(data_dir: Path, port: int, workers: int) -> None:
    """Child process: uvicorn with ``workers`` processes (as ``aurora serve --workers N``)."""
    import uvicorn

    os.environ["AURORA_DATA_DIR"] = str(data_dir)
    # One BLAS thread per process: requests run concurrently in threads and processes, and OpenBLAS's own
    # threads only spin against them (set before numpy is imported here and in the spawned workers).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if workers == 1:
        uvicorn.run(worker_app(), host="127.0.0.1", port=port, log_config=None, access_log=False)
    else:
        uvicorn.run("bench_http:worker_app", factory=True, workers=workers, host="127.0.0.1", port=port,
                    log_config=None, access_log=False)


def _cpu_seconds(root: int) -> float:
    """User+system CPU of a process and all its live descendants (the uvicorn workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            raw = Path(f"/proc/{d}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()
        stats[int(d)] = fields
        children.setdefault(int(fields[1]), []).append(int(d))
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += (int(stats[pid][11]) + int(stats[pid][12])) / tick
        todo.extend(children.get(pid, []))
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load(base: str, auth: str, path: str, bodies: list[dict[str, object]], concurrency: int,
         server_pid: int | None = None) -> dict[str, object]:
    """Run one load phase and measure the CPU the server and this load generator used meanwhile."""
    srv0 = _cpu_seconds(server_pid) if server_pid else 0.0
    cli0 = time.process_time()
    out = asyncio.run(_load(base, auth, path, bodies, concurrency))
    cli = time.process_time() - cli0
    if server_pid:
        srv = _cpu_seconds(server_pid) - srv0
        n = len(bodies)
        out["cpu"] = {"server_s": round(srv, 2), "load_generator_s": round(cli, 2),
                      "server_ms_per_request": round(srv * 1000 / n, 2),
                      "load_generator_ms_per_request": round(cli * 1000 / n, 2),
                      "load_generator_share": round(cli / max(1e-9, cli + srv), 2)}
    return out


async def _load(base: str, auth: str, path: str, bodies: list[dict[str, object]], concurrency: int) -> dict[str, object]:
    import httpx

    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue: asyncio.Queue[dict[str, object]] = asyncio.Queue()
    for b in bodies:
        queue.put_nowait(b)

    async def worker(client: httpx.AsyncClient) -> None:
        while True:
            try:
                body = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            t = time.perf_counter()
            r = await client.post(path, json=body)
            latencies.append(time.perf_counter() - t)
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": auth}, limits=limits, timeout=60) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    latencies.sort()
    return {"requests": len(bodies), "concurrency": concurrency, "seconds": round(elapsed, 2),
            "throughput_rps": round(len(bodies) / elapsed, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
            "statuses": {str(k): v for k, v in sorted(statuses.items())}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--services", type=int, default=20_000)
    ap.add_argument("--requests", type=int, default=2_000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (aurora serve --workers)")
    ap.add_argument("--serve", nargs=2, metavar=("DATA_DIR", "PORT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(Path(args.serve[0]), int(args.serve[1]), args.workers)
        return

    data_dir = Path(tempfile.mkdtemp(prefix="aurora-bench-"))
    info = build_catalogue(data_dir, args.services)
    print(f"catalogue: {info['services']} services in {info['build_seconds']}s")
    port = free_port()
    env = {**os.environ, "AURORA_RATE_LIMIT_PER_MINUTE": "10000000",
           "AURORA_MAX_CONCURRENT_RECOMMENDATIONS": str(args.concurrency), "AURORA_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(data_dir), str(port), "--workers",
                             str(args.workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        t0 = time.perf_counter()
        while True:
            if proc.poll() is not None:
                raise SystemExit("server exited before it was ready")
            try:
                if httpx.get(f"{base}/service-recommender/healthcheck/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - t0 > 1800:
                raise SystemExit("server not ready in 30 min")
            time.sleep(0.5)
        ready_s = round(time.perf_counter() - t0, 1)
        auth = "Basic " + base64.b64encode(f"{info['client_id']}:{info['secret']}".encode()).decode()
        rng = random.Random(1)
        munis = list(info["municipalities"])  # type: ignore[call-overload]
        rec_bodies = [{"life_situation_meters": {m: [rng.randint(0, 10)] for m in rng.sample(METERS, 3)},
                       "service_filters": {"municipality_codes": [rng.choice(munis)]}, "limit": 5}
                      for _ in range(args.requests)]
        search_bodies = [{"search_text": rng.choice(SEARCHES), "limit": 5,
                          "service_filters": {"municipality_codes": [rng.choice(munis)]}}
                         for _ in range(args.requests)]
        # warm-up (first calls load models and caches)
        # (every worker needs its own warm-up, hence 20 per worker)
        warm = 20 * args.workers
        load(base, auth, "/service-recommender/v1/recommend_service", rec_bodies[:warm], 4)
        load(base, auth, "/service-recommender/v1/text_search", search_bodies[:warm], 4)
        results = {
            "recommend_service": load(base, auth, "/service-recommender/v1/recommend_service", rec_bodies,
                                      args.concurrency, proc.pid),
            "text_search": load(base, auth, "/service-recommender/v1/text_search", search_bodies,
                                args.concurrency, proc.pid),
        }
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
    out = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "cpus": os.cpu_count(), "processor": platform.processor() or platform.machine()},
        "catalogue": {"services": info["services"], "build_seconds": info["build_seconds"],
                      "server_ready_seconds": ready_s, "embedder": "hashing", "analyzer": "simple"},
        "server": f"uvicorn (httptools, uvloop when installed), {args.workers} worker process(es) "
                  f"(aurora serve --workers {args.workers}), 127.0.0.1",
        "workers": args.workers,
        "load_generator": f"httpx.AsyncClient in one process, {args.concurrency} concurrent keep-alive connections, "
                          "on the SAME 2 cores as the server: its CPU use is reported under cpu and is time the server "
                          "could not use",
        "target_rps": 300,
        "results": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"server: {out['server']}; load generator shares the {os.cpu_count()} cores")
    print(f"{'endpoint':18s} {'req/s':>7s} {'p50 ms':>7s} {'p99 ms':>7s} {'srv ms/req':>10s} {'gen ms/req':>10s} "
          f"{'gen share':>9s}  statuses")
    for name, r in results.items():
        c = r.get("cpu", {})
        print(f"{name:18s} {r['throughput_rps']:7.1f} {r['p50_ms']:7.1f} {r['p99_ms']:7.1f} "
              f"{c.get('server_ms_per_request', float('nan')):10.2f} {c.get('load_generator_ms_per_request', float('nan')):10.2f} "
              f"{c.get('load_generator_share', float('nan')):9.2f}  {r['statuses']}")
    print(f"written: {RESULTS}")


if __name__ == "__main__":
    main()
