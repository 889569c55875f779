"""Regression tests for bugs of the pre-refactor network API (``auroranet.network.service``/``views``).

Each test states which old behaviour it catches."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from auroranet.catalogue import service as catalogue
from auroranet.catalogue.flows import write_batch
from auroranet.catalogue.models import WebPage
from auroranet.engine.contract import RecommendQuery
from auroranet.recommend.engine import CatalogueEngine
from auroranet.recommend.meters import needs_from_scores
from auroranet.runtime import Runtime
from auroranet.usage import service as usage
from auroranet.usage.models import Recommendation, RecommendationService
from tests.network.conftest import BASE_URL, fake_of, make_client, register, settings_for, signed

V1 = "/service-recommender/v1"
CALLER = "Kutsuva palvelu"


# ---------------------------------------------------------------------------------------------
# (1) text_search with "rerank": true and a real reranker active
# ---------------------------------------------------------------------------------------------

METER_SETS = [{"housing": 1.0, "finance": 3.0}, {"health": 2.0}, {"finance": 1.0, "working_studying": 2.0},
              {"family": 2.0, "housing": 4.0}, {"health": 1.0, "friends": 3.0}, {"working_studying": 1.0}]


@pytest.fixture
def real_rt(demo_template: Path, tmp_path: Path):
    """The REAL CatalogueEngine (no fake) over a copy of the demo store."""
    data = tmp_path / "real"
    data.mkdir()
    shutil.copy(demo_template, data / "aurora.sqlite")
    runtime = Runtime.create(settings_for(data))
    assert isinstance(runtime.engine, CatalogueEngine)
    yield runtime
    runtime.close()


def _log_usage(rt: Runtime, n: int = 30) -> None:
    """``n`` logged recommendations from the real engine; the person always clicks the third hit and rates
    it up, the first hit gets a click now and then: a signal a reranker can learn (move rank 3 up)."""
    for i in range(n):
        meters = METER_SETS[i % len(METER_SETS)]
        hits = rt.engine.recommend(RecommendQuery(meters=meters, limit=6))
        assert len(hits) >= 4
        for r, h in enumerate(hits, start=1):
            h.rank = r
        event = usage.Shown(kind="recommend", front="api_v1", path=f"{V1}/recommend_service",
                            calling_service=CALLER, needs=dict(needs_from_scores(meters)))
        with rt.db.session() as s:
            rid = usage.record_shown(s, event, hits)
            usage.record_click(s, recommendation_id=rid, service_id=hits[2].service_id, channel_id="c", link_id=0)
            usage.upsert_service_feedback(s, recommendation_id=rid, service_id=hits[2].service_id, score=1)
            if i % 4 == 0:
                usage.record_click(s, recommendation_id=rid, service_id=hits[0].service_id, channel_id="c",
                                   link_id=0)


def test_text_search_with_rerank_and_a_real_reranker_answers_200(real_rt):
    """Old code: ``engine_rerank`` handed the real ``recommend.rerank.rerank`` the SearchQuery of a text
    search, which it treated as a recommendation (reading its meters), so ``text_search`` with
    ``"rerank": true`` failed with a 500 as soon as a trained reranker was active (with no model it
    returned the hits unchanged, which is why the fake-engine tests never saw it). Now the engine's
    ``rerank`` takes either query (a search has no needs) and the answer is 200, reranked and logged so."""
    from auroranet.recommend.train_ranker import train

    rt = real_rt
    _log_usage(rt)
    result = train(rt.db, rt.snapshot(), rt.settings.models_dir, min_queries=5,
                   params={"min_data_in_leaf": 5, "num_boost_round": 40})
    assert result.activated, (result.reason, result.metrics)
    rt.refresh()
    assert rt.snapshot().reranker is not None
    creds = register(rt, CALLER)
    with make_client(rt) as http:
        r = http.post(f"{V1}/text_search", headers=creds.headers,
                      json={"search_text": "asumistuki", "limit": 5, "rerank": True})
        assert r.status_code == 200, r.text
        services = r.json()["recommended_services"]
        assert len(services) >= 2 and [s["rank"] for s in services] == list(range(1, len(services) + 1))
        rid = r.json()["auroraai_recommendation_id"]
        r2 = http.post(f"{V1}/recommend_service", headers=creds.headers,
                       json={"life_situation_meters": {"housing": [1], "finance": [3]}, "limit": 5, "rerank": True})
        assert r2.status_code == 200, r2.text
    with rt.db.session() as s:
        for logged in (rid, r2.json()["auroraai_recommendation_id"]):
            assert s.get(Recommendation, logged).ranker == "rerank"
            rows = s.query(RecommendationService).filter_by(recommendation_id=logged).all()
            assert rows and all("rerank" in (row.features or {}) for row in rows)  # the model really scored them


# ---------------------------------------------------------------------------------------------
# (2) the reranker is served with the caller's calling service name
# ---------------------------------------------------------------------------------------------


def test_reranker_is_served_the_calling_service_the_log_stores(rt, http, caller):
    """Old code called ``rerank(runtime, q, hits)`` without the caller, so the model's
    ``calling_service`` feature (trained on the name the log stores) was never set at serving time.
    Now every rerank gets the registered client's fi name, exactly the string the log row holds."""
    fake = fake_of(rt)
    r = http.post(f"{V1}/text_search", json={"search_text": "asunto", "limit": 3, "rerank": True},
                  headers=caller.headers)
    assert r.status_code == 200, r.text
    r2 = http.post(f"{V1}/recommend_service", json={"life_situation_meters": {"health": [3]}, "rerank": True},
                   headers=caller.headers)
    assert r2.status_code == 200, r2.text
    assert http.post(f"{V1}/text_search", json={"search_text": "asunto"}, headers=caller.headers).status_code == 200
    assert fake.rerank_calls == ["Kutsuva palvelu", "Kutsuva palvelu"]  # only the calls that asked to rerank
    with rt.db.session() as s:
        stored = {s.get(Recommendation, x.json()["auroraai_recommendation_id"]).calling_service for x in (r, r2)}
    assert stored == {"Kutsuva palvelu"}


# ---------------------------------------------------------------------------------------------
# (3) redirect for a channel with only Swedish or English web pages
# ---------------------------------------------------------------------------------------------

SV_URL = "https://palvelu.example/sv/tjanst"
EN_URL = "https://palvelu.example/en/service"


def test_redirect_for_channel_without_finnish_pages(rt, http, caller):
    """Old code indexed ``link_id`` into the channel's Finnish pages only: a channel with only Swedish or
    English pages was rendered with ``"web_pages": []`` and ``/redirect`` answered 404 for it. Now links
    index ``link_targets`` (fi, then sv, then en), so such a channel has tracking links that redirect."""
    with rt.db.session() as s:
        svc = next(x for x in catalogue.list_services(s) if x.channel_ids)
        chans = catalogue.get_channels(s, svc.channel_ids)
    cid = next(c for c in svc.channel_ids if c in chans)
    ch = chans[cid].model_copy(deep=True)
    ch.web_pages = [WebPage(url=EN_URL, language="en"), WebPage(url=SV_URL, language="sv")]
    write_batch(rt.db, catalogue.Batch(channels=[ch]), source="test", kind="file")
    rt.refresh()
    fake_of(rt).services = [svc]
    r = http.post(f"{V1}/text_search", json={"search_text": "x", "limit": 1}, headers=caller.headers)
    assert r.status_code == 200, r.text
    out = r.json()["recommended_services"][0]
    assert out["service_id"] == svc.id
    rendered = next(c for c in out["service_channels"] if c["service_channel_id"] == cid)
    links = rendered["web_pages"]
    assert len(links) == 2 and all(u.startswith(f"{BASE_URL}{V1}/redirect?") for u in links)
    targets = []
    for i, link in enumerate(links):
        params = dict(parse_qsl(urlsplit(link).query))
        assert params["service_channel_id"] == cid and params["link_id"] == str(i)
        res = http.get(link.removeprefix(BASE_URL))
        assert res.status_code == 302, res.text
        targets.append(res.headers["location"])
    assert targets == [SV_URL, EN_URL]  # Swedish before English
    bad = signed(rt, dict(parse_qsl(urlsplit(links[0]).query), link_id="2"))
    assert http.get(f"{V1}/redirect", params=bad).status_code == 404
