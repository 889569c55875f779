"""Recommendation log, feedback (ownership, upsert), link tracking (query merge, no token stored), retention."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from auroranet.db.core import utcnow
from auroranet.recommend.meters import needs_from_scores
from auroranet.usage import service as usage
from auroranet.usage.models import (
    Recommendation,
    RecommendationFeedback,
    RecommendationNeed,
    RecommendationService,
    Redirect,
    ServiceFeedback,
    UnmetNeed,
)
from auroranet.usecases.links import merge_query
from tests.network.conftest import BASE_URL, make_client, register, signed

V1 = "/service-recommender/v1"
V2 = "/service-recommender/v2"
PERSONAL = "asunto 010203A123B matti.meikalainen@example.com 040 123 4567"
SECRETS = ("010203A123B", "matti.meikalainen@example.com", "040 123 4567")


def _row_values(row) -> list[object]:  # noqa: ANN001
    return [getattr(row, c.key) for c in row.__mapper__.column_attrs]


@pytest.fixture
def net(any_rt):
    with make_client(any_rt) as http:
        yield any_rt, http, register(any_rt, "Kutsuja")


def _search(http, creds, **extra):
    r = http.post(f"{V1}/text_search", json={"search_text": "asunto", "limit": 3, **extra}, headers=creds.headers)
    assert r.status_code == 200, r.text
    return r.json()


def _search_v2(http, creds, **extra) -> int:
    """A v2 search (v1's text_search has no session_id); the recommendation id."""
    r = http.post(f"{V2}/text_search", json={"search_text": "asunto", "limit": 3, **extra}, headers=creds.headers)
    assert r.status_code == 200, r.text
    return r.json()["recommendation_id"]


def test_log_rows_with_rank_score_features_and_no_request_body(net):
    """The log keeps typed coarse dimensions and never the request body: the search text (and its
    personal data) is stored nowhere in the recommendation's rows."""
    rt, http, creds = net
    body = _search(http, creds, search_text=PERSONAL)
    rid = body["auroraai_recommendation_id"]
    with rt.db.session() as s:
        rec = s.get(Recommendation, rid)
        assert rec.client_id == creds.id and rec.calling_service == "Kutsuja"
        assert rec.calling_organisation == "Testi Oy" and rec.request_path == f"{V1}/text_search"
        assert (rec.kind, rec.front, rec.lang, rec.session_id, rec.ranker) == ("search", "api_v1", "fi", "", "base")
        assert rec.n_results == len(body["recommended_services"]) == 3
        assert not hasattr(rec, "request_attributes")
        for value in _row_values(rec):
            for secret in SECRETS + ("asunto",):
                assert secret not in str(value), (secret, value)
        assert s.query(RecommendationNeed).filter_by(recommendation_id=rid).count() == 0  # a search has no needs
        rows = s.query(RecommendationService).filter_by(recommendation_id=rid).order_by(RecommendationService.rank).all()
        assert not any(secret in str(r.features) for r in rows for secret in SECRETS + ("asunto",))
    assert [r.service_id for r in rows] == [x["service_id"] for x in body["recommended_services"]]
    assert [r.rank for r in rows] == [1, 2, 3]
    assert [round(r.score, 3) for r in rows] == [x["similarity_score"] for x in body["recommended_services"]]
    assert all(r.features and "bm25" in r.features for r in rows)


def test_session_id_is_scrubbed_and_capped(net):
    rt, http, creds = net
    rid = _search_v2(http, creds, session_id="matti.meikalainen@example.com 010203A123B 040 123 4567")
    with rt.db.session() as s:
        stored = s.get(Recommendation, rid).session_id
    assert stored and not any(secret in stored for secret in SECRETS)
    assert "[email]" in stored and "[hetu]" in stored
    # a long session_id is answered, but the log keeps at most SESSION_ID_CHARS of it, scrubbed
    rid = _search_v2(http, creds, session_id="x" * 100 + " 010203A123B " + "x" * 400)
    with rt.db.session() as s:
        stored = s.get(Recommendation, rid).session_id
    assert len(stored) <= usage.SESSION_ID_CHARS and stored.startswith("x" * 100) and "010203A123B" not in stored
    from auroranet.engine.contract import SearchQuery
    from auroranet.usecases import recommend as uc
    from auroranet.usecases.caller import Caller

    answer = uc.search(rt, SearchQuery(text="asunto", limit=2), caller=Caller(None, "web"), path="/haku",
                       session_id="y" * 150 + " maija@example.com " + "z" * 500)
    with rt.db.session() as s:
        stored = s.get(Recommendation, answer.recommendation_id).session_id
    assert len(stored) <= usage.SESSION_ID_CHARS and stored.startswith("y" * 150)
    assert "maija@example.com" not in stored and "[email]" in stored


def test_recommend_logs_needs_as_meter_weights_and_age_band(net):
    """Needs are rows (meter key, weight from needs_from_scores); the exact age and meter answers are not kept."""
    rt, http, creds = net
    r = http.post(f"{V2}/recommend_service", headers=creds.headers,
                  json={"life_situation_meters": {"housing": [1], "finance": [2, 4], "health": [9]}, "age": 37,
                        "municipality_code": "837", "limit": 2})
    assert r.status_code == 200, r.text
    rid = r.json()["recommendation_id"]
    expected = dict(needs_from_scores({"housing": 1.0, "finance": 3.0, "health": 9.0}))
    assert expected and "health" not in expected
    with rt.db.session() as s:
        rec = s.get(Recommendation, rid)
        needs = {n.meter: n.weight for n in s.query(RecommendationNeed).filter_by(recommendation_id=rid)}
        assert (rec.kind, rec.municipality_code, rec.n_results) == ("recommend", "837", 2)
        assert rec.age_band is not None and "37" not in str(rec.age_band)
    assert needs.keys() == expected.keys()
    assert all(abs(needs[k] - expected[k]) < 1e-9 for k in expected)


def test_feedback_upsert_and_ownership(net):
    rt, http, creds = net
    other = register(rt, "Toinen")
    body = _search(http, creds)
    rid = body["auroraai_recommendation_id"]
    sid = body["recommended_services"][0]["service_id"]
    fb = {"auroraai_recommendation_id": rid, "feedback_score": 1,
          "service_feedbacks": [{"service_id": sid, "feedback_score": 1}]}
    assert http.post(f"{V1}/recommendation_feedback", json=fb, headers=creds.headers).status_code == 200
    fb2 = {"auroraai_recommendation_id": rid, "feedback_score": -1,
           "service_feedbacks": [{"service_id": sid, "feedback_score": -1}]}
    assert http.post(f"{V1}/recommendation_feedback", json=fb2, headers=creds.headers).status_code == 200
    with rt.db.session() as s:
        assert [r.feedback_score for r in s.query(RecommendationFeedback).all()] == [-1]
        assert [(r.service_id, r.feedback_score) for r in s.query(ServiceFeedback).all()] == [(sid, -1)]
    # another client may not rate it
    r = http.post(f"{V1}/recommendation_feedback", json=fb, headers=other.headers)
    assert r.status_code == 404 and r.text == f"Invalid recommendation_id: {rid}"
    r = http.post(f"{V1}/recommendation_feedback", json={**fb, "auroraai_recommendation_id": rid + 999},
                  headers=creds.headers)
    assert r.status_code == 404
    missing = "11111111-1111-4111-8111-111111111111"
    r = http.post(f"{V1}/recommendation_feedback", headers=creds.headers,
                  json={"auroraai_recommendation_id": rid, "service_feedbacks": [{"service_id": missing, "feedback_score": 1}]})
    assert r.status_code == 404 and r.text == f"Invalid service id: {missing}"
    with rt.db.session() as s:
        assert s.query(ServiceFeedback).count() == 1


@pytest.mark.parametrize("body", [
    {"auroraai_recommendation_id": "1", "feedback_score": 1},
    {"auroraai_recommendation_id": 1, "feedback_score": 0},
    {"auroraai_recommendation_id": 1, "feedback_score": 1, "extended_feedback": "x"},
    {"auroraai_recommendation_id": 1, "service_feedbacks": [{"service_id": "abc", "feedback_score": 1}]},
    {"auroraai_recommendation_id": 1, "service_feedbacks": [{"service_id": "11111111-1111-4111-8111-111111111111"}]},
    {"feedback_score": 1},
])
def test_feedback_validation(http, caller, body):
    r = http.post(f"{V1}/recommendation_feedback", json=body, headers=caller.headers)
    assert r.status_code == 400 and r.text.startswith("Validation error in request data: ")


def test_feedback_without_scores_is_ok_and_stores_nothing(http, caller, rt):
    r = http.post(f"{V1}/recommendation_feedback", json={"auroraai_recommendation_id": 424242}, headers=caller.headers)
    assert r.status_code == 200 and r.text == "OK"


def test_redirect_logs_click_without_token_and_merges_query(net):
    rt, http, creds = net
    from auroranet.catalogue.models import ChannelRecord, WebPage

    body = _search(http, creds)
    link = next(u for s in body["recommended_services"] for c in s["service_channels"] for u in c["web_pages"])
    params = dict(parse_qsl(urlsplit(link).query))
    # Give that channel a target URL that already has a query string.
    from auroranet.catalogue import service as catalogue
    from auroranet.catalogue.models import Channel

    with rt.db.session() as s:
        row = s.get(Channel, params["service_channel_id"])
        rec = ChannelRecord.model_validate(row.data)
        rec.web_pages = [WebPage(url="https://palvelu.example/haku?lang=fi&x=1", language="fi")]
        row.data = rec.model_dump(mode="json")
    rt.refresh()  # records are served from the snapshot: rebuild it after changing the store in-process
    r = http.get(f"{V1}/redirect", params={**params, "link_id": 0, "session_id": "a&b c",
                                           "auroraai_access_token": "f" * 64})
    assert r.status_code == 302
    loc = r.headers["location"]
    assert loc.startswith("https://palvelu.example/haku?lang=fi&x=1&session_id=")
    assert dict(parse_qsl(urlsplit(loc).query)) == {"lang": "fi", "x": "1", "session_id": "a&b c",
                                                     "auroraai_access_token": "f" * 64}
    with rt.db.session() as s:
        clicks = s.query(Redirect).all()
        assert [(c.recommendation_id, c.service_id, c.channel_id, c.link_id) for c in clicks] == [
            (int(params["recommendation_id"]), params["service_id"], params["service_channel_id"], 0)]
        assert not any(hasattr(c, "auroraai_access_token") for c in clicks)
    _ = catalogue


def test_redirect_plain_url_without_params(net):
    rt, http, creds = net
    body = _search(http, creds)
    link = next(u for s in body["recommended_services"] for c in s["service_channels"] for u in c["web_pages"])
    r = http.get(link.removeprefix(BASE_URL))
    assert r.status_code == 302 and "session_id" not in r.headers["location"]


def test_redirect_invalid_links(http, caller, rt):
    body = _search(http, caller)
    link = next(u for s in body["recommended_services"] for c in s["service_channels"] for u in c["web_pages"])
    p = dict(parse_qsl(urlsplit(link).query))
    cases = [  # signed links to things that do not exist: 404
        (signed(rt, {**p, "link_id": "30"}), 404),
        (signed(rt, {**p, "recommendation_id": "999999"}), 404),
        (signed(rt, {**p, "service_channel_id": "11111111-1111-4111-8111-111111111111"}), 404),
        ({**p, "link_id": "31"}, 400),
        ({**p, "link_id": "x"}, 400),
        ({**p, "service_id": p["service_id"].upper()}, 400),
        ({k: v for k, v in p.items() if k != "recommendation_id"}, 400),
        ({**p, "utm_source": "x"}, 400),
    ]
    for params, status in cases:
        r = http.get(f"{V1}/redirect", params=params)
        assert r.status_code == status, (params, r.text)
        if status == 404:
            assert r.text == "Invalid redirect link"
        else:
            assert r.text.startswith("Validation error in request query params: {")


def test_retention_purge(net):
    rt, http, creds = net
    r = http.post(f"{V1}/recommend_service", headers=creds.headers,
                  json={"life_situation_meters": {"housing": [1]}, "limit": 3})
    old = r.json()["auroraai_recommendation_id"]
    old_sid = r.json()["recommended_services"][0]["service_id"]
    new = _search(http, creds)["auroraai_recommendation_id"]
    sid = _search(http, creds)["recommended_services"][0]["service_id"]
    assert http.post(f"{V1}/recommendation_feedback", headers=creds.headers, json={
        "auroraai_recommendation_id": old, "feedback_score": 1,
        "service_feedbacks": [{"service_id": old_sid, "feedback_score": 1}]}).status_code == 200
    link = next(u for c in r.json()["recommended_services"][0]["service_channels"] for u in c["web_pages"])
    assert http.get(link.removeprefix(BASE_URL)).status_code == 302
    with rt.db.session() as s:
        assert s.query(RecommendationNeed).filter_by(recommendation_id=old).count() == 1
        assert s.query(Redirect).filter_by(recommendation_id=old).count() == 1
    with rt.db.session() as s:
        s.get(Recommendation, old).created_at = utcnow() - timedelta(days=rt.settings.log_retention_days + 1)
        s.add(UnmetNeed(lang="fi", text="x", filters={}, created_at=utcnow() - timedelta(days=400)))
    with rt.db.session() as s:
        assert usage.purge_old_records(s, rt.settings.log_retention_days) == 1
    with rt.db.session() as s:
        assert s.get(Recommendation, old) is None and s.get(Recommendation, new) is not None
        assert s.query(RecommendationService).filter_by(recommendation_id=old).count() == 0
        assert s.query(RecommendationFeedback).count() == 0
        assert s.query(ServiceFeedback).count() == 0
        assert s.query(RecommendationNeed).filter_by(recommendation_id=old).count() == 0
        assert s.query(Redirect).count() == 0
        assert s.query(UnmetNeed).count() == 0
        assert s.query(RecommendationService).filter_by(recommendation_id=new).count() == 3
    assert sid


def test_merge_query():
    assert merge_query("https://a.fi/x", []) == "https://a.fi/x"
    assert merge_query("https://a.fi/x", [("s", "")]) == "https://a.fi/x"
    assert merge_query("https://a.fi/x", [("s", "1 2")]) == "https://a.fi/x?s=1+2"
    assert merge_query("https://a.fi/x?a=1#f", [("s", "&")]) == "https://a.fi/x?a=1&s=%26#f"


def test_v2_explanations_paging_and_unmet_need(net):
    rt, http, creds = net
    WORDS = " ".join(svc.names["fi"] for svc in rt.index().services[:6])
    r = http.post("/service-recommender/v2/text_search", headers=creds.headers,
                  json={"search_text": WORDS, "limit": 2, "offset": 2, "language": "en"})
    assert r.status_code == 200, r.text
    page2 = r.json()
    r1 = http.post("/service-recommender/v2/text_search", headers=creds.headers,
                   json={"search_text": WORDS, "limit": 4, "language": "en"}).json()
    assert len(r1["services"]) == 4  # "x" found nothing once the relevance floor came: use real words
    assert [s["service_id"] for s in page2["services"]] == [s["service_id"] for s in r1["services"][2:4]]
    assert all(isinstance(s["explanations"], list) for s in page2["services"])
    r = http.post("/service-recommender/v2/text_search", headers=creds.headers,
                  json={"search_text": "nothing-matches-this 010203A123B"})
    assert r.status_code == 200 and r.json()["services"] == []
    with rt.db.session() as s:
        needs = s.query(UnmetNeed).all()
        assert len(needs) == 1 and "010203A123B" not in needs[0].text
    bad = http.post("/service-recommender/v2/recommend_service", headers=creds.headers, json={"limit": 0})
    assert bad.status_code == 400 and bad.json()["error"] == "validation_error"
    ok = http.post("/service-recommender/v2/recommend_service", headers=creds.headers,
                   json={"life_situation_meters": {"housing": [1]}, "language": "sv", "limit": 2, "offset": 1})
    assert ok.status_code == 200 and ok.json()["language"] == "sv" and len(ok.json()["services"]) == 2
