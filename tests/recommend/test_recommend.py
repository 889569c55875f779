import numpy as np
import pytest

from auroranet.errors import InputError
from auroranet.recommend.labels import import_labels_jsonl
from auroranet.recommend.rank import Aspect, rank
from auroranet.recommend.service import recommend
from auroranet.lifeevents.model import builtin_life_events
from auroranet.engine.contract import RecommendQuery, ServiceFilters
from auroranet.search.explain_text import render_explanation

from .helpers import make_index, snapshot_for


@pytest.fixture
def index():
    return make_index()


@pytest.fixture
def rt(sqlite_db, index):
    return snapshot_for(sqlite_db, index)


def _ids(hits):
    return [h.service_id for h in hits]


def test_two_low_meters_are_mixed(rt):
    hits = recommend(rt, RecommendQuery(meters={"housing": 1, "finance": 2, "health": 9}, limit=4))
    needs = [h.need for h in hits]
    assert "housing" in needs[:2] and "finance" in needs[:2]
    assert set(_ids(hits)) & {"f1", "f2"} and set(_ids(hits)) & {"h1", "h2", "h3"}
    assert [h.rank for h in hits] == [1, 2, 3, 4]
    assert all(0 <= h.score <= 1 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_sixteen_year_old_gets_no_business_authority_or_senior_services(rt):
    hits = recommend(rt, RecommendQuery(meters={"finance": 0, "housing": 0}, age=16, limit=12))
    assert not {"f3", "f4", "h4"} & set(_ids(hits))
    adult = recommend(rt, RecommendQuery(meters={"finance": 0, "housing": 0}, age=70, limit=12))
    assert "h4" in _ids(adult) and "h3" not in _ids(adult)  # youth-only housing is not for a 70-year-old


def test_filters_respected(rt):
    hits = recommend(rt, RecommendQuery(meters={"housing": 0}, limit=12,
                                        filters=ServiceFilters(municipality_codes=("853",), include_national_services=False)))
    assert _ids(hits) == ["h3"]
    assert hits[0].explanation.admitted_by == ["municipality:853"]


def test_explanation_and_label_boost(sqlite_db, index, tmp_path):
    p = tmp_path / "l.jsonl"
    p.write_text('{"service_id": "g1", "meters": ["housing"], "excluded": false}\n', encoding="utf-8")
    import_labels_jsonl(sqlite_db, p, source="experts")
    hits = recommend(snapshot_for(sqlite_db, index), RecommendQuery(meters={"housing": 2}, limit=3))
    g1 = next(h for h in hits if h.service_id == "g1")
    assert g1.explanation.needs == [("housing", 2.0)]
    assert g1.explanation.label_sources == ["experts"]
    assert any("Experts" in line for line in render_explanation(g1.explanation, "en"))
    assert any("asuminen 2/10" in line for line in render_explanation(g1.explanation, "fi"))
    assert any("boende 2/10" in line for line in render_explanation(g1.explanation, "sv"))
    # labels are a boost, not the only candidates
    assert len([h for h in hits if h.explanation.label_sources]) == 1


def test_ties_broken_by_id():
    scores = np.array([0.5, 0.5, 0.5, 0.1], dtype=np.float32)
    out = rank([Aspect("housing", 1.0, scores)], np.ones(4, bool), ["c", "a", "b", "d"], limit=3)
    assert [o.index for o in out] == [1, 2, 0]


def test_bad_queries_are_input_errors(rt):
    for q in (RecommendQuery(meters={}), RecommendQuery(meters={"housing": 12}), RecommendQuery(meters={"x": 1}),
              RecommendQuery(meters={"housing": 1}, life_event="nope"), RecommendQuery(meters={"housing": 1}, limit=0)):
        with pytest.raises(InputError):
            recommend(rt, q)


def test_life_events_and_text(rt):
    for key, ev in builtin_life_events().items():
        assert all(ev.names[lang] and ev.descriptions[lang] for lang in ("fi", "sv", "en"))
    hits = recommend(rt, RecommendQuery(meters={}, life_event="job_seeking", limit=3))
    assert "w1" in _ids(hits)
    hits = recommend(rt, RecommendQuery(meters={"health": 9}, text="jätehuolto kierrätys", limit=1))
    assert _ids(hits) == ["g2"]


def test_home_municipality_admits_its_local_services_and_national_ones_only(rt):
    """A person in Helsinki (091) is not offered Turku's (853) local youth housing; one in Turku is."""
    helsinki = recommend(rt, RecommendQuery(meters={"housing": 0}, age=20, municipality_code="091", limit=12))
    assert helsinki and "h3" not in _ids(helsinki)
    turku = recommend(rt, RecommendQuery(meters={"housing": 0}, age=20, municipality_code="853", limit=12))
    h3 = next(h for h in turku if h.service_id == "h3")
    assert h3.explanation.admitted_by == ["municipality:853"]
    # an area filter the caller gave wins over the home municipality
    asked = recommend(rt, RecommendQuery(meters={"housing": 0}, age=20, municipality_code="091", limit=12,
                                         filters=ServiceFilters(municipality_codes=("853",))))
    assert "h3" in _ids(asked)


def test_every_meter_at_ten_cites_no_need(rt):
    """A person doing well on every meter is told so, not that a service 'serves your need: housing 10/10'."""
    from auroranet.vocab import METER_KEYS
    hits = recommend(rt, RecommendQuery(meters=dict.fromkeys(METER_KEYS, 10.0), limit=4))
    assert hits
    for h in hits:
        assert h.explanation.needs == [] and h.explanation.doing_well
        for lang in ("fi", "sv", "en"):
            lines = render_explanation(h.explanation, lang)
            assert not any("/10" in line for line in lines)
        assert "Your meters are all at a good level: this is a general suggestion" in render_explanation(h.explanation, "en")
    # one meter below 7 is a need again, and the explanation cites only that meter
    low = recommend(rt, RecommendQuery(meters={**dict.fromkeys(METER_KEYS, 10.0), "housing": 2.0}, limit=3))
    assert all(h.explanation.needs == [("housing", 2.0)] and not h.explanation.doing_well for h in low)
