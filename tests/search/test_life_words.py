"""Everyday life words (issue 10 §2, §5): persons, times, the body and the home that the catalogue lacks
do not count against a query, while an unknown noun of another domain still does."""

from __future__ import annotations

import pytest

from auroranet.search.analysis import voikko_available
from auroranet.search.life_words import is_life_word
from auroranet.search.weak_words import is_weak
from tests.search.helpers import found_ids, small_index, svc


@pytest.mark.parametrize("word", ["fru", "kompisar", "tonåring", "helgen", "tid", "husband", "wife", "toddler",
                                  "weekend", "teeth", "bus", "things", "15-åring", "15-year-old", "n", "bad",
                                  "severe"])
def test_swedish_and_english_life_words_ages_and_fragments_are_weak(word: str) -> None:
    assert is_weak(word)


@pytest.mark.parametrize("word", ["pizza", "iphone", "bitcoin", "horoscope", "console", "movie", "lyrics",
                                  "girlfriend", "tonight", "ikväll", "mm-kisojen"])
def test_nouns_of_other_domains_are_not_life_words(word: str) -> None:
    assert not is_weak(word)


def test_finnish_life_words_by_base_form() -> None:
    assert is_life_word("vaimoani", ["vaimo"]) and is_life_word("hammasta", ["hammas", "hammastaa"])
    assert not is_life_word("pizzan", ["pizza"]) and not is_life_word("elokuvan", ["elokuva"])


@pytest.mark.skipif(not voikko_available(), reason="Voikko gives Finnish base forms")
def test_finnish_inflected_life_words_are_weak() -> None:
    assert all(is_weak(w) for w in ("taaperoni", "mieheni", "kavereilla", "viikonloppuna", "hammasta"))
    assert is_weak("kovasti") and is_weak("pahasti")  # adverbs made of adjectives, not the adjectives
    assert not is_weak("kova") and not is_weak("paha")
    assert not any(is_weak(w) for w in ("horoskooppi", "jääkiekon", "konsolin", "elokuvan", "bitcoinin"))


def test_an_unknown_life_word_does_not_raise_the_floor_but_a_domain_noun_does() -> None:
    index = small_index(svc("care", "Omaishoidon tuki", "Tukea omaishoitajalle, joka hoitaa läheistä kotona."),
                        svc("dent", "Hammashoidon päivystys", "Päivystys ja kiireellinen hoito."))

    def found(text: str) -> set[str]:
        return found_ids(index, text)

    assert found("omaishoitaja husband weekend") == {"care"}  # whose and when: no sign of out of scope
    assert found("omaishoitaja pizza console") == set()  # nouns of other domains are
