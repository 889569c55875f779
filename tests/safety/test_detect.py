"""Crisis detection per language: positives (with Finnish inflection, colloquial forms and common
misspellings), negatives (professional and training contexts, ordinary service queries) and the profile
rule. These cases are the measured test set reported with the change; add a case for every miss found."""

from __future__ import annotations

import pytest

from auroranet.safety import help_for_meters, help_for_text
from auroranet.safety.detect import detect_meters, detect_text, normalise
from auroranet.safety.lexicon import KINDS, LEXICON, PROFILE_RULES
from auroranet.vocab import METER_KEYS

# (text, the kind it must signal)
POSITIVE: dict[str, list[tuple[str, str]]] = {
    "fi": [
        ("itsemurha", "suicide"), ("itsemurhaa", "suicide"), ("itsemurhan", "suicide"),
        ("itsemurha-ajatuksia", "suicide"), ("itse murha", "suicide"), ("itsmurha", "suicide"),
        ("mä haluun kuolla", "suicide"), ("haluan kuolla", "suicide"), ("haluaisin vain kuolla pois", "suicide"),
        ("tapan itteni", "suicide"), ("aion tappaa itseni", "suicide"), ("kaveri uhkaa tappaa itsensä", "suicide"),
        ("en jaksa enää elää", "suicide"), ("EN JAKSA ELÄÄ", "suicide"), ("en halua elaa", "suicide"),
        ("haluan lopettaa elämäni", "suicide"), ("itsetuhoiset ajatukset", "suicide"),
        ("viiltelen", "self_harm"), ("viiltely", "self_harm"), ("satutan itseäni", "self_harm"),
        ("satutan itteäni", "self_harm"),
        ("mieheni lyö minua", "violence"), ("isä hakkaa mua", "violence"), ("kotona on väkivaltaa", "violence"),
        ("väkivaltaa kotona", "violence"), ("lähisuhdeväkivalta", "violence"), ("perheväkivallan uhri", "violence"),
        ("pelkään miestäni", "violence"), ("turvakoti", "violence"),
        ("minut raiskattiin", "sexual_violence"), ("raiskaus", "sexual_violence"), ("raiskasi minut", "sexual_violence"),
        ("seksuaalinen väkivalta", "sexual_violence"),
        ("yliannostus", "poisoning"), ("otin yliannostuksen", "poisoning"), ("myrkytys", "poisoning"),
        ("lapsi nielaisi pesuainetta", "poisoning"), ("onko tämä sieni myrkyllinen", "poisoning"),
        ("alkoholimyrkytys", "poisoning"), ("kaveri on tajuton", "poisoning"),
        ("ei yöpaikkaa", "homeless"), ("ei yopaikkaa tanaan", "homeless"), ("nukun kadulla", "homeless"),
        ("asunnoton tänä yönä", "homeless"), ("mulla ei oo paikkaa mihin mennä tänä yönä", "homeless"),
        ("mulla ei oo kotia mihin mennä", "homeless"), ("missä nukun tänä yönä", "homeless"), ("ensisuoja", "homeless"),
    ],
    "sv": [
        ("självmord", "suicide"), ("sjalvmord", "suicide"), ("självmordstankar", "suicide"),
        ("jag vill ta livet av mig", "suicide"), ("jag vill dö", "suicide"), ("vill inte leva längre", "suicide"),
        ("jag orkar inte leva", "suicide"),
        ("jag skadar mig själv", "self_harm"), ("skada mig själv", "self_harm"), ("självskadebeteende", "self_harm"),
        ("min man misshandlar mig", "violence"), ("pappa slår mig", "violence"), ("våld i hemmet", "violence"),
        ("våld i nära relationer", "violence"), ("rädd för min man", "violence"),
        ("våldtäkt", "sexual_violence"), ("jag blev våldtagen", "sexual_violence"),
        ("sexuellt våld", "sexual_violence"),
        ("överdos", "poisoning"), ("förgiftning", "poisoning"), ("giftinformationscentralen", "poisoning"),
        ("ingenstans att sova", "homeless"), ("jag har ingenstans att sova i natt", "homeless"),
        ("hemlös i natt", "homeless"), ("jag har inget ställe att sova på", "homeless"), ("sover ute", "homeless"),
    ],
    "en": [
        ("i want to kill myself", "suicide"), ("I wanna die", "suicide"), ("kill my self", "suicide"),
        ("i'm going to kill myself", "suicide"), ("suicide", "suicide"), ("suicidal thoughts", "suicide"),
        ("sucide", "suicide"), ("i want to end my life", "suicide"), ("I don't want to live anymore", "suicide"),
        ("i wish i was dead", "suicide"), ("want to dieee", "suicide"),
        ("self-harm", "self_harm"), ("self harm", "self_harm"), ("i keep cutting myself", "self_harm"),
        ("hurting myself", "self_harm"),
        ("my husband hits me", "violence"), ("abuse at home", "violence"), ("domestic violence", "violence"),
        ("my dad beats me", "violence"), ("i am scared of my partner", "violence"),
        ("i was raped", "sexual_violence"), ("rape", "sexual_violence"), ("sexual assault", "sexual_violence"),
        ("overdose", "poisoning"), ("i think i was poisoned", "poisoning"), ("took too many pills", "poisoning"),
        ("my child swallowed bleach", "poisoning"),
        ("nowhere to sleep tonight", "homeless"), ("homeless tonight", "homeless"), ("sleeping rough", "homeless"),
        ("no place to stay tonight", "homeless"), ("i have no place to go tonight", "homeless"), ("where can i sleep tonight", "homeless"),
    ],
}

NEGATIVE: dict[str, list[str]] = {
    "fi": ["kriisinhallinta", "väkivallan ehkäisyn koulutus", "asuntoa opiskelijalle", "työttömyysturva",
           "kriisinhallinnan koulutus yrityksille", "itsemurhien ehkäisyn koulutus henkilöstölle",
           "lähisuhdeväkivallan ehkäisyn koulutus ammattilaisille", "päihdepalvelut", "mielenterveyspalvelut",
           "lastensuojelu", "luontopolut", "vanhempainpuhelin", "tapaan ystäviä", "kuolinpesän asiat",
           "ensiapukurssi", "asumisneuvonta", "kotihoito vanhukselle", "perheneuvola", "itsetunto",
           "kuntosali", "nuorisotila", "ei ole paikkaa mihin mennä töiden jälkeen", "koti ja asuminen"],
    "sv": ["bostadsbidrag", "krishantering", "utbildning i våldsprevention", "arbetslöshetsersättning",
           "en kurs om självmordsprevention för personalen", "hemvård för äldre", "familjerådgivning"],
    "en": ["crisis management training for companies", "unemployment benefit", "suicide prevention research",
           "suicide prevention training for staff", "housing for students", "violence prevention training",
           "poison ivy workshop", "nature trails", "register as a job seeker", "kill time in helsinki",
           "this traffic is killing me", "side effects", "inside sports", "grape juice"],
}


def _cases(table: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str, str]]:
    return [(lang, text, kind) for lang, cases in table.items() for text, kind in cases]


@pytest.mark.parametrize(("lang", "text", "kind"), _cases(POSITIVE))
def test_detects(lang: str, text: str, kind: str) -> None:
    assert kind in detect_text(text), f"{lang}: {text!r} should signal {kind}"


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, ts in NEGATIVE.items() for t in ts])
def test_ordinary_queries_do_not_trigger(lang: str, text: str) -> None:
    assert detect_text(text) == (), f"{lang}: {text!r}"
    assert help_for_text(text, lang) == []


def test_first_person_overrides_a_training_context() -> None:
    assert detect_text("suicide prevention training for staff") == ()
    assert "suicide" in detect_text("i went to a training but i still want to kill myself")
    assert "suicide" in detect_text("mulla on itsemurha-ajatuksia, kurssi ei auttanut")
    assert "suicide" in detect_text("suicide prevention")  # no professional context: help is shown


def test_every_language_has_cases_for_every_text_kind() -> None:
    text_kinds = {k for k, by_lang in LEXICON.items() if by_lang}
    for lang, cases in POSITIVE.items():
        assert {kind for _, kind in cases} == text_kinds, lang


def test_kinds_come_most_urgent_first() -> None:
    assert detect_text("otin yliannostuksen koska haluan kuolla") == ("suicide", "poisoning")
    assert detect_text("") == () and detect_text("   ") == ()


def test_normalise() -> None:
    assert normalise("Ä-ö  Å!!") == " a o a "
    assert normalise("I'm sooooo tired") == " im soo tired "
    assert normalise("ｉｔｓｅｍｕｒｈａ") == " itsemurha "  # NFKC folds full-width letters


def test_profile_rule() -> None:
    low = {"resilience": 0.0, "self_esteem": 1.0, "life_satisfaction": 0.5, "housing": 9.0}
    assert detect_meters(low) == ("mental_health",)
    assert detect_meters({**low, "self_esteem": 1.5}) == ()
    assert detect_meters({"resilience": 0.0, "self_esteem": 0.0}) == ()  # one of the three unanswered
    assert detect_meters({k: 0.0 for k in ("housing", "finance", "health")}) == ()
    assert [h.id for h in help_for_meters(low, "fi")][:2] == ["emergency_112", "mieli_crisis_fi"]
    assert help_for_meters({"housing": 2.0}, "fi") == []
    for rule in PROFILE_RULES:
        assert set(rule.meters) <= set(METER_KEYS) and rule.kind in KINDS


def test_age_drops_services_outside_their_ages() -> None:
    low = {"resilience": 0.0, "self_esteem": 0.0, "life_satisfaction": 0.0}
    assert "sekasin_chat" in [h.id for h in help_for_meters(low, "fi", age=17)]
    assert "sekasin_chat" not in [h.id for h in help_for_meters(low, "fi", age=45)]
