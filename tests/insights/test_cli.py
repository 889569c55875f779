"""``aurora insights seed-demo`` and ``remove-demo`` through the real CLI."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from auroranet.cli import app


def test_seed_and_remove_demo(tmp_path: Path) -> None:
    runner = CliRunner()
    data = str(tmp_path / "data")
    r = runner.invoke(app, ["insights", "seed-demo", "--data-dir", data, "--people", "50"])
    assert r.exit_code == 0, r.output
    assert "50 demo contributions added" in r.output
    r = runner.invoke(app, ["insights", "remove-demo", "--data-dir", data])
    assert r.exit_code == 0 and "50 demo contributions removed" in r.output
    assert runner.invoke(app, ["insights", "seed-demo", "--data-dir", data, "--people", "3"]).exit_code != 0
