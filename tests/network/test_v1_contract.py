"""Replays the contract's example requests (docs/auroraai-api-v1.md, section 1) against the demo catalogue:
status codes, shapes, field names, error texts and the redirect URL's parameter order."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.network.conftest import BASE_URL, fake_of, find_channels, register

V1 = "/service-recommender/v1"
V2 = "/service-recommender/v2"
SERVICE_KEYS = {"service_id", "service_name", "service_description", "service_description_summary",
                "user_instruction", "charge_type", "charge_additional_info", "funding_type", "area_type", "areas",
                "responsible_organization", "target_groups", "service_collections", "service_class_uris",
                "requirements", "service_channels", "similarity_score", "rank"}
CHANNEL_KEYS = {"service_channel_id", "service_channel_name", "service_channel_type",
                "service_channel_description_summary", "service_channel_description", "phone_numbers", "web_pages",
                "emails", "address", "location", "service_hours", "session_transfer"}
REDIRECT_RE = re.compile(
    re.escape(BASE_URL) + r"/service-recommender/v1/redirect\?service_id=([0-9a-f-]{36})&service_channel_id=([0-9a-f-]{36})"
    r"&link_id=(\d+)&recommendation_id=(\d+)&sig=[0-9a-f]{32}(&session_id=[^&]+)?$")

RECOMMEND_EXAMPLE = {"life_situation_meters": {"health": [3], "finance": [2], "housing": [8]},
                     "service_filters": {"municipality_codes": ["091"], "include_national_services": True,
                                         "target_groups": ["KR1"]},
                     "limit": 3, "rerank": False, "session_id": "b3f0c7e2-1"}


def check_service(svc: dict, rid: int, session_id: str = "") -> None:
    assert set(svc) == SERVICE_KEYS
    assert isinstance(svc["similarity_score"], float) and 0.0 <= svc["similarity_score"] <= 1.0
    for key in ("target_groups", "service_collections", "service_class_uris", "requirements", "areas"):
        assert isinstance(svc[key], list)
    for uri in svc["service_class_uris"]:
        assert uri.startswith("http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/")
    for ch in svc["service_channels"]:
        assert set(ch) == CHANNEL_KEYS
        assert ch["service_channel_type"] in ("EChannel", "WebPage", "Phone", "ServiceLocation", "PrintableForm")
        assert ch["location"] == "" or set(ch["location"]) == {"latitude", "longitude"}
        for i, url in enumerate(ch["web_pages"]):
            m = REDIRECT_RE.match(url)
            assert m, url
            assert m.group(1) == svc["service_id"] and m.group(2) == ch["service_channel_id"]
            assert int(m.group(4)) == rid
            if ch["service_channel_type"] == "EChannel" and session_id:
                assert m.group(5) == f"&session_id={session_id}"
            else:
                assert m.group(5) is None
        for phone in ch["phone_numbers"]:
            assert isinstance(phone, str) and phone.strip()


def test_recommend_service_example(http, caller):
    r = http.post(f"{V1}/recommend_service", json=RECOMMEND_EXAMPLE, headers=caller.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"recommended_services", "auroraai_recommendation_id"}
    assert isinstance(body["auroraai_recommendation_id"], int)
    services = body["recommended_services"]
    assert 1 <= len(services) <= 3
    assert [s["rank"] for s in services] == list(range(1, len(services) + 1))
    for svc in services:
        check_service(svc, body["auroraai_recommendation_id"], "b3f0c7e2-1")
        assert svc["area_type"].startswith("Nationwide") or "091" in {
            m["code"] for a in svc["areas"] for m in a["municipalities"]}


def test_session_id_only_on_echannel_links(http, caller, rt):
    # A search that returns services with EChannels and other channel types.
    sid, cid = find_channels(rt, "EChannel", 1)[0]
    fake = fake_of(rt)
    fake.services = [s for s in fake.services if s.id == sid] + fake.services
    r = http.post(f"{V1}/recommend_service", json={"life_situation_meters": {"health": [3]}, "limit": 5,
                                                    "session_id": "sess-1"}, headers=caller.headers)
    assert r.status_code == 200
    body = r.json()
    kinds = set()
    for svc in body["recommended_services"]:
        check_service(svc, body["auroraai_recommendation_id"], "sess-1")
        kinds |= {c["service_channel_type"] for c in svc["service_channels"] if c["web_pages"]}
    assert "EChannel" in kinds


def test_text_search_example(http, caller):
    r = http.post(f"{V1}/text_search", headers=caller.headers,
                  json={"search_text": "nuorten työttömyys", "service_filters": {"only_national_services": True},
                        "limit": 5})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["recommended_services"]
    for svc in body["recommended_services"]:
        check_service(svc, body["auroraai_recommendation_id"])
        assert svc["area_type"] in ("Nationwide", "NationwideExceptAlandIslands")


def test_text_search_accepts_language_and_zero_results_still_logged(http, caller):
    r = http.post(f"{V1}/text_search", headers=caller.headers,
                  json={"search_text": "nothing-matches-this", "language": "uk"})
    assert r.status_code == 200
    assert r.json()["recommended_services"] == []
    assert isinstance(r.json()["auroraai_recommendation_id"], int)


def test_channels_are_non_archived_known_types_in_service_order(http, caller, rt):
    from auroranet.catalogue import service as catalogue

    r = http.post(f"{V1}/text_search", headers=caller.headers, json={"search_text": "x", "limit": 50})
    with rt.db.session() as s:
        for svc in r.json()["recommended_services"]:
            rec = catalogue.get_service(s, svc["service_id"])
            chans = catalogue.get_channels(s, rec.channel_ids)
            expected = [c for c in rec.channel_ids if c in chans]
            assert [c["service_channel_id"] for c in svc["service_channels"]] == expected
            assert svc["service_name"] == rec.names.get("fi", "")


@pytest.mark.parametrize("body,expected", [
    ({"life_situation_meters": {"health": [3]}, "limit": 0},
     "Validation error in request data: {'limit': ['Must be greater than or equal to 1 and less than or equal to 50.']}"),
    ({"limit": 3},
     "Validation error in request data: {'life_situation_meters': ['life_situation_meters is required.']}"),
    ({"life_situation_meters": {"health": [3]},
      "service_filters": {"only_national_services": True, "municipality_codes": ["091"]}},
     "Validation error in request data: {'service_filters': {'_schema': "
     "['only_national_services selected. municipality_codes not allowed.']}}"),
    ({"life_situation_meters": {"health": [3]}, "municipality": "Helsinki"},
     "Validation error in request data: {'municipality': ['Unknown field.']}"),
])
def test_validation_texts(http, caller, body, expected):
    r = http.post(f"{V1}/recommend_service", json=body, headers=caller.headers)
    assert r.status_code == 400
    assert r.text == expected


@pytest.mark.parametrize("body", [
    {"life_situation_meters": {"health": 5}},
    {"life_situation_meters": {"health": [3.0]}},
    {"life_situation_meters": {"health": ["3"]}},
    {"life_situation_meters": {"health": [11]}},
    {"life_situation_meters": {"health": []}},
    {"life_situation_meters": {}},
    {"life_situation_meters": {"health": [3]}, "limit": "3"},
    {"life_situation_meters": {"health": [3]}, "limit": 3.0},
    {"life_situation_meters": {"health": [3]}, "limit": 51},
    {"life_situation_meters": {"health": [3]}, "rerank": "true"},
    {"life_situation_meters": {"health": [3]}, "rerank": 1},
    {"life_situation_meters": {"health": [3]}, "rerank": None},
    {"life_situation_meters": {"health": [3]}, "session_id": None},
    {"life_situation_meters": {"health": [3]}, "service_filters": {"municipality_codes": []}},
    {"life_situation_meters": {"health": [3]}, "service_filters": {"municipality_codes": ["999"]}},
    {"life_situation_meters": {"health": [3]}, "service_filters": {"region_codes": ["03"]}},
    {"life_situation_meters": {"health": [3]}, "service_filters": {"hospital_district_codes": ["01"]}},
    {"life_situation_meters": {"health": [3]}, "service_filters": {"wellbeing_service_county_codes": ["22"]}},
    {"life_situation_meters": {"health": [3]}, "service_filters": {"target_groups": ["KR1.2"]}},
    {"life_situation_meters": {"health": [3]}, "service_filters": {"funding_type": ["Free"]}},
    {"life_situation_meters": {"health": [3]}, "service_filters": {"service_classes": ["P5.3"]}},
    {"life_situation_meters": {"health": [3]}, "service_filters": {
        "service_classes": ["http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P999"]}},
    {"life_situation_meters": {"health": [3]}, "service_filters": {"only_national_services": True,
                                                                   "include_national_services": True}},
    {"life_situation_meters": {"health": [3]}, "service_filters": {"include_national_services": "false"}},
    {"life_situation_meters": {"health": [3]}, "age": 201},
    [1, 2],
    "text",
])
def test_bad_input_is_400_and_engine_not_called(http, caller, rt, body):
    r = http.post(f"{V1}/recommend_service", json=body, headers=caller.headers)
    assert r.status_code == 400, r.text
    assert r.text.startswith("Validation error in request data: {")
    assert fake_of(rt).calls == 0


@pytest.mark.parametrize("extra", [{"age": 17}, {"municipality_code": "837"}, {"life_event": "moving"},
                                   {"explanations": True}, {"language": "sv"}, {"offset": 1}])
def test_v1_recommend_accepts_exactly_v1_fields(http, caller, rt, extra):
    """v1 rejected top-level ``age`` and ``municipality_code`` (and knew no other additions): they are v2's."""
    body = {"life_situation_meters": {"health": [3, 4]}, **extra}
    r = http.post(f"{V1}/recommend_service", json=body, headers=caller.headers)
    assert r.status_code == 400, r.text
    assert r.text == f"Validation error in request data: {{'{next(iter(extra))}': ['Unknown field.']}}"
    assert fake_of(rt).calls == 0
    r = http.post(f"{V2}/recommend_service", json=body, headers=caller.headers)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("extra", [{"session_id": "s-1"}, {"explanations": True}, {"offset": 1}])
def test_v1_text_search_accepts_exactly_v1_fields(http, caller, extra):
    r = http.post(f"{V1}/text_search", json={"search_text": "asunto", **extra}, headers=caller.headers)
    assert r.status_code == 400
    assert r.text == f"Validation error in request data: {{'{next(iter(extra))}': ['Unknown field.']}}"


def test_v2_takes_the_additions(http, caller):
    body = {"life_situation_meters": {"health": [3, 4]}, "age": 17, "municipality_code": "837",
            "life_event": "moving", "language": "sv"}
    r = http.post(f"{V2}/recommend_service", json=body, headers=caller.headers)
    assert r.status_code == 200, r.text
    for svc in r.json()["services"]:
        assert isinstance(svc["explanations"], list)


def test_long_session_id_is_cut_at_the_edge_not_refused(http, caller):
    r = http.post(f"{V1}/recommend_service", headers=caller.headers,
                  json={"life_situation_meters": {"health": [3]}, "session_id": "s" * 5000})
    assert r.status_code == 200, r.text
    links = [u for svc in r.json()["recommended_services"] for ch in svc["service_channels"]
             if ch["service_channel_type"] == "EChannel" for u in ch["web_pages"]]
    assert links and all(u.endswith("&session_id=" + "s" * 200) for u in links)


@pytest.mark.parametrize("text", ["[", "/", "#", "[/#]", "???", " ", "- -", "€%&", "你好"])
def test_v1_text_of_special_characters_only_is_200_with_nothing_found(http, caller, rt, text):
    """v1 filtered every character outside [0-9a-zA-ZäÄöÖåÅа-яА-Я -] out of the text and answered what it
    found; a text left with nothing to search for found nothing (a 200, logged like any other)."""
    r = http.post(f"{V1}/text_search", json={"search_text": text}, headers=caller.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["recommended_services"] == [] and isinstance(body["auroraai_recommendation_id"], int)
    assert fake_of(rt).calls == 0
    # a text with something left to search for still reaches the engine
    r = http.post(f"{V1}/text_search", json={"search_text": "[asunto]"}, headers=caller.headers)
    assert r.status_code == 200 and fake_of(rt).calls == 1


def test_area_and_class_filters_reach_the_engine(http, caller, rt):
    seen = []
    fake = fake_of(rt)

    real = fake.recommend

    def spy(q):
        seen.append(q)
        return real(q)

    fake.recommend = spy
    body = {"life_situation_meters": {"health": [2, 4], "finance": [9]},
            "service_filters": {"region_codes": ["06"], "hospital_district_codes": ["06"],
                                "wellbeing_service_county_codes": ["08"], "include_national_services": False,
                                "service_classes": ["http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P25"],
                                "target_groups": ["KR1"], "funding_type": ["PubliclyFunded"]}, "limit": 4}
    r = http.post(f"{V1}/recommend_service", json=body, headers=caller.headers)
    assert r.status_code == 200, r.text
    q = seen[0]
    assert q.meters == {"health": 3.0, "finance": 9.0}
    assert q.filters.region_codes == ("06",) and q.filters.wellbeing_service_county_codes == ("08",)
    assert q.filters.service_classes == ("P25",)
    assert q.filters.include_national_services is False and q.filters.funding_types == ("PubliclyFunded",)
    assert q.limit == 4


def test_rerank_changes_order(http, caller):
    body = {"life_situation_meters": {"health": [3]}, "limit": 3}
    a = http.post(f"{V1}/recommend_service", json=body, headers=caller.headers).json()
    b = http.post(f"{V1}/recommend_service", json={**body, "rerank": True}, headers=caller.headers).json()
    ids_a = [s["service_id"] for s in a["recommended_services"]]
    ids_b = [s["service_id"] for s in b["recommended_services"]]
    assert ids_b == list(reversed(ids_a))
    assert [s["rank"] for s in b["recommended_services"]] == [1, 2, 3]


def test_auth_runs_before_body_validation(http):
    r = http.post(f"{V1}/recommend_service", content=b"{not json")
    assert r.status_code == 401
    assert r.text == "Unauthorized"
    assert r.headers["www-authenticate"] == 'Basic realm="Service recommender API"'


@pytest.mark.parametrize("header", ["Basic Zm9vOmJhcg==", "Bearer xyz", "Basic !!!", "Basic"])
def test_wrong_credentials_401(http, caller, header):
    r = http.post(f"{V1}/text_search", json={"search_text": "a"}, headers={"Authorization": header})
    assert r.status_code == 401


def test_wrong_secret_401(http, caller):
    from tests.network.conftest import Creds

    bad = Creds(caller.id, caller.secret + "x", [])
    assert http.post(f"{V1}/text_search", json={"search_text": "a"}, headers=bad.headers).status_code == 401


def test_json_errors_on_request(http, caller):
    r = http.post(f"{V1}/recommend_service", json={"limit": 0}, headers={**caller.headers, "Accept": "application/json"})
    assert r.status_code == 400
    body = r.json()
    assert body["error"] == "validation_error"
    assert body["details"]["limit"] == ["Must be greater than or equal to 1 and less than or equal to 50."]
    assert body["details"]["life_situation_meters"] == ["life_situation_meters is required."]
    r = http.post(f"{V1}/recommend_service", json={}, headers={"Accept": "application/json"})
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"


def test_wrong_method_and_unknown_path(http):
    assert http.get(f"{V1}/recommend_service").status_code == 405
    assert http.post(f"{V1}/nope", json={}).status_code == 404


def test_healthcheck(http):
    r = http.get("/service-recommender/healthcheck/")
    assert r.status_code == 200 and r.text == "Healthcheck OK"


def test_mock_municipality_returns_mock_service(http, caller):
    body = {"life_situation_meters": {"health": [3]}, "service_filters": {"municipality_codes": ["000"]}}
    r = http.post(f"{V1}/recommend_service", json=body, headers=caller.headers)
    assert r.status_code == 200, r.text
    services = r.json()["recommended_services"]
    assert [s["service_id"] for s in services] == ["6a2b1374-9a2d-47bc-8cd9-33b0db1566e1"]
    chans = services[0]["service_channels"]
    assert len(chans) == 3 and all(c["service_channel_type"] == "EChannel" for c in chans)
    check_service(services[0], r.json()["auroraai_recommendation_id"])
    # following a mock link lands on the mock page
    r2 = http.get(chans[0]["web_pages"][0].removeprefix(BASE_URL))
    assert r2.status_code == 302
    assert r2.headers["location"] == f"{BASE_URL}/mock-service/service"


def test_feedback_example(http, caller):
    rec = http.post(f"{V1}/recommend_service", json=RECOMMEND_EXAMPLE, headers=caller.headers).json()
    sid = rec["recommended_services"][0]["service_id"]
    body = {"auroraai_recommendation_id": rec["auroraai_recommendation_id"], "feedback_score": 1,
            "service_feedbacks": [{"service_id": sid, "feedback_score": -1}]}
    r = http.post(f"{V1}/recommendation_feedback", json=body, headers=caller.headers)
    assert r.status_code == 200 and r.text == "OK"


def test_redirect_example_parameter_order_and_302(http, caller):
    r = http.post(f"{V1}/recommend_service", json=RECOMMEND_EXAMPLE, headers=caller.headers).json()
    links = [(svc, ch, url) for svc in r["recommended_services"] for ch in svc["service_channels"]
             for url in ch["web_pages"]]
    assert links
    svc, ch, url = links[0]
    keys = [k for k, _ in parse_qsl(urlsplit(url).query)]
    assert keys[:4] == ["service_id", "service_channel_id", "link_id", "recommendation_id"]
    res = http.get(url.removeprefix(BASE_URL))
    assert res.status_code == 302
    assert res.headers["location"].startswith("http")


def test_session_attributes_example(http, caller, rt):
    sid, cid = find_channels(rt, "EChannel", 1)[0]
    register(rt, "Lausuntopalvelu.fi", channels=[cid], receives=["age", "life_situation_meters", "municipality_code"])
    body = {"service_channel_id": cid, "service_id": sid, "auroraai_recommendation_id": 123,
            "session_attributes": {"age": 20, "municipality_code": "049", "life_situation_meters": {"family": [8]}}}
    r = http.post(f"{V1}/session_attributes", json=body, headers=caller.headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    assert re.fullmatch(re.escape(f"{BASE_URL}/service-recommender/v1/redirect?service_id={sid}&service_channel_id={cid}"
                                  "&link_id=0&recommendation_id=123&sig=") + "[0-9a-f]{32}&auroraai_access_token=[0-9a-f]{64}",
                        r.text)


def test_translation_endpoints(http, caller, rt):
    r = http.post(f"{V1}/translation/search_text", json={"search_text": "asunto", "source_language": "fi"},
                  headers=caller.headers)
    assert r.status_code == 200 and r.json() == {"target_language": "fi", "search_text": "asunto"}
    r = http.post(f"{V1}/translation/search_text", json={"search_text": "youth unemployment", "source_language": "en"},
                  headers=caller.headers)
    assert r.status_code == 501 and "not available" in r.text
    r = http.post(f"{V1}/translation/search_text", json={"search_text": "x", "source_language": "xx"},
                  headers=caller.headers)
    assert r.status_code == 400
    # a demo service with PTV's own sv texts everywhere, and one that lacks them
    from auroranet.catalogue import service as catalogue

    complete = None
    with rt.db.session() as s:
        for svc in catalogue.list_services(s):
            chans = catalogue.get_channels(s, svc.channel_ids)
            texts = [svc.names.get("sv"), svc.description.get("sv"), svc.summary.get("sv")]
            for c in chans.values():
                texts += [c.names.get("sv"), c.description.get("sv"), c.summary.get("sv")]
            if all(texts):
                complete = svc
                break
    if complete is not None:
        r = http.post(f"{V1}/translation/ptv_service", json={"service_id": complete.id, "target_language": "sv"},
                      headers=caller.headers)
        assert r.status_code == 200, r.text
        assert r.json()["service"]["service_name"] == complete.names["sv"]
        assert r.json()["service"]["machine_translated"] is False
    r = http.post(f"{V1}/translation/ptv_service", json={"service_id": "nope", "target_language": "sv"},
                  headers=caller.headers)
    assert r.status_code == 404 and r.text == "Service not found"
    any_id = fake_of(rt).services[0].id
    r = http.post(f"{V1}/translation/ptv_service", json={"service_id": any_id, "target_language": "de"},
                  headers=caller.headers)
    assert r.status_code == 501


def test_ptv_texts_are_returned_as_ptv_has_them():
    """v1 returned user_instruction and the other PTV texts untrimmed; a blank text is still left out."""
    from auroranet.api.v1_format import format_service
    from auroranet.catalogue.ptv import mapping

    texts = {"Summary": " Lyhyesti. ", "Description": "Kuvaus.\n\n", "UserInstruction": "  1. Soita.\n2. Tule.\n",
             "ChargeTypeAdditionalInfo": "   "}
    rec = mapping.service_from_ptv({
        "id": "aaaaaaaa-1111-4111-8111-111111111111",
        "serviceNames": [{"language": "fi", "value": "Palvelu ", "type": "Name"}],
        "serviceDescriptions": [{"language": "fi", "value": v, "type": k} for k, v in texts.items()]})
    out = format_service(rec, {})
    assert out["user_instruction"] == "  1. Soita.\n2. Tule.\n"
    assert out["service_description"] == "Kuvaus.\n\n" and out["service_description_summary"] == " Lyhyesti. "
    assert out["service_name"] == "Palvelu " and out["charge_additional_info"] == ""
