"""Life-event files: every shipped file matches the schema, organisations add their own without code,
broken files fail with file and field, and every non-optional step finds a service on the demo catalogue."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auroranet.config import Settings
from auroranet.engine.contract import RecommendQuery
from auroranet.errors import ImportFormatError
from auroranet.lifeevents.model import BUILTIN_DIR, load_life_events, schema_errors
from auroranet.lifeevents.resolve import resolve
from auroranet.lifeevents.service import suggest_for_answers, suggest_for_text
from auroranet.runtime import Runtime

SHIPPED = sorted(BUILTIN_DIR.glob("*.json"))
REQUIRED = {"dropout_risk", "foreign_student_work", "job_seeking", "moving_to_study", "young_carer", "job_loss",
            "bereavement", "foreign_entrepreneur", "expecting_child"}


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_file_matches_schema(path: Path) -> None:
    doc = json.loads(path.read_text("utf-8"))
    assert schema_errors(doc) == []
    assert doc["id"] == path.stem
    for step in doc["steps"]:
        assert all(step["title"][lang] and step["text"][lang] and step["why"][lang] for lang in ("fi", "sv", "en"))


def test_all_required_life_events_ship_with_stable_ids() -> None:
    events = load_life_events()
    assert REQUIRED <= set(events)
    for ev in events.values():
        assert set(ev.related) <= set(events)


def test_schema_rejects_what_it_should() -> None:
    good = json.loads(SHIPPED[0].read_text("utf-8"))
    bad_meter = {**good, "meters": ["happiness"]}
    missing_lang = {**good, "names": {"fi": "x", "sv": "y"}}
    extra = {**good, "surprise": 1}
    for doc in (bad_meter, missing_lang, extra):
        assert schema_errors(doc)


def _write(folder: Path, doc: dict[str, object], name: str = "own.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def _own_event(event_id: str = "own_event") -> dict[str, object]:
    doc = json.loads((BUILTIN_DIR / "job_loss.json").read_text("utf-8"))
    doc.update(id=event_id, related=["job_loss"])
    doc["names"] = {"fi": "Oma tilanne", "sv": "Egen situation", "en": "Own situation"}
    return doc


def test_an_organisation_adds_its_own_without_code(tmp_path: Path, web_runtime: Runtime) -> None:
    folder = tmp_path / "own"
    _write(folder, _own_event())
    rt = Runtime.create(Settings(data_dir=tmp_path / "d2", embedder="hashing", analyzer="simple",
                                 life_event_dir=folder), db=web_runtime.db)
    try:
        assert "own_event" in rt.life_events and "job_loss" in rt.life_events
        # the recommender reads the same definitions: the organisation's id is a known life event
        hits = rt.engine.recommend(RecommendQuery(meters={}, life_event="own_event", limit=3))
        assert hits
    finally:
        rt.close()


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(id="job_loss", related=[]), "already used"),
    (lambda d: d.update(related=["no_such_event"]), "related life events not found"),
    (lambda d: d["steps"].append(dict(d["steps"][0])), "step ids must be unique"),
    (lambda d: d.update(version="one"), "schema"),
])
def test_broken_organisation_files_name_file_and_problem(tmp_path: Path, change, message: str) -> None:
    doc = _own_event()
    change(doc)
    path = _write(tmp_path / "bad", doc)
    with pytest.raises(ImportFormatError) as err:
        load_life_events(tmp_path / "bad")
    assert message in str(err.value) and path.name in str(err.value)


def test_not_json_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{nope", "utf-8")
    with pytest.raises(ImportFormatError, match="not valid JSON"):
        load_life_events(tmp_path)


@pytest.mark.parametrize("municipality", ["091", "564"])
def test_every_required_step_finds_a_demo_service(web_runtime: Runtime, municipality: str) -> None:
    """Per life event: every non-optional step outside an and/or group, and at least one step of each
    group, has a service of the demo catalogue in the municipality or nationally."""
    snap = web_runtime.snapshot()
    byid = {s.id: s for s in snap.index.services}
    for ev in web_runtime.life_events.values():
        path = resolve(snap, ev, municipality_code=municipality)
        groups: dict[str, bool] = {}
        for rs in path.steps:
            for sid in rs.service_ids:
                svc = byid[sid]
                assert svc.is_national or municipality in svc.municipality_codes, (ev.id, rs.step.id, sid)
            if rs.step.optional:
                continue
            if rs.step.group:
                groups[rs.step.group] = groups.get(rs.step.group, False) or bool(rs.service_ids)
            else:
                assert rs.service_ids, f"{ev.id}/{rs.step.id} has no service in {municipality}"
        assert all(groups.values()), (ev.id, groups)


def test_local_services_come_before_national_ones(web_runtime: Runtime) -> None:
    snap = web_runtime.snapshot()
    ev = web_runtime.life_events["moving_to_study"]
    step = next(rs for rs in resolve(snap, ev, municipality_code="564").steps if rs.step.id == "housing")
    byid = {s.id: s for s in snap.index.services}
    assert step.local >= 1
    assert not byid[step.service_ids[0]].is_national
    assert "564" in byid[step.service_ids[0]].municipality_codes


def test_age_conditions_pick_steps() -> None:
    ev = load_life_events()["dropout_risk"]
    assert ev.when.holds(17, {}) and not ev.when.holds(45, {}) and ev.when.holds(None, {})


def test_search_and_answers_suggest_life_events() -> None:
    events = load_life_events()
    assert [e.id for e in suggest_for_text(events, "muutto opiskelemaan Ouluun")][:1] == ["moving_to_study"]
    assert [e.id for e in suggest_for_text(events, "Moving to Finland to study")][:1] == ["moving_to_study"]
    assert suggest_for_text(events, "kirjasto aukioloajat") == []
    low = {"housing": 2.0, "finance": 3.0, "friends": 4.0, "health": 9.0}
    assert "moving_to_study" in [e.id for e in suggest_for_answers(events, low)]
    assert suggest_for_answers(events, {k: 9.0 for k in low}) == []


def test_builtin_dir_is_the_only_source(tmp_path: Path) -> None:
    """vocab.py no longer defines life events: the recommender, search bridge and web app read the files."""
    import auroranet.vocab as vocab

    assert not hasattr(vocab, "LIFE_EVENTS") and not hasattr(vocab, "LifeEvent")
    shutil.copy(SHIPPED[0], tmp_path / "copy.json")
    with pytest.raises(ImportFormatError, match="already used"):
        load_life_events(tmp_path)
