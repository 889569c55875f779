"""Acceptance: a running ``aurora serve`` (one or several workers) finds a service that another process
imported with the CLI, within 30 s and without a restart, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import httpx
import pytest
from sqlalchemy import text

import auroranet
from auroranet.db.core import make_engine
from tests.conftest import PG_URL, pg_or_skip

SRC = Path(auroranet.__file__).resolve().parents[1]
SEARCH = "/service-recommender/v1/text_search"
DEADLINE_SECONDS = 30.0


@dataclass
class Store:
    env: dict[str, str]
    tmp: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AURORA_")}
    env.update(PYTHONPATH=str(SRC), AURORA_DATA_DIR=str(tmp_path / "inst"), AURORA_EMBEDDER="hashing",
               AURORA_ANALYZER="simple", AURORA_REQUIRE_AUTH="false", AURORA_CATALOGUE_POLL_SECONDS="0.5")
    if request.param == "sqlite":
        yield Store(env, tmp_path)
        return
    pg_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL, pool_size=1)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    env["AURORA_DATABASE_URL"] = f"{PG_URL}?options=-csearch_path%3D{schema}"
    try:
        yield Store(env, tmp_path)
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def aurora(store: Store, *args: str) -> str:
    """Run the CLI as its own process (as an operator would, next to the running server)."""
    r = subprocess.run([sys.executable, "-m", "auroranet", *args], env=store.env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def write_service(path: Path, name: str, summary: str) -> str:
    sid = str(uuid.uuid4())
    path.write_text(json.dumps({"id": sid, "name": name, "summary": summary, "language": "fi", "national": True})
                    + "\n", encoding="utf-8")
    return sid


@pytest.fixture
def server(store: Store, request: pytest.FixtureRequest) -> Iterator[str]:
    workers = int(getattr(request, "param", 1))
    seed = store.tmp / "seed.jsonl"
    write_service(seed, "Asumisneuvonta", "Apua vuokra-asunnon etsimiseen")
    aurora(store, "catalogue", "import", str(seed))
    port = _free_port()
    log = (store.tmp / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "auroranet", "serve", "--port", str(port), "--no-demo",
                             "--workers", str(workers)], env=store.env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (store.tmp / "serve.log").read_text()
            try:
                if httpx.get(f"{base}/service-recommender/healthcheck/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not start: " + (store.tmp / "serve.log").read_text()
            time.sleep(0.2)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # this test's own server and its worker processes
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        log.close()


def found(base: str, word: str, sid: str) -> bool:
    r = httpx.post(base + SEARCH, json={"search_text": word}, timeout=10)
    assert r.status_code == 200, r.text
    return sid in [s["service_id"] for s in r.json()["recommended_services"]]


@pytest.mark.parametrize("server", [1, 2], indirect=True, ids=["1-worker", "2-workers"])
def test_running_server_finds_a_service_imported_by_the_cli(store: Store, server: str) -> None:
    word = "kvarkki" + uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop"))
    new = store.tmp / "new.jsonl"
    sid = write_service(new, f"{word.capitalize()}neuvonta {word}", f"{word} palvelu nuorille")
    assert not found(server, word, sid)
    t0 = time.monotonic()
    aurora(store, "catalogue", "import", str(new))
    hits_in_a_row = 0
    while hits_in_a_row < 10:  # ten answers in a row: every worker process has swapped its index
        hits_in_a_row = hits_in_a_row + 1 if found(server, word, sid) else 0
        assert time.monotonic() - t0 < DEADLINE_SECONDS, f"not served within {DEADLINE_SECONDS:.0f} s"
        time.sleep(0.05)
    print(f"served by every worker {time.monotonic() - t0:.2f} s after the import started")
    metrics = httpx.get(server + "/metrics", timeout=5).text
    assert "aurora_catalogue_snapshot_version 1.0" not in metrics  # the seed import was version 1
    assert "aurora_catalogue_snapshot_version 2.0" in metrics


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
@pytest.mark.parametrize("server", [2], indirect=True, ids=["2-workers"])
def test_metrics_add_up_across_worker_processes(store: Store, server: str) -> None:
    """With ``--workers 2`` each process counts only what it served; /metrics of any worker must show
    the whole server's count (Prometheus multiprocess mode). Every request opens its own connection, so
    the kernel spreads them over both workers."""
    n = 40
    for _ in range(n):
        with httpx.Client() as c:  # a new connection each time
            assert c.get(server + "/service-recommender/v1/redirect?service_id=x", timeout=5).status_code == 400
    line = 'aurora_http_requests_total{method="GET",route="/service-recommender/v1/redirect",status="400"} '
    for _ in range(6):  # whichever worker answers the scrape
        with httpx.Client() as c:
            text = c.get(server + "/metrics", timeout=5).text
        assert f"{line}{float(n)}" in text, [ln for ln in text.splitlines() if "redirect" in ln]
    files = list((store.tmp / "inst" / "prometheus").glob("counter_*.db"))
    assert len(files) >= 2, files  # both workers wrote counters: the sum really came from two processes
