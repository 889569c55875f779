"""Who a service is for (issue 10 §3) and specific before generic (§4)."""

import numpy as np
import pytest

from auroranet.audience.infer import (Audience, asks_for_organisations, audience_allowed, infer_audience,
                                      render_audience)
from auroranet.audience.masks import AudienceMasks
from auroranet.catalogue.models import ServiceRecord, Term
from auroranet.engine.contract import RecommendQuery
from auroranet.recommend.rank import Aspect, generality_discount, need_aspects, rank
from auroranet.recommend.service import recommend
from auroranet.search.explain_text import render_explanation
from auroranet.vocab import METER_INDEX, METER_KEYS

from .helpers import make_index, snapshot_for


def svc(name, summary="", lang="fi", groups=()):
    return ServiceRecord(id="x", names={lang: name}, summary={lang: summary} if summary else {},
                         target_groups=[Term(code=g) for g in groups])


@pytest.mark.parametrize("name,summary,lang,groups", [
    ("Tehostettu palveluasuminen", "Voit saada palveluasunnon, jossa henkilökunta on paikalla.", "fi", {"older_people", "adults"}),
    ("Liikuntaa ikääntyneille", "", "fi", {"older_people"}),
    ("Kotihoito", "Kotihoito sisältää kotipalvelun ja kotisairaanhoidon.", "fi", {"older_people"}),
    ("Aikuissosiaalityö", "", "fi", {"adults"}),
    ("Selviämis-, katkaisu- ja vieroitushoito", "", "fi", {"adults"}),
    ("Etsivä nuorisotyö", "", "fi", {"young_people"}),
    ("Kemikaalineuvontapalvelu", "Neuvontaa kemikaalien maahantuojille ja valmistajille.", "fi", {"businesses"}),
    ("Kuluttajaneuvonta", "Sovitteluapua kuluttajan ja yrityksen väliseen riitaan.", "fi", {"everyone"}),
    ("Hemvård för äldre", "", "sv", {"older_people"}),
    ("Rådgivning för företag", "", "sv", {"businesses"}),
    ("Youth information", "Advice for young people.", "en", {"young_people"}),
    ("Export credit", "Guarantees for companies.", "en", {"businesses"}),
    ("Kirjasto", "Lainaa kirjoja.", "fi", set()),
])
def test_audience_inferred_from_texts_in_three_languages(name, summary, lang, groups):
    aud = infer_audience(svc(name, summary, lang))
    assert aud.groups == groups
    assert aud.source == ("text" if groups else "none")


@pytest.mark.parametrize("name,summary,groups", [
    # grants to associations, clubs, road associations and libraries (real PTV texts, shown to persons before)
    ("Liikunnallisen elämäntavan paikalliset kehittämisavustukset", "Aluehallintovirastoista haettavat avustukset "
     "eri ikä- ja väestöryhmien terveyttä ja hyvinvointia edistäviin liikunnan kehittämishankkeisiin.", {"businesses"}),
    ("Suunnistuskartta-avustus", "Urheiluseurat voivat hakea avustusta suunnistuskarttojen valmistukseen.", {"businesses"}),
    ("Avustus yksityistien parantamiseen", "Tiekunta voi hakea avustusta yksityistien parantamiseen.", {"businesses"}),
    ("Valtionavustukset kirjastoille", "", {"businesses"}),
    # professional cards for health and social care professionals
    ("Rekisteröintipiste", "Terveyden- ja sosiaalihuollon ammattikorttien tilauspalvelu", {"authorities"}),
    ("Sosiaali- ja terveydenhuollon ammattikortti", "Ammattikortti on tarkoitettu sosiaali- ja terveydenhuollon "
     "ammattihenkilöille.", {"authorities"}),
    # grants to persons stay open to persons
    ("Korjausavustukset", "Korjausavustuksia iäkkäiden ja vammaisten henkilöiden asuntojen korjaamiseen.",
     {"older_people", "disabled", "everyone"}),
    ("Asumisen avustukset", "", set()),
])
def test_grants_to_organisations_and_professional_cards_are_not_for_persons(name, summary, groups):
    aud = infer_audience(svc(name, summary))
    assert aud.groups == groups
    assert aud.organisations_only == bool(groups & {"businesses", "authorities"})
    assert audience_allowed(aud, 45) == (not aud.organisations_only)


def test_ptv_codes_first_and_text_refines_plain_citizens():
    assert infer_audience(svc("Kotihoito", groups=("KR1", "KR1.3"))).groups == {"young_people"}
    assert infer_audience(svc("Yrityspalvelu", groups=("KR2",))).organisations_only
    refined = infer_audience(svc("Liikuntaa ikääntyneille", groups=("KR1",)))
    assert refined.groups == {"older_people"} and refined.source == "ptv+text"


def test_age_range_from_text_except_for_childrens_services():
    aud = infer_audience(svc("Itsenäistyvän nuoren tuki", "Tarjoamme 18 – 24 vuotiaille nuorille tukea."))
    assert aud.age_range == (18, 24)
    assert not audience_allowed(aud, 16) and audience_allowed(aud, 20)
    family = infer_audience(svc("Perheneuvonta", "Perheille, joissa on 0–17-vuotiaita lapsia."))
    assert audience_allowed(family, 40)  # the children's ages; parents use it


def test_rules():
    older, adults, youth = Audience(frozenset({"older_people"})), Audience(frozenset({"adults"})), \
        Audience(frozenset({"young_people"}))
    biz, founders = Audience(frozenset({"businesses"})), Audience(frozenset({"businesses"}), "ptv", None, True)
    children = Audience(frozenset({"children"}))
    assert not audience_allowed(older, 29) and audience_allowed(older, 30)
    assert not audience_allowed(adults, 17) and audience_allowed(adults, 18)
    assert audience_allowed(youth, 29) and not audience_allowed(youth, 30)
    assert not audience_allowed(biz, None) and not audience_allowed(biz, 40)
    assert audience_allowed(biz, 40, asked_business=True)
    assert audience_allowed(founders, 40) and not audience_allowed(founders, 16)
    assert audience_allowed(children, 40)  # parents act for their children
    assert asks_for_organisations("rahoitusta yritykselleni") and asks_for_organisations("stöd för mitt företag")
    assert not asks_for_organisations("vuokra-asunto Turusta")


# A catalogue WITHOUT target groups, as the JSONL catalogue is: the audience must come from the texts.
ROWS = [
    ("old1", "Tehostettu palveluasuminen ympärivuorokautinen hoiva asunto", (), True, ""),
    ("old2", "Kotihoito ikäihmisille kotona asumisen tuki raha-asiat", (), True, ""),
    ("old3", "Palveluasuminen senioreille asunto", (), True, ""),
    ("adu1", "Aikuissosiaalityö toimeentulo raha-asiat asunto", (), True, ""),
    ("adu2", "Katkaisuhoito päihteet terveys", (), True, ""),
    ("biz1", "Yritysten rahoitus lainat yrityksille raha-asiat", (), True, ""),
    ("biz2", "Työnantajan tuki palkkaus työnantajille työ", (), True, ""),
    ("you1", "Nuorten asunnot vuokra-asunto nuorille", (), True, ""),
    ("you2", "Etsivä nuorisotyö nuoret ystävät", (), True, ""),
    ("gen1", "Vuokra-asunnot kaupungin vuokra-asunto", (), True, ""),
    ("gen2", "Toimeentulotuki raha-asiat velkaneuvonta", (), True, ""),
    ("gen3", "Terveysasema lääkäri terveys", (), True, ""),
]
ZERO = {k: 0 for k in METER_KEYS}


@pytest.fixture
def snap(sqlite_db):
    return snapshot_for(sqlite_db, make_index(ROWS))


def _ids(snap, **q):
    return {h.service_id for h in recommend(snap, RecommendQuery(limit=len(ROWS), **q))}


def test_sixteen_year_old_answering_zero_everywhere(snap):
    got = _ids(snap, meters=ZERO, age=16)
    assert not got & {"old1", "old2", "old3", "adu1", "adu2", "biz1", "biz2"}
    assert {"you1", "you2"} <= got


def test_seventeen_year_old_gets_no_assisted_living_for_older_people(snap):
    got = _ids(snap, meters={"housing": 2}, age=17)
    assert not got & {"old1", "old3", "adu1"}


def test_adults_and_businesses(snap):
    assert not _ids(snap, meters={"housing": 2}, age=25) & {"old1", "old2", "old3"}
    adult = _ids(snap, meters={"housing": 2, "finance": 2}, age=45)
    assert {"old1", "adu1"} <= adult and not adult & {"you1", "you2", "biz1", "biz2"}
    asked = _ids(snap, meters={"finance": 2}, age=45, text="rahoitusta yritykselle")
    assert "biz1" in asked


def test_explanation_names_the_inferred_audience(snap):
    hit = next(h for h in recommend(snap, RecommendQuery(meters=ZERO, age=16, limit=len(ROWS)))
               if h.service_id == "you2")
    assert hit.explanation.audience == ["young_people"] and hit.explanation.audience_source == "text"
    assert "Kenelle: nuoret (päätelty palvelun kuvauksesta)" in render_explanation(hit.explanation, "fi")
    assert render_audience(["older_people"], "ptv", "sv") == ["För vem: äldre"]
    assert render_audience(["everyone"], "text", "en") == []


def test_masks_agree_with_the_rule_function():
    auds = [infer_audience(ServiceRecord(id=r[0], names={"fi": r[1]})) for r in ROWS]
    masks = AudienceMasks(auds)
    for age in (None, 5, 16, 17, 18, 29, 30, 70):
        for asked in (False, True):
            assert masks.allowed(age, asked).tolist() == [audience_allowed(a, age, asked) for a in auds]


def test_specific_before_generic():
    R = np.zeros((3, len(METER_KEYS)), np.float32)
    R[0, :] = 0.8  # a youth information point: relevant to everything
    R[1, METER_INDEX["housing"]] = 0.7  # rental flats
    R[2, METER_INDEX["finance"]] = 0.7
    ids = ["generic", "rental", "money"]
    one = rank(need_aspects(R, [("housing", 1.0)], METER_INDEX), np.ones(3, bool), ids, limit=3)
    assert ids[one[0].index] == "rental"  # without the discount the generic service (0.8 > 0.7) came first
    plain = rank([Aspect("housing", 1.0, R[:, METER_INDEX["housing"]])], np.ones(3, bool), ids, limit=3)
    assert ids[plain[0].index] == "generic"
    every = generality_discount(R, list(range(len(METER_KEYS))))
    assert np.allclose(every, 1.0)  # every meter a need: nothing to discount
    R2 = np.vstack([R, np.zeros((1, len(METER_KEYS)), np.float32)])
    R2[3, [METER_INDEX["housing"], METER_INDEX["finance"]]] = 0.7  # meets both needs, nothing else
    two = rank(need_aspects(R2, [("housing", 1.0), ("finance", 0.9)], METER_INDEX), np.ones(4, bool),
               ids + ["both"], limit=4)
    order = [(ids + ["both"])[r.index] for r in two]
    assert order[0] == "both"  # meeting more of the needs ranks higher
    assert order.index("generic") > order.index("both") and {"rental", "money"} <= set(order)


def test_search_hides_organisation_services_unless_the_text_asks(snap):
    """Text search applies the same person rule: services only for companies come when the text asks."""
    from auroranet.engine.contract import SearchQuery
    from auroranet.live import LiveSnapshot
    from auroranet.recommend.engine import CatalogueEngine

    engine = CatalogueEngine(LiveSnapshot(lambda: snap, lambda: 1))

    def found(text):
        return {h.service_id for h in engine.search(SearchQuery(text=text, limit=len(ROWS)))}

    assert "gen2" in found("raha-asiat") and not found("raha-asiat") & {"biz1"}
    assert "biz1" in found("raha-asiat yrityksille")


def test_search_with_an_age_applies_the_age_rules(snap):
    """A caller that gives the person's age gets the recommendations' age masks in text search too."""
    from auroranet.engine.contract import SearchQuery
    from auroranet.errors import InputError
    from auroranet.live import LiveSnapshot
    from auroranet.recommend.engine import CatalogueEngine

    engine = CatalogueEngine(LiveSnapshot(lambda: snap, lambda: 1))

    def found(text, age=None):
        return {h.service_id for h in engine.search(SearchQuery(text=text, limit=len(ROWS), age=age))}

    assert {"old3", "you1"} <= found("asunto")  # no age: nothing hidden for age
    young = found("asunto", age=16)
    assert "you1" in young and not young & {"old1", "old3", "adu1"}
    adult = found("asunto", age=45)
    assert "old1" in adult and "you1" not in adult
    with pytest.raises(InputError):
        engine.search(SearchQuery(text="asunto", age=-1))
