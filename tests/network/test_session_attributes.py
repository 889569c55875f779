"""Anonymous attribute transfer: receivable filter, hashed single-use short-lived tokens bound to the receiver,
CORS limited to registered origins, purge, and the session_transfer flag."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from auroranet.db.core import utcnow
from auroranet.errors import InputError
from auroranet.network import session_attributes as sa
from auroranet.network.models import SessionAttributes
from tests.network.conftest import BASE_URL, fake_of, find_channels, register

V1 = "/service-recommender/v1"
ORIGIN = "https://receiver.example"
ATTRS = {"age": 17, "municipality_code": "837", "life_situation_meters": {"family": [8], "health": [2]}}


@pytest.fixture
def receiver(any_rt):
    sid, cid = find_channels(any_rt, "EChannel", 1)[0]
    creds = register(any_rt, "Vastaanottaja", channels=[cid], receives=["age", "life_situation_meters"], origins=[ORIGIN])
    return sid, cid, creds


def test_issue_token_keeps_only_receivable_and_hashes(any_rt, receiver):
    _, cid, creds = receiver
    issued = sa.issue_token(any_rt.db, any_rt.settings, channel_id=cid, attributes=ATTRS)
    assert issued.client_id == creds.id
    assert issued.shared_attributes == {"age": 17, "life_situation_meters": ATTRS["life_situation_meters"]}
    assert len(issued.token) == 64 and int(issued.token, 16) >= 0
    with any_rt.db.session() as s:
        rows = s.query(SessionAttributes).all()
        assert len(rows) == 1
        assert rows[0].token_hash == hashlib.sha256(issued.token.encode()).hexdigest()
        assert "municipality_code" not in rows[0].attributes
        ttl = rows[0].expires_at.replace(tzinfo=None) - rows[0].created_at.replace(tzinfo=None)
        assert ttl == timedelta(seconds=any_rt.settings.session_token_ttl_seconds)
    info = sa.registered_receiver(any_rt.db, cid)
    assert info.names["fi"] == "Vastaanottaja" and info.receivable_attributes == ("age", "life_situation_meters")


def test_issue_without_receivable_attributes_gives_no_token(any_rt, receiver):
    _, cid, _ = receiver
    issued = sa.issue_token(any_rt.db, any_rt.settings, channel_id=cid, attributes={"municipality_code": "837"})
    assert issued.token is None and issued.shared_attributes == {}


def test_issue_for_unregistered_channel_fails(any_rt):
    with pytest.raises(InputError, match="not registered"):
        sa.issue_token(any_rt.db, any_rt.settings, channel_id="743c59c6-c41a-4973-88ae-3d5ae4e4ec1c", attributes=ATTRS)


def test_read_is_single_use_and_bound(any_rt, receiver):
    _, cid, creds = receiver
    other = register(any_rt, "Muu")
    me = any_rt.auth.authenticate(creds.headers["Authorization"])
    them = any_rt.auth.authenticate(other.headers["Authorization"])
    token = sa.issue_token(any_rt.db, any_rt.settings, channel_id=cid, attributes=ATTRS).token
    assert sa.read_token(any_rt.db, token, reader=them, origin=None).status == "forbidden"
    assert sa.read_token(any_rt.db, token, reader=None, origin="https://evil.example").status == "forbidden"
    assert sa.read_token(any_rt.db, token, reader=None, origin=None).status == "forbidden"
    res = sa.read_token(any_rt.db, token, reader=me, origin=None)
    assert res.status == "ok" and res.attributes["age"] == 17
    assert sa.read_token(any_rt.db, token, reader=me, origin=None).status == "not_found"


def test_expired_token_and_purge(any_rt, receiver):
    _, cid, _ = receiver
    t1 = sa.issue_token(any_rt.db, any_rt.settings, channel_id=cid, attributes=ATTRS).token
    t2 = sa.issue_token(any_rt.db, any_rt.settings, channel_id=cid, attributes=ATTRS).token
    t3 = sa.issue_token(any_rt.db, any_rt.settings, channel_id=cid, attributes=ATTRS).token
    with any_rt.db.session() as s:
        s.get(SessionAttributes, sa.token_hash(t1)).expires_at = utcnow() - timedelta(seconds=1)
    assert sa.read_token(any_rt.db, t1, reader=None, origin=ORIGIN).status == "not_found"
    assert sa.read_token(any_rt.db, t2, reader=None, origin=ORIGIN).status == "ok"
    assert sa.purge_expired(any_rt.db) == 2  # the expired one and the used one
    with any_rt.db.session() as s:
        assert [r.token_hash for r in s.query(SessionAttributes)] == [sa.token_hash(t3)]


def test_http_flow_browser_read_with_cors(http, rt, caller):
    sid, cid = find_channels(rt, "EChannel", 1)[0]
    register(rt, "Vastaanottaja", channels=[cid], receives=["age", "life_situation_meters"], origins=[ORIGIN])
    r = http.post(f"{V1}/session_attributes", headers=caller.headers,
                  json={"service_channel_id": cid, "session_attributes": ATTRS})
    assert r.status_code == 200, r.text
    url = r.text
    assert not url.startswith(f"{BASE_URL}/service-recommender")  # the channel's own page
    token = parse_qs(urlsplit(url).query)["auroraai_access_token"][0]
    assert len(token) == 64
    # preflight without auth
    pre = http.options(f"{V1}/session_attributes?access_token={token}", headers={"Origin": ORIGIN,
                                                                                    "Access-Control-Request-Method": "GET"})
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == ORIGIN
    pre2 = http.options(f"{V1}/session_attributes", headers={"Origin": "https://evil.example"})
    assert pre2.status_code == 200 and "access-control-allow-origin" not in pre2.headers
    # an unregistered origin is refused and does not consume the token
    bad = http.get(f"{V1}/session_attributes", params={"access_token": token}, headers={"Origin": "https://evil.example"})
    assert bad.status_code == 404 and bad.text == "Access token does not exist"
    assert "access-control-allow-origin" not in bad.headers
    ok = http.get(f"{V1}/session_attributes", params={"access_token": token}, headers={"Origin": ORIGIN})
    assert ok.status_code == 200
    assert ok.json() == {"age": 17, "life_situation_meters": ATTRS["life_situation_meters"]}
    assert ok.headers["access-control-allow-origin"] == ORIGIN
    again = http.get(f"{V1}/session_attributes", params={"access_token": token}, headers={"Origin": ORIGIN})
    assert again.status_code == 404


def test_http_server_side_read_must_be_receiver(http, rt, caller):
    sid, cid = find_channels(rt, "EChannel", 1)[0]
    recv = register(rt, "Vastaanottaja", channels=[cid], receives=["age"])
    r = http.post(f"{V1}/session_attributes", headers=caller.headers,
                  json={"service_channel_id": cid, "service_id": sid, "auroraai_recommendation_id": 5,
                        "session_attributes": {"age": 30}})
    token = parse_qs(urlsplit(r.text).query)["auroraai_access_token"][0]
    assert http.get(f"{V1}/session_attributes", params={"access_token": token},
                    headers=caller.headers).status_code == 404
    assert http.get(f"{V1}/session_attributes", params={"access_token": token},
                    headers={"Authorization": "Basic eDp5"}).status_code == 401
    ok = http.get(f"{V1}/session_attributes", params={"access_token": token}, headers=recv.headers)
    assert ok.status_code == 200 and ok.json() == {"age": 30}


@pytest.mark.parametrize("query,status,text", [
    ("", 400, "access_token is a required parameter"),
    ("?access_token=", 400, "access_token is a required parameter"),
    ("?access_token=abc", 400, "Invalid access token format"),
    ("?access_token=" + "0" * 64, 404, "Access token does not exist"),
])
def test_http_get_errors(http, query, status, text):
    r = http.get(f"{V1}/session_attributes{query}")
    assert r.status_code == status and r.text == text


def test_http_post_errors(http, rt, caller):
    sid, cid = find_channels(rt, "EChannel", 1)[0]
    unknown = "11111111-1111-4111-8111-111111111111"
    r = http.post(f"{V1}/session_attributes", headers=caller.headers,
                  json={"service_channel_id": unknown, "session_attributes": {"age": 3}})
    assert r.status_code == 404 and r.text == "Service channel id not found"
    r = http.post(f"{V1}/session_attributes", headers=caller.headers,
                  json={"service_channel_id": cid, "session_attributes": {"age": 3}})
    assert r.status_code == 400 and r.text.startswith("Session transfer not allowed.")
    for body in ({"service_channel_id": cid, "session_attributes": {}},
                 {"service_channel_id": cid, "session_attributes": {"age": 201}},
                 {"service_channel_id": cid, "session_attributes": {"tampere_demo_flag": True}},
                 {"service_channel_id": cid, "auroraai_recommendation_id": 1, "session_attributes": {"age": 3}},
                 {"service_channel_id": "nope", "session_attributes": {"age": 3}},
                 {"service_channel_id": cid, "session_attributes": {"municipality_code": "999"}}):
        r = http.post(f"{V1}/session_attributes", headers=caller.headers, json=body)
        assert r.status_code == 400, body
        assert r.text.startswith("Validation error in request data: ")
    assert http.post(f"{V1}/session_attributes", json={"service_channel_id": cid}).status_code == 401


def test_receiver_without_receivable_attribute_gets_url_without_token(http, rt, caller):
    sid, cid = find_channels(rt, "EChannel", 1)[0]
    register(rt, "Vastaanottaja", channels=[cid], receives=["age"])
    r = http.post(f"{V1}/session_attributes", headers=caller.headers,
                  json={"service_channel_id": cid, "session_attributes": {"municipality_code": "837"}})
    assert r.status_code == 200 and "auroraai_access_token" not in r.text


def test_session_transfer_flag_in_results(http, rt, caller):
    pairs = find_channels(rt, "EChannel", 2)
    (sid1, cid1), (sid2, cid2) = pairs
    register(rt, "Saa siirtää", channels=[cid1], receives=["age"])
    register(rt, "Ei mitään", channels=[cid2], receives=[])
    fake = fake_of(rt)
    fake.services = [s for s in fake.services if s.id in (sid1, sid2)]
    r = http.post(f"{V1}/text_search", json={"search_text": "x", "limit": 5}, headers=caller.headers)
    flags = {c["service_channel_id"]: c["session_transfer"] for s in r.json()["recommended_services"]
             for c in s["service_channels"]}
    assert flags[cid1] is True and flags[cid2] is False
    assert sum(flags.values()) == 1


def test_session_transfer_lookup_failure_does_not_fail(http, rt, caller, monkeypatch):
    """The receiver directory cannot be read (registry down): the answer still comes, every flag false."""
    sid, cid = find_channels(rt, "EChannel", 1)[0]
    register(rt, "Saa siirtää", channels=[cid], receives=["age"])

    def boom(*a, **k):
        raise RuntimeError("registry down")

    monkeypatch.setattr(rt.receivers, "_load", boom)
    rt.receivers.invalidate()  # no cached directory to fall back on
    fake_of(rt).services = [s for s in fake_of(rt).services if s.id == sid]
    r = http.post(f"{V1}/text_search", json={"search_text": "x", "limit": 5}, headers=caller.headers)
    assert r.status_code == 200
    assert all(c["session_transfer"] is False for s in r.json()["recommended_services"] for c in s["service_channels"])


def test_purge_expired_and_used_tokens_through_http_flow(http, rt):
    """What the old background purge task did, called directly (the job runner is separate now): an
    expired token and a used one are deleted, a live unused one stays."""
    sid, cid = find_channels(rt, "EChannel", 1)[0]
    register(rt, "R", channels=[cid], receives=["age"], origins=[ORIGIN])
    expired = sa.issue_token(rt.db, rt.settings, channel_id=cid, attributes={"age": 1}).token
    used = sa.issue_token(rt.db, rt.settings, channel_id=cid, attributes={"age": 2}).token
    live = sa.issue_token(rt.db, rt.settings, channel_id=cid, attributes={"age": 3}).token
    with rt.db.session() as s:
        s.get(SessionAttributes, sa.token_hash(expired)).expires_at = utcnow() - timedelta(seconds=1)
    assert http.get(f"{V1}/session_attributes", params={"access_token": used}, headers={"Origin": ORIGIN}).json() == {"age": 2}
    assert sa.purge_expired(rt.db) == 2
    assert sa.purge_expired(rt.db) == 0
    with rt.db.session() as s:
        assert [r.token_hash for r in s.query(SessionAttributes)] == [sa.token_hash(live)]
