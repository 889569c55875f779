"""What people type in a municipality field → the municipality code, with Voikko and without it."""

from __future__ import annotations

from typing import Iterable

import pytest

from auroranet.catalogue import reference
from auroranet.catalogue.municipality_names import (
    normalise,
    resolve_municipality,
    stems,
    suffix_candidates,
    voikko_base_forms,
)
from auroranet.search.analysis import voikko_available

REF = reference.packaged().municipalities

INFLECTED = {
    "Oulussa": "564", "Oulusta": "564", "Ouluun": "564", "Oulun": "564", "Helsingissä": "091",
    "Helsingistä": "091", "Helsinkiin": "091", "Tampereella": "837", "Tampereelta": "837", "Tampereelle": "837",
    "Turussa": "853", "Turkuun": "853", "Jyväskylässä": "179", "Vantaalla": "092", "Espoossa": "049",
    "Espooseen": "049", "Porissa": "609", "Kuopiossa": "297", "Lahdessa": "398", "Lahteen": "398",
    "Joensuussa": "167", "Joensuuhun": "167", "Rovaniemellä": "698", "Seinäjoella": "743",
    "Hämeenlinnassa": "109", "Kouvolassa": "286", "Lappeenrannassa": "405", "Hangossa": "078",
    "Kauniaisissa": "235", "Raahessa": "678", "Kiteellä": "260", "Iissä": "139", "Nurmijärvellä": "543",
    "Kirkkonummella": "257", "Luumäellä": "441", "Alavudella": "010", "Varkaudessa": "915",
    "Kannuksessa": "217", "Mänttä-Vilppulassa": "508", "Finströmissä": "060", "Kotkassa": "285",
    "OULUSSA": "564", " oulussa. ": "564", "Oulun kaupunki": "564",
}
SWEDISH = {"Uleåborg": "564", "Helsingfors": "091", "Åbo": "853", "Vasa": "905", "Esbo": "049",
           "Vanda": "092", "Borgå": "638", "Tammerfors": "837", "i Uleåborg": "564", "Vasa stad": "905"}
CODES = {"091": "091", "91": "091", "5": "005", "564": "564"}
OTHER_NAMES = {"Maarianhamina": "478", "Mariehamn": "478", "Pedersöre": "599", "Pedersören kunta": "599",
               "Koski Tl": "284", "Koski": "284", "Mänttä Vilppula": "508", "helsinki": "091"}
UNKNOWN = ["", "   ", "Atlantis", "Oul", "Hel", "Kau", "Vantaa Espoo", "999", "000", "1234", "kissa", "Tukholmassa"]


def fallback(text: str) -> str | None:
    return resolve_municipality(REF, text, base_forms=None)


def test_codes_match_the_list() -> None:
    assert REF["091"]["fi"] == "Helsinki" and REF["609"]["fi"] == "Pori" and REF["478"]["sv"] == "Mariehamn"


@pytest.mark.parametrize("text, code", [*INFLECTED.items(), *SWEDISH.items(), *CODES.items(), *OTHER_NAMES.items()])
def test_fallback_resolves(text: str, code: str) -> None:
    assert fallback(text) == code


@pytest.mark.parametrize("text", UNKNOWN)
def test_unknown_and_ambiguous_text_gives_none(text: str) -> None:
    assert fallback(text) is None
    assert resolve_municipality(REF, text) is None


def test_every_name_in_every_language_resolves_both_ways() -> None:
    for code, names in REF.items():
        for name in names.values():
            assert fallback(name) == code, name
            assert resolve_municipality(REF, name) == code, name


def test_fallback_stems_never_name_another_municipality() -> None:
    """Every stem the stripper knows, with a case ending, gives its own municipality and no other."""
    for code, names in REF.items():
        for stem in stems(normalise(names["fi"])):
            for ending in ("ssa", "stä", "lla", "ltä", "lle", "n"):
                assert fallback(stem + ending) in (code, None), stem + ending


def test_gradation_stems_and_candidates() -> None:
    assert {"turku", "turu"} <= stems("turku")
    assert {"helsinki", "helsingi"} <= stems("helsinki")
    assert {"lahti", "lahde", "lahte"} <= stems("lahti")
    assert "seinäjoe" in stems("seinäjoki") and "tamperee" in stems("tampere")
    assert "kota" not in stems("kotka")  # k after a consonant does not alternate
    assert "kauniaise" in stems("kauniainen")
    assert {"oulu"} <= suffix_candidates("ouluun") and "espoo" in suffix_candidates("espooseen")
    assert "joensuu" in suffix_candidates("joensuuhun")


def test_an_injected_base_form_function_is_used() -> None:
    """The Voikko path: base forms come from the given function (a form the stripper alone cannot read)."""
    calls: list[str] = []

    def base_forms(word: str) -> Iterable[str]:
        calls.append(word)
        return ["Uusikaupunki"] if word == "uudessakaupungissa" else []

    assert fallback("Uudessakaupungissa") is None
    assert resolve_municipality(REF, "Uudessakaupungissa", base_forms=base_forms) == "895"
    assert calls == ["uudessakaupungissa"]
    # A base form naming two municipalities is not a guess; the stripper still runs when Voikko has nothing.
    assert resolve_municipality(REF, "Turussa", base_forms=lambda w: ["Oulu", "Turku"]) == "853"
    assert resolve_municipality(REF, "Oulussa", base_forms=lambda w: []) == "564"


@pytest.mark.skipif(not voikko_available(), reason="Voikko is not installed")
@pytest.mark.parametrize("text, code", [*INFLECTED.items(), ("Uudessakaupungissa", "895"), ("Pedersöressä", "599")])
def test_voikko_resolves(text: str, code: str) -> None:
    assert resolve_municipality(REF, text) == code


@pytest.mark.skipif(not voikko_available(), reason="Voikko is not installed")
def test_voikko_base_forms() -> None:
    assert "Oulu" in voikko_base_forms("oulussa")
    assert "Helsinki" in voikko_base_forms("helsingissä")
