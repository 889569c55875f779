"""The life-event pages and the referral pages over HTTP (TestClient): steps with the municipality's
services, ticks kept in the session, links from start, results and search, the back office's access
rules, and the full referral loop with nothing pre-ticked and "what goes to whom" before sending."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.identity.principal import Principal, Role
from auroranet.referrals import service as ref_svc
from auroranet.runtime import Runtime
from tests.signin import sign_in_client

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def http(web_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False) as c:
        yield c


def csrf(html: str) -> str:
    m = CSRF.search(html)
    assert m, "no CSRF token on the page"
    return m.group(1)


def test_life_event_page_shows_local_services_and_keeps_ticks(http: TestClient, web_runtime: Runtime) -> None:
    page = http.get("/life-events/moving_to_study?municipality=Oulu&lang=fi")
    assert page.status_code == 200
    assert "Opiskelija-asunnot Oulussa" in page.text and "Opiskelija-asunnot Helsingissä" not in page.text
    assert "Muuttoilmoitus" in page.text  # national fallback for the notice of move
    assert 'id="done-housing"' in page.text and "checked" not in page.text.split('id="done-housing"')[1][:20]
    r = http.post("/life-events/moving_to_study/done", data={"csrf_token": csrf(page.text), "done": ["housing", "bogus"]})
    assert r.status_code == 303
    again = http.get("/life-events/moving_to_study")  # the municipality is remembered too
    assert 'id="done-housing" checked' in again.text and "Opiskelija-asunnot Oulussa" in again.text
    assert "1/5" in again.text
    helsinki = http.get("/life-events/moving_to_study?municipality=Helsinki&lang=sv")
    assert "Studentbostäder i Helsingfors" in helsinki.text or "Helsingfors" in helsinki.text
    assert 'lang="sv"' in helsinki.text
    bad = http.get("/life-events/moving_to_study?municipality=Atlantis")
    assert bad.status_code == 400
    assert http.get("/life-events/no_such").status_code == 404
    assert http.post("/life-events/moving_to_study/done", data={"done": "housing"}).status_code == 403


def test_start_search_and_api(http: TestClient) -> None:
    start = http.get("/?lang=en")
    assert 'href="/life-events/foreign_student_work"' in start.text
    for text, lang in (("muutto opiskelemaan", "fi"), ("moving to Finland to study", "en")):
        r = http.get("/search", params={"q": text, "lang": lang})  # search is a GET address
        assert r.status_code == 200
        assert 'class="le-suggestion"' in r.text and 'href="/life-events/moving_to_study"' in r.text
    r = http.get("/search", params={"q": "uimahalli"})
    assert 'class="le-suggestion"' not in r.text
    listed = http.get("/service-recommender/v2/life_events?lang=en").json()["life_events"]
    ids = [e["id"] for e in listed]
    assert "bereavement" in ids and all(set(s) >= {"id", "title", "text"} for e in listed for s in e["steps"])
    one = http.get("/service-recommender/v2/life_events/moving_to_study?municipality_code=564&lang=fi").json()
    housing = next(s for s in one["steps"] if s["id"] == "housing")
    assert housing["services"] and housing["services"][0]["service_name"] == "Opiskelija-asunnot Oulussa"
    assert {"service_id", "service_channels", "responsible_organization"} <= set(housing["services"][0])
    assert http.get("/service-recommender/v2/life_events/nope").status_code == 404
    assert http.get("/service-recommender/v2/life_events/moving_to_study?municipality_code=abc").status_code == 400
    assert http.get("/service-recommender/v2/life_events/moving_to_study?municipality_code=999").status_code == 400


def test_results_suggest_a_life_event(http: TestClient) -> None:
    from tests.web.conftest import PLAN_3X10D
    from tests.web.test_views import answer_all

    results = answer_all(http, plan=PLAN_3X10D)[-1]  # all questions on one page, then check your answers
    page = http.get(results)
    assert page.status_code == 200
    # housing 2, finance 4 are needs: moving to study (housing, finance, friends) is suggested
    assert 'id="le-suggest-h"' in page.text and "/life-events/" in page.text


def test_backoffice_access(http: TestClient, web_runtime: Runtime) -> None:
    r = http.get("/backoffice/referrals/abc")
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/backoffice/referrals/abc"
    sign_in_client(http, web_runtime, Principal("p1", "person"))
    assert http.get("/backoffice/referrals").status_code == 403
    sign_in_client(http, web_runtime, Principal("s1", "staff", roles=(Role("analyst", "national"),)))
    assert http.get("/backoffice/referrals").status_code == 403


def test_referral_loop_over_http(http: TestClient, web_runtime: Runtime) -> None:
    service_id = _oulu_housing(web_runtime)
    ref_svc.set_receiver(web_runtime, service_id=service_id, organisation_id="kotipesa")
    page = http.get("/life-events/moving_to_study?municipality=Oulu")
    assert f'href="/referrals/new/{service_id}?from=moving_to_study"' in page.text
    assert 'id="referral-new"' in http.get(f"/service/{service_id}").text
    form = http.get(f"/referrals/new/{service_id}")
    assert form.status_code == 200 and " checked" not in form.text  # nothing pre-ticked
    token = csrf(form.text)
    empty = http.post(f"/referrals/new/{service_id}", data={"csrf_token": token, "message": " "})
    assert empty.status_code == 400
    preview = http.post(f"/referrals/new/{service_id}", data={"csrf_token": token, "message": "Tarvitsen asunnon",
                                                              "email": "a@example.test", "attrs": ["age"]})
    assert preview.status_code == 200 and "Tarvitsen asunnon" in preview.text and "a@example.test" in preview.text
    sent = http.post(f"/referrals/new/{service_id}/send", data={"csrf_token": token})
    code = re.search(r'id="ref-code">([A-Z0-9-]+)<', sent.text)
    assert code, sent.text
    status = http.post("/referrals/status", data={"csrf_token": token, "code": code.group(1)})
    assert 'data-status="requested"' in status.text
    assert http.post("/referrals/status", data={"csrf_token": token, "code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"}).status_code == 404

    staff = TestClient(create_app(runtime=web_runtime), follow_redirects=False)
    sign_in_client(staff, web_runtime, Principal("st", "staff", roles=(Role("provider_staff", "organisation:kotipesa"),)))
    inbox = staff.get("/backoffice/referrals")
    pid = re.search(r'href="/backoffice/referrals/([0-9a-f]+)"', inbox.text).group(1)  # type: ignore[union-attr]
    detail = staff.get(f"/backoffice/referrals/{pid}")
    assert "Tarvitsen asunnon" in detail.text and "a@example.test" in detail.text
    assert 'data-status="received"' in detail.text
    other = TestClient(create_app(runtime=web_runtime), follow_redirects=False)
    sign_in_client(other, web_runtime, Principal("o", "staff", roles=(Role("provider_staff", "organisation:other"),)))
    assert other.get(f"/backoffice/referrals/{pid}").status_code == 404
    t = csrf(detail.text)
    assert staff.post(f"/backoffice/referrals/{pid}", data={"csrf_token": t, "action": "accept", "note": "Soitamme"}).status_code == 303
    again = staff.post(f"/backoffice/referrals/{pid}", data={"csrf_token": t, "action": "accept"})
    assert again.status_code == 409
    status = http.post("/referrals/status", data={"csrf_token": token, "code": code.group(1)})
    assert 'data-status="accepted"' in status.text and "Soitamme" in status.text


def _oulu_housing(rt: Runtime) -> str:
    return next(s.id for s in rt.catalogue().services if s.names.get("fi") == "Opiskelija-asunnot Oulussa")
