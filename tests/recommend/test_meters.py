import json

import pytest

from auroranet.errors import InputError
from auroranet.recommend.meters import (FINNISH_NAMES, METER_KEYS, NEED_DESCRIPTIONS,
                                        needs_from_scores, validate_meters)
from auroranet.vocab import METER_NAMES


def test_low_values_become_needs_strongest_first():
    needs = needs_from_scores({"housing": 2, "finance": 5, "health": 9})
    assert [k for k, _ in needs] == ["housing", "finance"]
    assert needs[0][1] == pytest.approx(5 / 7)
    assert needs[1][1] == pytest.approx(2 / 7)


def test_all_high_falls_back_to_lowest_with_small_weight():
    needs = needs_from_scores({"housing": 9, "finance": 8, "health": 10})
    assert [k for k, _ in needs] == ["finance", "housing"]
    assert all(0 < w < 0.1 for _, w in needs)


def test_every_meter_at_ten_falls_back_to_developing_yourself_and_friends():
    """Not family and finance, the first keys alphabetically: on the real catalogue they gave a person
    doing well child-protection family work and acute foster care."""
    needs = needs_from_scores(dict.fromkeys(METER_KEYS, 10.0))
    assert [k for k, _ in needs] == ["friends", "improvement_of_strengths"]
    assert all(0 < w < 0.1 for _, w in needs)


def test_ties_broken_by_key():
    assert [k for k, _ in needs_from_scores({"health": 3, "family": 3})] == ["family", "health"]


@pytest.mark.parametrize("bad", [{"nope": 3}, {"health": 11}, {"health": -1}, {"health": "x"}, {"health": float("nan")}])
def test_bad_meters_are_rejected(bad):
    with pytest.raises(InputError):
        validate_meters(bad)


def test_texts_in_three_languages_and_names_match_shared_data(shared_data):
    meters = json.loads((shared_data / "meters" / "life_situation_meters.json").read_text(encoding="utf-8"))
    assert {m["key"]: m["name_fi"] for m in meters} == FINNISH_NAMES
    assert set(METER_KEYS) == set(METER_NAMES)
    for key in METER_KEYS:
        for lang in ("fi", "sv", "en"):
            assert len(NEED_DESCRIPTIONS[key][lang]) > 100
            assert METER_NAMES[key][lang]
