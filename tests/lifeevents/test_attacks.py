"""Hostile input on the life-event and referral pages and the v2 life-event API: long inputs (a 100 kB
message, 10 000-character fields), unknown and forged ids and codes, another organisation's referrals
as staff, bad municipality codes and languages. Every answer is a clear 4xx (or the page itself), never
a 500, and nothing is stored from a refused request."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from auroranet.app import create_app
from auroranet.identity.principal import Principal, Role
from auroranet.referrals import service as ref_svc
from auroranet.referrals.models import Referral
from auroranet.runtime import Runtime
from tests.signin import sign_in_client

LONG = "x" * 10_000
HUGE = "y" * 100_000
ORG, OTHER = "attack-org", "attack-other"


@pytest.fixture
def http(web_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False) as c:
        yield c


@pytest.fixture
def service_id(web_runtime: Runtime) -> str:
    sid = next(s.id for s in web_runtime.catalogue().services if s.names.get("fi") == "Opiskelija-asunnot Oulussa")
    ref_svc.set_receiver(web_runtime, service_id=sid, organisation_id=ORG)
    return sid


def _csrf(http: TestClient, path: str = "/referrals/status") -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', http.get(path).text)
    assert m, path
    return m.group(1)


def _count(rt: Runtime) -> int:
    with rt.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Referral)) or 0)


def _client_error(r: object, *allowed: int) -> None:
    status = getattr(r, "status_code")
    assert 400 <= status < 500 and (not allowed or status in allowed), status


def test_life_event_pages_refuse_hostile_input(http: TestClient) -> None:
    _client_error(http.get(f"/life-events/{LONG}"), 404)
    _client_error(http.get("/life-events/../../etc/passwd"), 404)
    _client_error(http.get("/life-events/moving_to_study", params={"municipality": LONG}), 400)
    _client_error(http.get("/life-events/moving_to_study", params={"municipality": "<script>alert(1)</script>"}), 400)
    assert "<script>alert(1)</script>" not in http.get("/life-events/moving_to_study",
                                                       params={"municipality": "<script>alert(1)</script>"}).text
    r = http.get("/life-events/moving_to_study", params={"lang": "xx" + LONG})  # an unknown language: ignored
    assert r.status_code == 200 and '<html lang="fi"' in r.text
    token = _csrf(http, "/life-events/moving_to_study")
    _client_error(http.post(f"/life-events/{LONG}/done", data={"csrf_token": token}), 404)
    _client_error(http.post("/life-events/moving_to_study/done", data={"csrf_token": "forged", "done": "housing"}), 403)
    r = http.post("/life-events/moving_to_study/done", data={"csrf_token": token, "done": [LONG] * 5 + ["housing"]})
    assert r.status_code == 303
    assert 'id="done-housing" checked' in http.get("/life-events/moving_to_study").text


def test_v2_life_events_refuse_hostile_input(http: TestClient) -> None:
    v2 = "/service-recommender/v2/life_events"
    for params in ({"lang": "xx"}, {"lang": LONG}):
        r = http.get(v2, params=params)
        _client_error(r, 400)
        assert r.json()["error"] if r.headers["content-type"].startswith("application/json") else r.text
    _client_error(http.get(f"{v2}/{LONG}"), 404)
    _client_error(http.get(f"{v2}/moving_to_study", params={"lang": "de"}), 400)
    for code in ("abc", "99", "0915", "999", LONG, "09%", "' OR 1=1 --"):
        _client_error(http.get(f"{v2}/moving_to_study", params={"municipality_code": code}), 400)
    _client_error(http.get(f"{v2}/moving_to_study", params={"answer": LONG}), 400)


def test_referral_pages_refuse_hostile_input(http: TestClient, web_runtime: Runtime, service_id: str) -> None:
    before = _count(web_runtime)
    _client_error(http.get(f"/referrals/new/{LONG}"), 404)
    _client_error(http.get("/referrals/new/not-accepting-anything"), 404)
    token = _csrf(http, f"/referrals/new/{service_id}")
    huge = http.post(f"/referrals/new/{service_id}", data={"csrf_token": token, "message": HUGE})
    _client_error(huge, 413)  # over the request size limit (max_request_bytes) before any parsing
    long = http.post(f"/referrals/new/{service_id}", data={"csrf_token": token, "message": LONG})
    _client_error(long, 400)  # over the message limit
    assert LONG not in long.text
    for field in ("email", "phone"):
        _client_error(http.post(f"/referrals/new/{service_id}", data={"csrf_token": token, "message": "hei",
                                                                       field: LONG}), 400)
    _client_error(http.post(f"/referrals/new/{service_id}", data={"csrf_token": "forged", "message": "hei"}), 403)
    _client_error(http.post(f"/referrals/new/{LONG}", data={"csrf_token": token, "message": "hei"}), 404)
    # attributes that are not offered are dropped, not sent
    ok = http.post(f"/referrals/new/{service_id}", data={"csrf_token": token, "message": "hei",
                                                          "attrs": ["age", "password", LONG]})
    assert ok.status_code == 200 and LONG not in ok.text
    # the draft was the session's first stored value: it now lives under a fresh id (an id the store never
    # knew is not adopted), so the forms carry a new token
    token = re.search(r'name="csrf_token" value="([^"]+)"', ok.text).group(1)  # type: ignore[union-attr]
    # sending another service than the one previewed starts over; a forged token sends nothing
    r = http.post(f"/referrals/new/{LONG}/send", data={"csrf_token": token})
    assert r.status_code == 303 and len(r.headers["location"]) < 100
    r = http.post("/referrals/new/%0d%0aSet-Cookie:%20x=1/send", data={"csrf_token": token})
    assert r.status_code == 303 and "\n" not in r.headers["location"] and "set-cookie" not in {k.lower() for k in
                                                                                           r.headers if k != "set-cookie"}
    _client_error(http.post(f"/referrals/new/{service_id}/send", data={"csrf_token": "forged"}), 403)
    assert _count(web_runtime) == before
    for code in (LONG, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "' OR 1=1 --", ""):
        _client_error(http.post("/referrals/status", data={"csrf_token": token, "code": code}), 404)
    _client_error(http.post("/referrals/cancel", data={"csrf_token": token, "id": LONG, "code": LONG}), 404)
    _client_error(http.post("/referrals/cancel", data={"csrf_token": token}), 404)
    _client_error(http.post("/referrals/cancel", data={"csrf_token": "forged", "id": "x"}), 403)


def test_staff_cannot_reach_other_organisations_referrals(web_runtime: Runtime, service_id: str) -> None:
    made = ref_svc.create_referral(web_runtime, ref_svc.NewReferral(service_id=service_id, message="Auttakaa"))
    app = create_app(runtime=web_runtime)
    with TestClient(app, follow_redirects=False) as other, TestClient(app, follow_redirects=False) as mine:
        sign_in_client(other, web_runtime, Principal("o-1", "staff", roles=(Role("provider_staff", f"organisation:{OTHER}"),)))
        sign_in_client(mine, web_runtime, Principal("m-1", "staff", roles=(Role("provider_staff", f"organisation:{ORG}"),)))
        assert made.public_id not in other.get("/backoffice/referrals").text
        _client_error(other.get(f"/backoffice/referrals/{made.public_id}"), 404)
        token = _csrf(other, "/backoffice/referrals")
        _client_error(other.post(f"/backoffice/referrals/{made.public_id}", data={"csrf_token": token,
                                                                                  "action": "accept"}), 404)
        assert ref_svc.get_in_scope(web_runtime, made.public_id, ref_svc.Scope(organisations=None)).status == "requested"
        _client_error(other.get(f"/backoffice/referrals/{LONG}"), 404)
        _client_error(other.get("/backoffice/referrals", params={"status": LONG}), 400)
        t = _csrf(mine, "/backoffice/referrals")
        url = f"/backoffice/referrals/{made.public_id}"
        _client_error(mine.post(url, data={"csrf_token": t, "action": LONG}), 400)
        _client_error(mine.post(url, data={"csrf_token": t, "action": "accept", "note": LONG}), 400)
        for when in (LONG, "2027-13-45T99:99", "0000-01-01T00:00", "9999-12-31T23:59", "0001-01-01T00:00"):
            _client_error(mine.post(url, data={"csrf_token": t, "action": "schedule", "when": when}), 400)
        _client_error(mine.post(url, data={"csrf_token": "forged", "action": "accept"}), 403)
        assert ref_svc.get_in_scope(web_runtime, made.public_id, ref_svc.Scope(organisations=None)).status == "requested"
