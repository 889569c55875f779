"""Explanations people can read (fi/sv/en)."""

from __future__ import annotations

from auroranet.engine.contract import Explanation
from auroranet.search.explain_text import driving_needs, render_explanation

NAMES = {"564": {"fi": "Oulu", "sv": "Uleåborg"}}


def test_only_content_words_are_cited():
    lines = render_explanation(Explanation(matched_terms=["to", "asunto"]), "en")
    assert lines == ["Your search words in its text: asunto"]


def test_bridged_words_show_the_finnish_word():
    lines = render_explanation(Explanation(bridged_terms=[("bostadsbidrag", "asumistuki")]), "sv")
    assert lines == ["Dina sökord i texten: bostadsbidrag (på finska asumistuki)"]


def test_bridged_words_are_grouped_and_a_word_met_itself_is_not_translated():
    both = [("student", "asuminen"), ("housing", "asuminen"), ("student", "asunnot"), ("housing", "asunnot")]
    assert render_explanation(Explanation(bridged_terms=both), "en") == [
        "Your search words in its text: student housing (in Finnish asuminen, asunnot)"]
    itself = Explanation(matched_terms=["opiskelija-asunto"], bridged_terms=[("opiskelija-asunto", "opiskelija")])
    assert render_explanation(itself, "fi") == ["Hakusanasi tekstissä: opiskelija-asunto"]


def test_municipality_names_not_codes_and_grammatical_swedish():
    expl = Explanation(matched_terms=["bibliotek"], admitted_by=["municipality:564", "national"])
    sv = render_explanation(expl, "sv", NAMES)
    assert sv[-1] == "Enligt ditt urval: erbjuds i Uleåborg och en riksomfattande tjänst"
    assert not any("564" in line or "Med eftersom" in line for line in sv)
    assert render_explanation(expl, "en", NAMES)[-1].endswith("offered in Oulu and a nationwide service")


def test_result_admitted_only_by_a_filter_says_so():
    assert render_explanation(Explanation(admitted_by=["national"]), "en") == [
        "Shown only because of your filter: a nationwide service"]


def test_at_most_three_needs_that_drove_the_result():
    needs = [("friends", 6.0), ("housing", 2.0), ("finance", 3.0), ("health", 4.0), ("family", 3.5)]
    assert driving_needs(needs) == [("housing", 2.0), ("finance", 3.0), ("family", 3.5)]
    line = render_explanation(Explanation(needs=needs), "fi")[0]
    assert "ystävät" not in line and line.count("/10") == 3


def test_no_content_match_claim_below_the_floor():
    assert render_explanation(Explanation(sources={"dense": 0.8}), "en") == []
    assert render_explanation(Explanation(sources={"dense": 0.9, "dense_floor": 0.885}), "en") == [
        "The service description matches your search"]
