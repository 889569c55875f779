import pytest

from auroranet.search.analysis import SimpleAnalyzer
from auroranet.search.embed import HashingEmbedder
from auroranet.search.index import build_index
from auroranet.engine.contract import ServiceFilters as F
from tests.search.helpers import filter_catalogue, reference


@pytest.fixture(scope="module")
def idx():
    return build_index(filter_catalogue(), [], reference(), HashingEmbedder(), SimpleAnalyzer())


def ids(idx, f):
    return sorted(idx.ids[i] for i in idx.mask(f).nonzero()[0])


def test_archived_never_indexed(idx):
    assert "f-archived" not in idx.ids
    assert ids(idx, F()) == ["a-national", "b-helsinki", "c-turku", "d-oulu", "e-espoo"]


def test_municipality_includes_national_by_default(idx):
    assert ids(idx, F(municipality_codes=("091",))) == ["a-national", "b-helsinki"]
    assert ids(idx, F(municipality_codes=("853",))) == ["a-national", "c-turku"]  # via areas[].municipality_codes


def test_include_national_false(idx):
    assert ids(idx, F(municipality_codes=("091", "564"), include_national_services=False)) == ["b-helsinki", "d-oulu"]
    assert ids(idx, F(include_national_services=False)) == ["b-helsinki", "c-turku", "d-oulu", "e-espoo"]


def test_only_national(idx):
    assert ids(idx, F(only_national_services=True)) == ["a-national"]


@pytest.mark.parametrize(("f", "expected"), [
    (F(region_codes=("01",), include_national_services=False), ["b-helsinki", "e-espoo"]),
    (F(hospital_district_codes=("03",), include_national_services=False), ["c-turku"]),
    (F(wellbeing_service_county_codes=("91",), include_national_services=False), ["b-helsinki"]),
    (F(wellbeing_service_county_codes=("91",), municipality_codes=("564",), include_national_services=False),
     ["b-helsinki", "d-oulu"]),  # union after expansion
    (F(region_codes=("99",), include_national_services=False), []),  # unknown code admits no local service
])
def test_area_codes_expand_to_municipalities(idx, f, expected):
    assert ids(idx, f) == expected


def test_service_class_parent_matches_children(idx):
    assert ids(idx, F(service_classes=("P1",))) == ["b-helsinki", "e-espoo"]  # P1.1 by code prefix
    assert ids(idx, F(service_classes=("P1.1",))) == ["b-helsinki"]
    assert ids(idx, F(service_classes=("P2",))) == ["c-turku", "d-oulu"]  # X9 by the reference hierarchy
    assert ids(idx, F(service_classes=("http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P1.1",))) == ["b-helsinki"]


def test_target_group_is_exact(idx):
    assert ids(idx, F(target_groups=("KR1",))) == ["a-national"]  # KR1.2 does not match KR1
    assert ids(idx, F(target_groups=("KR1", "KR2"))) == ["a-national", "c-turku"]


def test_collections_funding_language(idx):
    assert ids(idx, F(service_collections=("col-1",))) == ["c-turku"]
    assert ids(idx, F(funding_types=("MarketFunded",))) == ["b-helsinki"]
    assert ids(idx, F(funding_types=("PubliclyFunded", "MarketFunded"))) == ["a-national", "b-helsinki"]
    assert ids(idx, F(languages=("sv",))) == ["a-national", "c-turku"]
    assert ids(idx, F(languages=("en",))) == ["d-oulu"]


def test_filter_types_combine_with_and(idx):
    assert ids(idx, F(municipality_codes=("091",), funding_types=("PubliclyFunded",))) == ["a-national"]
    assert ids(idx, F(municipality_codes=("091",), include_national_services=False,
                      funding_types=("PubliclyFunded",))) == []


def test_admitted_by(idx):
    f = F(municipality_codes=("091",))
    assert idx.admitted_by(idx.pos["a-national"], f) == ["national"]
    assert idx.admitted_by(idx.pos["b-helsinki"], f) == ["municipality:091"]
    assert idx.admitted_by(idx.pos["e-espoo"], F(region_codes=("01",))) == ["municipality:049"]


def test_admitted_by_cites_no_filter_when_none_was_given(idx):
    """v2 recommend without a municipality said "Within your filter: a nationwide service" for every
    national service; with no area filter there is nothing to cite."""
    from auroranet.engine.contract import Explanation
    from auroranet.search.explain_text import render_explanation
    assert idx.admitted_by(idx.pos["a-national"], F()) == []
    assert idx.admitted_by(idx.pos["a-national"], F(only_national_services=True)) == ["national"]
    expl = Explanation(needs=[("housing", 2.0)], admitted_by=idx.admitted_by(idx.pos["a-national"], F()))
    assert render_explanation(expl, "en") == ["Serves your need: housing 2/10"]
