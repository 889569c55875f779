"""The bridge weighs Finnish words per query word, and does not read a word through a lemma that lost
most of it."""

from __future__ import annotations

from auroranet.search.analysis import SimpleAnalyzer
from auroranet.search.bridge import Bridge, Unit


def _bridge(*texts: dict[str, str]) -> Bridge:
    return Bridge.build([Unit(t) for t in texts], SimpleAnalyzer())


def test_a_short_unit_of_one_word_does_not_crowd_out_the_concept_of_another():
    """"child" has a one-word unit, "daycare" a concept of five Finnish words; each query word keeps its
    own best Finnish words (weighed across the whole query, "lapsi" alone outweighed them all)."""
    br = _bridge({"fi": "lapsi", "sv": "barn", "en": "child"},
                 {"fi": "varhaiskasvatus päiväkoti päivähoito perhepäivähoito esiopetus",
                  "sv": "småbarnspedagogik daghem dagvård familjedagvård förskoleundervisning",
                  "en": "early childhood education daycare day care family daycare pre-primary"})
    found = {e.fi: e.words for e in br.expand("daycare for my child")}
    assert "lapsi" in found and found["lapsi"] == ("child",)
    assert "päiväkoti" in found and "päivähoito" in found
    assert found["päiväkoti"] == ("daycare",)


def test_one_word_query_keeps_its_best_words_only():
    br = _bridge({"fi": "lapsi", "sv": "barn", "en": "child"},
                 {"fi": "lapsilisä", "sv": "barnbidrag", "en": "child benefit"})
    assert [e.fi for e in br.expand("barnbidrag")] == ["lapsilisä"]


def test_a_lemma_that_lost_most_of_the_word_is_not_read():
    """simplemma reads Swedish "billigaste" (cheapest) as "bil" (car); the bridge must not offer
    "auto" for it, while a real inflection ("bilen") still finds it."""
    br = _bridge({"fi": "auto", "sv": "bil", "en": "car"})
    assert SimpleAnalyzer().analyze_words("billigaste", "sv")[0][1][0] == "bil"  # the premise
    assert br.expand("billigaste") == []
    assert [e.fi for e in br.expand("bilen")] == ["auto"]


def test_a_word_is_known_only_when_the_catalogue_has_its_best_translations():
    """"lonely": its best (rarest) translation "yksinäisyys" is not in the catalogue, only the looser
    "vertaistuki" of the same concept is; the word is offered but not counted as known (``direct``),
    so one bridged word of "lonely ... friends" is no evidence alone."""
    units = [Unit({"fi": "yksinäisyys vertaistuki", "sv": "ensamhet kamratstöd", "en": "loneliness lonely peer support"}),
             Unit({"fi": "vertaistuki ryhmä", "sv": "kamratstöd grupp", "en": "peer support group"})]
    br = Bridge.build(units, SimpleAnalyzer(),  # the catalogue has "vertaistuki" and "ryhmä" only
                      has_word=lambda terms: any(t.startswith(("vertaistu", "ryhm")) for t in terms))
    exp = {e.fi: e for e in br.expand("lonely")}
    assert "yksinäisyys" not in exp and exp["vertaistuki"].words == ("lonely",)
    assert exp["vertaistuki"].direct == ()
    everything = Bridge.build(units, SimpleAnalyzer())
    assert {e.fi: e for e in everything.expand("lonely")}["yksinäisyys"].direct == ("lonely",)
    assert {e.fi: e for e in br.expand("peer support group")}["vertaistuki"].direct != ()


def _thesaurus_bridge(monkeypatch, concepts: list[dict[str, str]]) -> Bridge:
    """A catalogue that says "ystävätoiminta" and "asunto" but never "yksinäinen"/"yksinäisyys"."""
    import auroranet.search.bridge as bridge_mod

    monkeypatch.setattr(bridge_mod, "glossary_texts", lambda: tuple(concepts))
    an = SimpleAnalyzer()
    catalogue = {t for t in an.analyze("ystävätoiminta asunto", "fi")}
    units = [Unit({"fi": "yksinäisyys", "sv": "ensamhet", "en": "loneliness"}),
             Unit({"fi": "yksinäisyys yksinäinen ystävätoiminta", "sv": "ensamhet ensam vänverksamhet",
                   "en": "loneliness lonely befriending"})]
    return Bridge.build(units, an, has_word=lambda terms: bool(terms) and terms[0] in catalogue)


LONELINESS = {"fi": "yksinäisyys yksinäinen ystävätoiminta", "sv": "ensamhet ensam vänverksamhet",
              "en": "loneliness lonely befriending"}


def test_a_finnish_word_no_service_uses_is_bridged_to_its_concepts_catalogue_words(monkeypatch):
    br = _thesaurus_bridge(monkeypatch, [LONELINESS])
    found = br.expand("yksinäinen")
    assert [e.fi for e in found] == ["ystävätoiminta"] and found[0].words == ("yksinäinen",)
    assert br.expand("asunto") == []  # a word the catalogue has needs no thesaurus
    assert br.expand("zzqxv") == []


def test_a_best_unit_no_service_uses_reaches_the_catalogue_through_its_concept(monkeypatch):
    """"ensamhet" is best met by "yksinäisyys" alone, which no service says; its concept's words are."""
    assert [e.fi for e in _thesaurus_bridge(monkeypatch, [LONELINESS]).expand("ensamhet")] == ["ystävätoiminta"]


def test_without_a_concept_the_missing_finnish_word_finds_nothing(monkeypatch):
    assert _thesaurus_bridge(monkeypatch, []).expand("yksinäinen") == []


def test_a_clearly_swedish_text_is_not_read_as_english():
    """Swedish "dog" is "died"; in "min mamma dog och jag orkar inte" (four Swedish function words, no
    English one) the bridge must not offer the animal. A text whose words do not tell is read both ways."""
    br = _bridge({"fi": "koira lemmikki", "sv": "hund husdjur", "en": "dog pet"},
                 {"fi": "kuolema", "sv": "dog död", "en": "died death"})
    assert {e.fi for e in br.expand("min mamma dog och jag orkar inte")} == {"kuolema"}
    assert {e.fi for e in br.expand("dog")} == {"koira", "lemmikki", "kuolema"}
    assert "koira" in {e.fi for e in br.expand("my dog is ill and I need a vet")}
