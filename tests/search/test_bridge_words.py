"""How Swedish and English query words meet the bridge (bridge_words.py, bridge.py): prefixes only for
forms of one word, compounds through both their parts, phrases before single words, and the shipped
glossary's new concepts."""

from __future__ import annotations

import json

import pytest

from auroranet.catalogue.reference import ReferenceData
from auroranet.search.analysis import SimpleAnalyzer
from auroranet.search.bridge import MAX_UNITS, Bridge, Unit, units_from
from auroranet.search.bridge_words import WordMatcher
from auroranet.search.glossary import GLOSSARY_PATH, LANGS


def _bridge(*texts: dict[str, str]) -> Bridge:
    return Bridge.build([Unit(t) for t in texts], SimpleAnalyzer())


def _fi(br: Bridge, text: str) -> list[str]:
    return sorted(e.fi for e in br.expand(text))


WORDS = ({"fi": "koulu", "sv": "skola", "en": "school"},
         {"fi": "terveydenhuolto", "sv": "hälsovård", "en": "health care"},
         {"fi": "tulkkaus", "sv": "tolkning", "en": "interpreting"},
         {"fi": "konsertti", "sv": "konsert", "en": "concert"},
         {"fi": "osakeyhtiö", "sv": "aktiebolag", "en": "limited company"},
         {"fi": "yksinäisyys", "sv": "ensamhet", "en": "loneliness"})


def test_a_swedish_compound_is_met_through_its_two_parts() -> None:
    br = _bridge(*WORDS)
    assert _fi(br, "skolhälsovården") == ["koulu", "terveydenhuolto"]
    assert {e.words for e in br.expand("skolhälsovården")} == {("skolhälsovården",)}


def test_a_compound_of_a_word_and_service_is_the_word() -> None:
    assert _fi(_bridge(*WORDS), "tolkningstjänst") == ["tulkkaus"]


def test_a_prefix_is_only_another_form_of_the_same_word() -> None:
    """"aktietips" shares "aktie" with "aktiebolag" and "konsertbiljetter" starts with "konsert", but
    neither is a form of that word, and no unit knows "tips" or "biljetter"."""
    br = _bridge(*WORDS)
    assert br.expand("aktietips") == []
    assert br.expand("konsertbiljetter") == []
    assert _fi(br, "aktiebolaget") == ["osakeyhtiö"]
    assert _fi(br, "konserten") == ["konsertti"]
    assert _fi(br, "lonely") == ["yksinäisyys"]  # the prefix still joins "lonely" to "loneliness"


def test_a_rest_that_is_a_word_makes_a_compound_not_a_form() -> None:
    m = WordMatcher(["births", "day care"], {"birth", "day", "care"}, SimpleAnalyzer())
    assert "~birth" not in m.terms("birthday", "en", ("birthday",))
    assert "~birth" in m.terms("birthing", "en", ("birthing",))


def test_a_phrase_unit_replaces_the_units_of_its_words() -> None:
    """"work trial" is one concept: "trial" alone is a court case, "work" alone any work."""
    br = _bridge({"fi": "työkokeilu työhönvalmennus palkkatuki", "sv": "arbetsprövning jobbcoachning lönesubvention",
                  "en": "work trial job coaching pay subsidy"},
                 {"fi": "oikeudenkäynti", "sv": "rättegång", "en": "trial"},
                 {"fi": "työ", "sv": "arbete", "en": "work"})
    assert _fi(br, "work trial") == ["palkkatuki", "työhönvalmennus", "työkokeilu"]
    assert "oikeudenkäynti" in _fi(br, "trial")


def test_a_unit_without_catalogue_words_takes_no_place() -> None:
    """Units whose Finnish side no service uses ("Kriisiapu") do not crowd out one that has."""
    units = [Unit({"fi": f"puuttuva{i}", "sv": "krishjälp"}) for i in range(MAX_UNITS)]
    units.append(Unit({"fi": "kriisi", "sv": "krishjälp"}))
    br = Bridge.build(units, SimpleAnalyzer(), has_word=lambda terms: terms[0] == "kriisi")
    assert _fi(br, "krishjälp") == ["kriisi"]


def test_a_word_repeated_in_a_unit_counts_once() -> None:
    """"lääkäri, lääkärin vastaanotto" must not outweigh "terveyskeskus" for "health centre"."""
    br = _bridge({"fi": "lääkäri lääkärin vastaanotto terveyskeskus",
                  "sv": "läkare läkarmottagning hälsocentral", "en": "doctor doctor's appointment health centre"})
    assert "terveyskeskus" in _fi(br, "health centre")


def _glossary_bridge() -> Bridge:
    return Bridge.build(units_from(ReferenceData()), SimpleAnalyzer())


@pytest.mark.parametrize("text, fi", [
    ("skattekort", "verokortti"), ("tax card", "verokortti"), ("värnplikt", "asevelvollisuus"),
    ("military service", "asevelvollisuus"), ("bygglov", "rakennuslupa"), ("building permit", "rakennuslupa"),
    ("försörjningsstöd", "toimeentulotuki"), ("veterinär", "eläinlääkäri"), ("förhandsröstning", "äänestäminen"),
    ("studiestöd", "opintotuki"), ("snow ploughing", "lumi"),
])
def test_new_glossary_concepts_bridge(text: str, fi: str) -> None:
    assert fi in _fi(_glossary_bridge(), text)


@pytest.mark.parametrize("text", ["best kebab in Tampere", "cheap flights", "pizza recipe", "aktietips",
                                  "konsertbiljetter", "mobilskal", "funny cat videos", "billiga flyg"])
def test_out_of_scope_words_do_not_bridge(text: str) -> None:
    assert _glossary_bridge().expand(text) == []


def test_glossary_lines_are_unique_and_complete() -> None:
    lines = [json.loads(line) for line in GLOSSARY_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 300
    assert all(set(o) == set(LANGS) and all(o[lang].strip() for lang in LANGS) for o in lines)
    keys = [tuple(o[lang].lower() for lang in LANGS) for o in lines]
    assert len(keys) == len(set(keys))
