"""``aurora desks add/list/remove``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from auroranet.cli import app


def test_register_list_remove(tmp_path: Path) -> None:
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    f = tmp_path / "d.json"
    f.write_text(json.dumps({"id": "oulu-chat", "organisation_id": "oulu", "names": {"fi": "Oulun chat"},
                             "languages": ["fi", "sv"], "municipality_codes": ["564"], "phone": "+358 8 123 4567",
                             "opening_hours": [{"days": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "16:00"}]}))
    assert runner.invoke(app, ["desks", "add", str(f), *data]).exit_code == 0
    listed = runner.invoke(app, ["desks", "list", *data])
    assert "oulu-chat" in listed.output and "564" in listed.output and "+358 8 123 4567" in listed.output
    f.write_text(json.dumps({"id": "x", "organisation_id": "o", "names": {"fi": "X"}, "languages": ["fi"],
                             "opening_hours": [{"days": [9], "opens": "8", "closes": "16:00"}]}))
    assert runner.invoke(app, ["desks", "add", str(f), *data]).exit_code != 0
    assert runner.invoke(app, ["desks", "remove", "oulu-chat", *data]).exit_code == 0
    assert runner.invoke(app, ["desks", "remove", "oulu-chat", *data]).exit_code != 0
