"""The crisis contacts are data: every entry complete in fi/sv/en, with a valid phone number or link, a
source and the date it was checked; the emergency number first whenever anything was detected."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from auroranet.i18n import LANGS
from auroranet.safety.contacts import (CONTACTS_PATH, EMERGENCY_ID, PHONE, ContactsFile, all_help, contacts,
                                       footer_help, tel_uri, urgent_help)
from auroranet.safety.lexicon import KINDS

REQUIRED = {"emergency_112", "mieli_crisis_fi", "sekasin_chat", "nollalinja", "mll_children_youth",
            "medical_helpline_116117", "poison_information_centre", "social_emergency_services"}


def test_the_public_crisis_services_are_all_there() -> None:
    ids = [c.id for c in contacts()]
    assert REQUIRED <= set(ids)
    assert ids[0] == EMERGENCY_ID
    by_id = {c.id: c for c in contacts()}
    assert by_id["emergency_112"].phone == "112" and set(by_id["emergency_112"].kinds) == set(KINDS)
    assert by_id["medical_helpline_116117"].phone == "116117"
    assert by_id["mieli_crisis_fi"].phone == "09 2525 0111"
    assert by_id["poison_information_centre"].phone == "0800 147 111"
    assert by_id["nollalinja"].phone == "080 005 005"
    assert by_id["mll_children_youth"].phone == "116 111"


def test_every_contact_is_complete() -> None:
    raw = json.loads(CONTACTS_PATH.read_text("utf-8"))["contacts"]
    for entry in raw:
        for key in ("name", "purpose", "hours"):
            assert set(entry[key]) == set(LANGS) and all(v.strip() for v in entry[key].values()), (entry["id"], key)
        assert entry["sources"] and all(s.startswith(("https://", "http://")) for s in entry["sources"])
        assert date.fromisoformat(entry["checked"]) <= date.today()
        assert entry["phone"] or entry["url"]
        assert entry["phone"] is None or PHONE.match(entry["phone"]), entry["phone"]
        assert set(entry["languages"]) <= set(LANGS)
    for kind in KINDS:  # every kind reaches at least one service besides 112
        assert [c for c in contacts() if c.id != EMERGENCY_ID and kind in c.kinds], kind


def test_tel_uri() -> None:
    assert tel_uri("112") == "tel:112"
    assert tel_uri("116 111") == "tel:116111"
    assert tel_uri("09 2525 0111") == "tel:+358925250111"
    assert tel_uri("0800 147 111") == "tel:+358800147111"
    with pytest.raises(ValueError):
        tel_uri("javascript:alert(1)")


@pytest.mark.parametrize("bad", [
    {"phone": "call us"}, {"phone": "+358 9 123"}, {"url": {"fi": "javascript:x", "sv": "https://a.fi", "en": "https://a.fi"}},
    {"name": {"fi": "Nimi", "sv": "", "en": "Name"}}, {"kinds": ["boredom"]}, {"languages": ["de"]},
    {"phone": None, "url": None}, {"checked": "someday"},
])
def test_a_broken_entry_is_refused(bad: dict[str, object]) -> None:
    doc = json.loads(CONTACTS_PATH.read_text("utf-8"))
    doc["contacts"][0].update(bad)
    with pytest.raises(ValidationError):
        ContactsFile.model_validate(doc)


def test_emergency_number_comes_first_and_nothing_without_a_crisis() -> None:
    assert urgent_help((), "fi") == []
    for kind in KINDS:
        for lang in LANGS:
            items = urgent_help((kind,), lang)
            assert items[0].id == EMERGENCY_ID and len(items) >= 2, (kind, lang)
    poisoning = [h.id for h in urgent_help(("poisoning",), "fi")]
    assert poisoning[:2] == ["emergency_112", "poison_information_centre"]
    violence = [h.id for h in urgent_help(("violence",), "en")]
    assert violence[:2] == ["emergency_112", "nollalinja"]
    homeless = [h.id for h in urgent_help(("homeless",), "sv")]
    assert homeless == ["emergency_112", "social_emergency_services"]


def test_a_line_in_the_readers_language_comes_before_the_finnish_one() -> None:
    sv = [h.id for h in urgent_help(("suicide",), "sv")]
    en = [h.id for h in urgent_help(("suicide",), "en")]
    fi = [h.id for h in urgent_help(("suicide",), "fi")]
    assert sv.index("mieli_crisis_sv") < sv.index("mieli_crisis_fi") and "mieli_crisis_en" not in sv
    assert en.index("mieli_crisis_en") < en.index("mieli_crisis_fi") and "mieli_crisis_sv" not in en
    assert "mieli_crisis_sv" not in fi and "mieli_crisis_en" not in fi
    assert urgent_help(("suicide",), "en")[0].name == "Emergency number 112"
    assert urgent_help(("suicide",), "de")[0].name == "Hätänumero 112"  # unknown language: Finnish


def test_footer_and_help_page_lists() -> None:
    for lang in LANGS:
        footer = footer_help(lang)
        assert footer[0].id == EMERGENCY_ID and any(h.id.startswith("mieli_crisis") for h in footer)
        assert {h.id for h in all_help(lang)} >= REQUIRED


def test_the_file_is_package_data() -> None:
    assert CONTACTS_PATH.parent.name == "safety" and CONTACTS_PATH.suffix == ".json"
    text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8")
    assert '"**/*.json"' in text  # [tool.setuptools.package-data] ships it with the package


def test_the_childrens_and_young_peoples_phone_is_not_offered_to_adults() -> None:
    """MLL's 116 111 is for children and young people (its crisis line: 12–20-year-olds); a 28- or
    70-year-old in crisis was shown it beside the adult crisis lines."""
    for lang, mll in (("fi", "mll_children_youth"), ("sv", "mll_children_youth_sv")):
        assert mll in [h.id for h in urgent_help(("suicide",), lang, age=16)]
        assert mll in [h.id for h in urgent_help(("suicide",), lang)]  # age unknown: shown
        for age in (28, 70):
            shown = [h.id for h in urgent_help(("suicide",), lang, age=age)]
            assert mll not in shown and f"mieli_crisis_{lang}" in shown
