"""Programme categories carry fi/sv/en names for people; a name for a category no service has is refused."""

from __future__ import annotations

import json

import pytest

from auroranet.lifeevents.model import builtin_life_events
from auroranet.errors import ImportFormatError
from auroranet.wallet.programmes import DEMO_PROGRAMME, parse, read_file


def test_demo_categories_have_names_in_three_languages() -> None:
    spec = read_file(DEMO_PROGRAMME, life_events=builtin_life_events())
    for category in set(spec.services.values()):
        names = spec.category_name(category)
        assert set(names) == {"fi", "sv", "en"} and category not in names.values()
    assert spec.category_name("unnamed") == {"fi": "unnamed", "sv": "unnamed", "en": "unnamed"}


def test_a_name_for_an_unknown_category_is_refused() -> None:
    data = json.loads(DEMO_PROGRAMME.read_text(encoding="utf-8"))
    data["category_names"]["nope"] = {"fi": "Ei", "sv": "Nej", "en": "No"}
    with pytest.raises(ImportFormatError, match="nope"):
        parse(data, "test.json", life_events=builtin_life_events())
