"""``aurora catalogue import|sync|stats`` and ``aurora reference import`` through the real CLI: real PTV
files, a sync against the fake PTV served by uvicorn on loopback, and bad input that prints one clear
line naming file and line, exits non-zero and changes nothing."""

from __future__ import annotations

import json
import socket
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Iterator

import pytest
import uvicorn
from typer.testing import CliRunner

from auroranet.cli import app
from tests.fakes.fake_ptv import FakePtv, fake_id

SAMPLES = "catalogue/ptv_api_v11"
GOOD = {"id": "77777777-7777-4777-8777-777777777777", "serviceNames": [{"language": "fi", "value": "A", "type": "Name"}],
        "areas": [{"type": "Municipality", "municipalities": [{"code": "837"}]}]}


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AURORA_EMBEDDER", "hashing")
    monkeypatch.setenv("AURORA_ANALYZER", "simple")
    monkeypatch.setenv("AURORA_PTV_RETRIES", "1")  # keeps the failing-sync case fast (one backoff)
    data_dir = tmp_path / "inst"
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [*args[:2], *args[2:], "--data-dir", str(data_dir)])

    return invoke


def stats_line(cli, key: str) -> str:  # type: ignore[no-untyped-def]
    out = cli("catalogue", "stats").output
    return next(line for line in out.splitlines() if line.startswith(f"{key}:"))


def test_import_real_ptv_files(cli, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    d = shared_data / SAMPLES
    r = cli("catalogue", "import", str(d / "service_sample.json"), str(d / "service_etalukio.json"),
            str(d / "service_channel_otava.json"), "--no-embed")
    assert r.exit_code == 0, r.output
    assert "new: " in r.output and "files: 3" in r.output
    assert stats_line(cli, "services") == "services: 2"
    assert stats_line(cli, "channels") == "channels: 1"
    again = cli("catalogue", "import", str(d), "--no-embed")
    assert again.exit_code == 0 and "new: 0  updated: 0" in again.output


@pytest.mark.parametrize(
    "content, expected",
    [
        (b'[\n  {"id": "77777777-7777-4777-8777-777777777777",\n   "serviceNames": [}\n]\n', ":3: malformed JSON"),
        (b'[\n  {"id": "77777777-7777-4777-8777-777777777777",\n   "x": "\xe4\xff"}\n]\n', ":3: invalid UTF-8"),
        (b'[\n  {"id": "77777777-7777-4777-8777-777777777777"},\n  {"serviceNames": []}\n]\n',
         ":3: item 1: missing id"),
    ],
    ids=["malformed", "bad-utf8", "missing-id"],
)
def test_bad_files_print_one_line(cli, tmp_path: Path, content: bytes, expected: str) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    assert cli("catalogue", "import", str(good), "--no-embed").exit_code == 0
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    r = cli("catalogue", "import", str(bad), "--no-embed")
    assert r.exit_code != 0
    lines = [line for line in r.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and f"{bad}{expected}" in lines[0]
    assert stats_line(cli, "services") == "services: 1"


def test_unknown_municipality_after_reference_import(cli, tmp_path: Path, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("reference", "import", str(shared_data / "codes"))
    assert r.exit_code == 0 and "municipalities: 309" in r.output
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([GOOD, dict(GOOD, id="88888888-8888-4888-8888-888888888888",
                                          areas=[{"type": "Municipality", "municipalities": [{"code": "999"}]}])],
                              indent=1), encoding="utf-8")
    r = cli("catalogue", "import", str(bad), "--no-embed")
    lines = [line for line in r.output.splitlines() if line.strip()]
    assert r.exit_code != 0 and len(lines) == 1
    assert f"{bad}:" in lines[0] and "unknown municipality code '999'" in lines[0]
    assert stats_line(cli, "services") == "services: 0"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served_fake(shared_data: Path) -> Iterator[tuple[FakePtv, str]]:
    fake = FakePtv.from_samples(shared_data, services=12, channels=4, page_size=5)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(fake.asgi(), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "fake PTV did not start"
    try:
        yield fake, f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_sync_against_fake_server(cli, served_fake: tuple[FakePtv, str]) -> None:  # type: ignore[no-untyped-def]
    fake, url = served_fake
    r = cli("catalogue", "sync", "ptv", "--base-url", url, "--no-embed")
    assert r.exit_code == 0, r.output
    assert "new: " in r.output
    assert stats_line(cli, "services") == "services: 12"
    assert any(path == "/api/v11/Service" and p.get("page") == "3" for path, p in fake.requests)
    fake.fail(lambda path, p: path == "/api/v11/ServiceChannel/list", "500", times=None)
    fake.touch("Service", fake_id("service", 0), datetime(2099, 1, 1), fundingType="MarketFunded")
    r = cli("catalogue", "sync", "ptv", "--base-url", url, "--full", "--no-embed")
    lines = [line for line in r.output.splitlines() if line.strip()]
    assert r.exit_code == 3 and len(lines) == 1 and "/api/v11/ServiceChannel/list" in lines[0]
    assert stats_line(cli, "services") == "services: 12"
    r = cli("catalogue", "sync", "nope", "--base-url", url)
    assert r.exit_code == 2 and "unknown source" in r.output
