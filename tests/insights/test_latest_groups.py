"""The reference groups holder on the Runtime (insights/latest.py): the folder is looked at again at most
every refresh interval, so a new file is seen within it, and not looked at on every request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auroranet.insights import latest
from auroranet.insights.latest import LatestGroups


class Clock:
    now = 1000.0

    @classmethod
    def monotonic(cls) -> float:
        return cls.now


def _write(folder: Path, period: str, size: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"reference-groups-{period}.json").write_text(json.dumps({"groups": [{"size": {"value": size}}]}))


def test_a_new_file_is_seen_within_the_refresh_interval(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(latest, "time", Clock)
    looked: list[Path] = []
    real = latest.latest_groups
    monkeypatch.setattr(latest, "latest_groups", lambda folder: looked.append(folder) or real(folder))
    folder = tmp_path / "insights"
    holder = LatestGroups(folder, refresh_seconds=30)
    assert holder.get() == [] and len(looked) == 1
    _write(folder, "2026-11", 12)
    Clock.now += 10
    assert holder.get() == [] and len(looked) == 1  # within the interval: the folder is not looked at
    Clock.now += 25
    assert holder.get() == [{"size": {"value": 12}}] and len(looked) == 2  # interval over: the new file
    _write(folder, "2026-12", 20)
    holder.invalidate()  # this process wrote it (the monthly job): seen at once
    assert holder.get() == [{"size": {"value": 20}}] and len(looked) == 3
    for _ in range(100):
        holder.get()
    assert len(looked) == 3


def test_the_runtime_holds_one_for_its_data_dir(tmp_path: Path) -> None:
    from auroranet.config import Settings
    from auroranet.runtime import Runtime

    rt = Runtime.create(Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple",
                                 curation_refresh_seconds=7))
    try:
        assert rt.groups() is rt.groups()
        assert rt.groups().folder == tmp_path / "data" / "insights" and rt.groups().refresh_seconds == 7
    finally:
        rt.close()
