"""The network API on the real engine (search + recommend over the demo catalogue). Marked slow: building the
real lexical/dense index takes tens of seconds even with the hashing embedder."""

from __future__ import annotations

import pytest

from tests.network.conftest import make_client, register

V1 = "/service-recommender/v1"


@pytest.mark.slow
def test_real_engine_end_to_end(rt):
    from auroranet.recommend.engine import CatalogueEngine

    rt.engine = CatalogueEngine(rt.snapshots)  # the real engine over the runtime's live snapshot
    creds = register(rt, "Oikea moottori")
    with make_client(rt) as http:
        r = http.post(f"{V1}/text_search", json={"search_text": "asumistuki", "limit": 3}, headers=creds.headers)
        assert r.status_code == 200, r.text
        services = r.json()["recommended_services"]
        assert services and "asumistuki" in (services[0]["service_name"] + services[0]["service_description"]).lower()
        assert all(0.0 <= s["similarity_score"] <= 1.0 for s in services)
        r = http.post("/service-recommender/v2/recommend_service", headers=creds.headers,  # v2 explains
                      json={"life_situation_meters": {"housing": [1], "finance": [9]}, "limit": 3, "rerank": True})
        assert r.status_code == 200, r.text
        services = r.json()["services"]
        assert len(services) == 3 and [s["rank"] for s in services] == [1, 2, 3]
        assert all(s["explanations"] for s in services)
        r = http.post(f"{V1}/text_search", headers=creds.headers,
                      json={"search_text": "asunto", "service_filters": {"municipality_codes": ["837"],
                                                                        "include_national_services": False}})
        assert r.status_code == 200
        for s in r.json()["recommended_services"]:
            assert "837" in {m["code"] for a in s["areas"] for m in a["municipalities"]}



def test_v2_text_search_passes_the_age_to_the_engine(rt):
    """v2 text_search accepts the person's age (0..200) and hands it to the engine's audience rules."""
    seen = []
    inner = rt.engine.search
    rt.engine.search = lambda q: seen.append(q.age) or inner(q)
    creds = register(rt, "Ikä mukana")
    with make_client(rt) as http:
        ok = http.post("/service-recommender/v2/text_search", headers=creds.headers,
                       json={"search_text": "asumistuki", "age": 20})
        assert ok.status_code == 200, ok.text
        bad = http.post("/service-recommender/v2/text_search", headers=creds.headers,
                        json={"search_text": "asumistuki", "age": 201})
        assert bad.status_code == 400
    assert seen == [20]
