import numpy as np
import pytest

from auroranet.catalogue.models import ServiceRecord
from auroranet.search.analysis import SimpleAnalyzer, make_analyzer, voikko_available
from auroranet.search.embed import HashingEmbedder
from auroranet.search.index import build_index, passage_text
from auroranet.engine.contract import SearchQuery, ServiceFilters
from tests.search.helpers import reference, svc


def catalogue() -> list[ServiceRecord]:
    return [
        svc("s1", names={"fi": "Vuokra-asunnot", "sv": "Hyresbostäder", "en": "Rental housing"},
            summary_l={"fi": "Kaupungin vuokra-asuntojen haku.", "sv": "Ansökan om stadens hyresbostäder."},
            municipality_codes=["853"]),
        svc("s2", names={"fi": "Terveysasema", "sv": "Hälsostation", "en": "Health centre"},
            summary_l={"fi": "Lääkärin vastaanotto terveysasemalla."}, area_type="Nationwide"),
        svc("s3", names={"fi": "Kirjasto", "sv": "Bibliotek", "en": "Library"},
            summary_l={"fi": "Lainaa kirjoja."}, municipality_codes=["091"]),
        svc("s4", names={"fi": "Päivähoito"}, summary_l={"fi": "Lasten päivähoito ja varhaiskasvatus."},
            municipality_codes=["091"]),
    ]


@pytest.fixture(scope="module", params=["simple", "voikko"])
def idx(request):
    if request.param == "voikko" and not voikko_available():
        pytest.skip("no Voikko")
    return build_index(catalogue(), [], reference(), HashingEmbedder(), make_analyzer(request.param))


@pytest.mark.parametrize(("text", "expected"), [
    ("asunto", "s1"), ("vuokra-asunnot", "s1"), ("hyresbostad", "s1"), ("rental houses", "s1"),
    ("hälsostation", "s2"), ("library", "s3"), ("kirjastot", "s3"),
])
def test_lexical_finds_right_service_in_each_language(idx, text, expected):
    hits = idx.lexical(text, None, None, 10)
    assert hits and idx.ids[hits[0][0]] == expected
    assert hits[0][2]  # matched words reported


def test_voikko_compound_part_finds_compound():
    if not voikko_available():
        pytest.skip("no Voikko")
    idx = build_index(catalogue(), [], reference(), HashingEmbedder(), make_analyzer("voikko"))
    assert [idx.ids[d] for d, _, _ in idx.lexical("asema", None, None, 10)] == ["s2"]


def test_lexical_returns_only_real_hits_and_respects_mask(idx):
    assert idx.lexical("xyzzyq", None, None, 10) == []
    mask = idx.mask(ServiceFilters(municipality_codes=("091",), include_national_services=False))
    assert idx.lexical("asunto", None, mask, 10) == []


def test_dense_respects_mask_and_orders(idx):
    mask = idx.mask(ServiceFilters(municipality_codes=("091",), include_national_services=False))
    res = idx.dense("kirjasto", mask, 10)
    assert {idx.ids[d] for d, _ in res} == {"s3", "s4"}
    assert res[0][1] >= res[1][1]


def test_search_hybrid_explains_and_pages(idx):
    hits = idx.search(SearchQuery(text="vuokra-asunto", limit=10))
    assert hits[0].service_id == "s1" and hits[0].rank == 1
    assert "bm25" in hits[0].explanation.sources and "dense" in hits[0].explanation.sources
    assert hits[0].explanation.matched_terms == ["vuokra-asunto"]
    # the relevance floor: the hashing embedder has no calibrated dense floor, so documents without a
    # lexical hit are not shown at all (they used to fill the list as "dense" matches)
    assert [h.service_id for h in hits] == ["s1"]
    hits = idx.search(SearchQuery(text="kaupungin lääkärin päivähoito", limit=10))
    assert {h.service_id for h in hits} == {"s1", "s2", "s4"}
    assert all(0 <= h.score <= 1 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    page2 = idx.search(SearchQuery(text="kaupungin lääkärin päivähoito", limit=2, offset=1))
    assert [h.service_id for h in page2] == [h.service_id for h in hits[1:3]]
    assert [h.rank for h in page2] == [2, 3]


def test_search_applies_filters_and_admitted_by(idx):
    f = ServiceFilters(municipality_codes=("091",))
    hits = idx.search(SearchQuery(text="terveysasema kirjasto päivähoito vuokra-asunto", filters=f, limit=10))
    assert {h.service_id for h in hits} == {"s2", "s3", "s4"}  # s1 (Turku) matches but is filtered out
    s2 = next(h for h in hits if h.service_id == "s2")
    assert s2.explanation.admitted_by == ["national"]


def test_search_is_deterministic_with_ties():
    same = [svc(f"t{i}", "Sama nimi") for i in (3, 1, 2)]
    idx = build_index(same, [], reference(), HashingEmbedder(), SimpleAnalyzer())
    first = [h.service_id for h in idx.search(SearchQuery(text="sama", limit=3))]
    assert first == ["t1", "t2", "t3"]


def test_vectors_must_match_services():
    with pytest.raises(ValueError, match="vectors"):
        build_index(catalogue(), [], reference(), HashingEmbedder(), SimpleAnalyzer(),
                    vectors=np.zeros((1, 384), dtype=np.float32))


def test_passage_text_prefers_finnish_then_swedish():
    assert passage_text(catalogue()[0]).startswith("Vuokra-asunnot. Kaupungin")
    assert passage_text(svc("x", names={"sv": "Bibliotek"})) == "Bibliotek"
