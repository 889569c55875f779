"""The persona list ships in a readable form and its expectations catch what they describe."""

from __future__ import annotations

from pathlib import Path

import pytest

from auroranet.errors import InputError
from auroranet.evaluation.personas import DEFAULT_PERSONAS, check, load_personas


def test_the_shipped_personas_cover_crisis_nonsense_ages_and_languages() -> None:
    personas = load_personas(DEFAULT_PERSONAS)
    assert len({p.id for p in personas}) == len(personas)
    assert {p.lang for p in personas} == {"fi", "sv", "en"}
    assert any(p.urgent for p in personas) and any(p.urgent is False for p in personas)
    assert any(p.empty for p in personas)
    assert {15, 17, 70} <= {p.age for p in personas if p.age is not None}


def test_expectations_fail_when_they_should() -> None:
    lonely, = [p for p in load_personas(DEFAULT_PERSONAS) if p.id == "lonely_en"]
    assert check(lonely, [("Päihdeongelmaisten palveluohjaus", "")], [], 1)
    assert check(lonely, [("Kohtaamispaikka", "")], [], 1) == []
    pizza, = [p for p in load_personas(DEFAULT_PERSONAS) if p.id == "pizza_fi"]
    assert check(pizza, [], [], 0) == [] and check(pizza, [("Reseptin uusiminen", "")], [], 1)
    crisis, = [p for p in load_personas(DEFAULT_PERSONAS) if p.id == "crisis_suicide_en"]
    assert check(crisis, [], [], 0) == ["no urgent help"] and check(crisis, [], ["112"], 0) == []


def test_a_bad_persona_line_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "p.jsonl"
    bad.write_text('{"id": "x", "lang": "fi"}\n', encoding="utf-8")
    with pytest.raises(InputError):
        load_personas(bad)
