"""v2 answers carry the service's own texts in the request language where PTV has them (Finnish where it
has not); v1 answers stay Finnish, as v1 was."""

from __future__ import annotations

from typing import Any

from tests.network.conftest import fake_of, make_client, register

V1 = "/service-recommender/v1"
V2 = "/service-recommender/v2"
METERS = {"housing": [1]}


def test_v2_service_texts_in_the_request_language_where_the_service_has_them(rt: Any) -> None:
    records = {s.id: s for s in fake_of(rt).services}
    with make_client(rt) as http:
        creds = register(rt, "Kutsuja")
        for lang in ("sv", "en"):
            r = http.post(f"{V2}/recommend_service", headers=creds.headers,
                          json={"life_situation_meters": METERS, "language": lang, "limit": 50})
            assert r.status_code == 200, r.text
            out = r.json()["services"]
            assert any(records[o["service_id"]].names.get(lang) for o in out)  # the demo has such services
            for o in out:
                svc = records[o["service_id"]]
                assert o["service_name"] == (svc.names.get(lang) or svc.names.get("fi", ""))
                assert o["service_description_summary"] == (svc.summary.get(lang) or svc.summary.get("fi", ""))
        v1 = http.post(f"{V1}/recommend_service", headers=creds.headers,
                       json={"life_situation_meters": METERS, "limit": 50}).json()["recommended_services"]
        assert all(o["service_name"] == records[o["service_id"]].names.get("fi", "") for o in v1)
