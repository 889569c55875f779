"""The fairness audit on the demo catalogue with the real engine, its flagging rule, the model card and
the CLI's refusal on an empty catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auroranet.errors import InputError
from auroranet.ethics.audit import GroupResult, _flag, run_audit
from auroranet.ethics.card import read_report, write_report
from auroranet.runtime import Runtime


def test_flagging_is_relative_to_the_dimension_mean() -> None:
    groups = [GroupResult("language", "fi", 1, {"relevant": 0.80}), GroupResult("language", "sv", 1, {"relevant": 0.62}),
              GroupResult("language", "en", 1, {"relevant": 0.78})]
    _flag(groups)  # mean 0.733; 0.62 is 15 % below, 0.78 is above
    assert [g.group for g in groups if g.flagged] == ["sv"]


def test_audit_on_the_demo_catalogue(demo_runtime: Runtime, tmp_path: Path) -> None:
    audit = run_audit(demo_runtime)
    dims = {(g.dimension, g.group) for g in audit.groups}
    assert {("language", "fi"), ("language", "sv"), ("language", "en"), ("age_band", "65+")} <= dims
    assert any(d == "municipality_size" for d, _ in dims)
    for g in audit.groups:
        assert 0 < g.metrics["results"] <= 1 and 0 <= g.metrics["relevant"] <= 1
    card, report = write_report(demo_runtime, audit, tmp_path / "ethics")
    text = card.read_text(encoding="utf-8")
    assert "| language | sv |" in text and "## Findings" in text
    data = json.loads(report.read_text(encoding="utf-8"))
    assert len(data["groups"]) == len(audit.groups)
    assert read_report(tmp_path) == data


def test_empty_catalogue_is_refused(sqlite_db, settings) -> None:  # type: ignore[no-untyped-def]
    rt = Runtime.create(settings, db=sqlite_db)
    try:
        with pytest.raises(InputError):
            run_audit(rt)
    finally:
        rt.close()


@pytest.mark.parametrize("lang, heading", [("fi", "Läpinäkyvyys"), ("sv", "Transparens"), ("en", "Transparency")])
def test_transparency_page_is_public_and_shows_the_audit(demo_runtime: Runtime, lang: str, heading: str) -> None:
    from fastapi.testclient import TestClient

    from auroranet.app import create_app
    from auroranet.ethics.audit import Audit

    audit = Audit([GroupResult("language", "sv", 11, {"results": 1.0, "relevant": 0.5, "local": 0.25}, ["local"])],
                  {}, 11)
    write_report(demo_runtime, audit, demo_runtime.settings.data_dir / "ethics")
    with TestClient(create_app(runtime=demo_runtime)) as c:
        r = c.get("/transparency", params={"lang": lang})
    assert r.status_code == 200 and f'<html lang="{lang}">' in r.text and heading in r.text
    assert "<dt>" in r.text and "50 %" in r.text and "25 %" in r.text
