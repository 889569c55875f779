"""``aurora assistants add/list/remove`` and ``aurora eval assistant``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from auroranet.cli import app


def test_register_list_remove(tmp_path: Path) -> None:
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"id": "oulu-youth", "names": {"fi": "Oulun nuoret"}, "topics": ["nuori"],
                             "languages": ["fi"], "handover_url": "https://example.fi/handover"}))
    assert runner.invoke(app, ["assistants", "add", str(f), *data]).exit_code == 0
    listed = runner.invoke(app, ["assistants", "list", *data])
    assert "oulu-youth" in listed.output and "national" in listed.output
    f.write_text(json.dumps({"id": "x", "names": {"fi": "X"}, "languages": ["de"], "handover_url": "nope"}))
    assert runner.invoke(app, ["assistants", "add", str(f), *data]).exit_code != 0
    assert runner.invoke(app, ["assistants", "remove", "oulu-youth", *data]).exit_code == 0
    assert runner.invoke(app, ["assistants", "remove", "oulu-youth", *data]).exit_code != 0


def test_eval_assistant_prints_accuracy_per_language() -> None:
    out = CliRunner().invoke(app, ["eval", "assistant", "--embedder", "hashing"])
    assert out.exit_code == 0
    for lang in ("fi", "sv", "en"):
        assert lang in out.output
    assert "0.9" in out.output
