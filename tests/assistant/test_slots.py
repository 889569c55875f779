"""Slots: ages, municipalities (names in fi/sv, inflected forms), life events, needs, check-in answers."""

from __future__ import annotations

import pytest

from auroranet.assistant import slots
from auroranet.runtime import Runtime


@pytest.mark.parametrize("text,age", [("olen 17-vuotias", 17), ("Olen 23", 23), ("jag är 45 år", 45),
                                      ("I am 30 years old", 30), ("17 v", 17), ("asun Oulussa", None),
                                      ("olen 300-vuotias", None)])
def test_age(text: str, age: int | None) -> None:
    assert slots.age(text) == age


@pytest.mark.parametrize("text,code", [("asun Oulussa", "564"), ("jag bor i Uleåborg", "564"),
                                       ("Helsingistä", "091"), ("I live in Tampere", "837"),
                                       ("Åbo", "853"), ("ei kuntaa tässä", None)])
def test_municipality(rt: Runtime, text: str, code: str | None) -> None:
    assert slots.municipality(rt.catalogue().reference.municipalities, text) == code


def test_life_event_and_needs(rt: Runtime) -> None:
    assert slots.life_event("olen työtön ja etsin töitä", rt.life_events) == "job_seeking"
    assert slots.life_event("I might drop out of school", rt.life_events) == "dropout_risk"
    assert slots.life_event("kiitos", rt.life_events) is None
    assert slots.needs("en pysty maksamaan vuokraa ja velat painaa") == ("housing", "finance")
    assert slots.needs("jag känner mig ensam", "sv") == ("friends",)
    assert slots.needs("hello", "en") == ()
    assert slots.needs("I can't pay the rent", "fi") == ("housing",)  # another language's words as a fallback


@pytest.mark.parametrize("text,lang,value", [("3", "fi", 3), ("7/10", "en", 7), ("huonosti", "fi", 2),
                                             ("ihan ok", "fi", 5), ("mycket bra", "sv", 9), ("not great", "en", 3),
                                             ("11", "fi", None), ("banaani", "fi", None)])
def test_scale_answer(text: str, lang: str, value: int | None) -> None:
    assert slots.scale_answer(text, lang) == value


def test_language() -> None:
    assert slots.language("puhu englanniksi") == "en"
    assert slots.language("kan vi ta det på svenska") == "sv"
    assert slots.language("switch from finnish to swedish") == "sv"
