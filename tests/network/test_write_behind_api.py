"""The write-behind usage log through the API (SQLite and PostgreSQL): a feedback and a click on a
recommendation still buffered work, and the app's shutdown writes what is left."""

from __future__ import annotations

from sqlalchemy import func, select

from auroranet.db.core import Database
from auroranet.usage.models import Recommendation
from tests.network.conftest import make_client, register, runtime_like

V1 = "/service-recommender/v1"


def _count(db: Database, rid: int) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Recommendation).where(Recommendation.id == rid)) or 0)


def test_feedback_and_click_on_a_buffered_recommendation_and_shutdown(any_rt) -> None:  # type: ignore[no-untyped-def]
    rt = runtime_like(any_rt, usage_write_behind=True, usage_flush_ms=10_000)
    assert rt.usage_log is not None
    creds = register(rt, "Puskuroitu")
    with make_client(rt) as http:
        r = http.post(f"{V1}/text_search", json={"search_text": "asunto", "limit": 3}, headers=creds.headers)
        assert r.status_code == 200, r.text
        body = r.json()
        rid, first = body["auroraai_recommendation_id"], body["recommended_services"][0]
        assert rt.usage_log.pending(rid) and _count(rt.db, rid) == 0  # not written yet
        fb = {"auroraai_recommendation_id": rid, "feedback_score": 1,
              "service_feedbacks": [{"service_id": first["service_id"], "feedback_score": 1}]}
        assert http.post(f"{V1}/recommendation_feedback", json=fb, headers=creds.headers).status_code == 200
        assert _count(rt.db, rid) == 1  # the feedback wrote the buffer first
        r2 = http.post(f"{V1}/text_search", json={"search_text": "asunto", "limit": 3}, headers=creds.headers)
        links = [u for ch in r2.json()["recommended_services"][0]["service_channels"] for u in ch["web_pages"]]
        rid2 = r2.json()["auroraai_recommendation_id"]
        assert links and rt.usage_log.pending(rid2)
        path = links[0].split("/service-recommender", 1)[1]
        assert http.get("/service-recommender" + path).status_code == 302  # a click on a buffered one
        r3 = http.post(f"{V1}/text_search", json={"search_text": "asunto", "limit": 3}, headers=creds.headers)
        rid3 = r3.json()["auroraai_recommendation_id"]
        assert rt.usage_log.pending(rid3)
    assert _count(rt.db, rid3) == 1  # the app's shutdown wrote it
    rt.usage_log.close()
