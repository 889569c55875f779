"""``aurora jobs list|status|run`` through the real CLI on a SQLite data dir."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from auroranet.cli import app
from auroranet.cliutil import console


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AURORA_EMBEDDER", "hashing")
    monkeypatch.setenv("AURORA_ANALYZER", "simple")
    monkeypatch.setattr(console, "_width", 200)  # wide tables: no wrapped cells in the assertions
    data_dir = tmp_path / "inst"
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [*args, "--data-dir", str(data_dir)])

    return invoke


def row(output: str, job: str) -> str:
    return next(line for line in output.splitlines() if f" {job} " in line)


def test_list_shows_jobs_and_schedules(cli: Any) -> None:
    r = cli("jobs", "list")
    assert r.exit_code == 0, r.output
    assert "every 10 min" in row(r.output, "token_purge") and "yes" in row(r.output, "token_purge")
    assert "weekly on Sun at 03:30 UTC" in row(r.output, "ptv_full_sync") and " no " in row(r.output, "ptv_full_sync")


def test_run_then_status(cli: Any) -> None:
    before = cli("jobs", "status")
    assert before.exit_code == 0 and "never run" in row(before.output, "token_purge")
    r = cli("jobs", "run", "token_purge")
    assert r.exit_code == 0, r.output
    assert "token_purge: succeeded" in r.output and "deleted=0" in r.output
    st = cli("jobs", "status")
    line = row(st.output, "token_purge")
    assert "succeeded" in line and "deleted=0" in line and "s " in line
    assert "disabled" in row(st.output, "ptv_delta_sync")


def test_unknown_job_exits_non_zero(cli: Any) -> None:
    r = cli("jobs", "run", "nope")
    assert r.exit_code == 4 and "unknown job 'nope'" in r.output


def test_a_failing_job_exits_non_zero_and_is_recorded(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AURORA_PTV_BASE_URL", "http://127.0.0.1:9")  # discard port: connection refused
    monkeypatch.setenv("AURORA_PTV_RETRIES", "0")
    r = cli("jobs", "run", "ptv_delta_sync")
    assert r.exit_code == 1, r.output
    assert "job ptv_delta_sync failed: SourceError" in r.output
    st = cli("jobs", "status")
    assert "failed (SourceError, attempt 1)" in row(st.output, "ptv_delta_sync")
