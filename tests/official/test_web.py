"""Fill in from official records through the web app, logged in at the real test provider (which hands
the identity code in the ID token) and answered by the fake registers over real HTTP: consent gating
(nothing pre-ticked; no consent, no call), source and date shown, correct/remove, prefill of the
assessment only while consented, withdrawal, every source failure as a page (never a 500), export and
erasure, CSRF and anonymous access."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from auroranet.db.core import utcnow
from auroranet.web.page import local_date
from tests.idp import provider_login
from tests.official.conftest import Fakes
from tests.web.test_views import csrf

PAGE = "/profile/official"


def _login(client: TestClient, who: str = "maija") -> str:
    r = provider_login(client, f"/login?next={PAGE}", who)
    assert r.status_code == 303 and r.headers["location"] == PAGE
    page = client.get(PAGE + "?lang=en")
    assert page.status_code == 200
    return page.text


def _fill(client: TestClient, source: str, html: str, consent: bool = True) -> object:
    data = {"csrf_token": csrf(html), **({"consent": "yes"} if consent else {})}
    return client.post(f"{PAGE}/{source}/fill", data=data)


def _shown(value: str) -> str:
    return f'class="official-value">{value}</td>'


def _age_field(client: TestClient) -> str:
    r = client.get("/assessment/3x10d")
    page = client.get(r.headers["location"])
    m = re.search(r'<input[^>]*id="age"[^>]*>', page.text, re.S)
    assert m
    return m.group(0)


def test_anonymous_is_sent_to_sign_in(client: TestClient, fakes: Fakes) -> None:
    r = client.get(PAGE)
    assert r.status_code == 303 and r.headers["location"] == f"/login?next={PAGE}"


def test_no_consent_no_call_then_fill_shows_source_and_date(client: TestClient, fakes: Fakes) -> None:
    html = _login(client)
    boxes = re.findall(r'<input type="checkbox"[^>]*>', html)
    assert len(boxes) == 2 and not any("checked" in b for b in boxes)  # one per source, none pre-ticked
    assert 'value=""' in _age_field(client) and "age-prefill" not in _age_field(client)  # nothing used yet
    r = _fill(client, "population", html, consent=False)
    assert r.status_code == 400 and "Nothing was fetched" in r.text  # type: ignore[attr-defined]
    assert fakes.population.calls == 0
    r = _fill(client, "population", html)
    assert r.status_code == 303 and fakes.population.calls == 1  # type: ignore[attr-defined]
    page = client.get(PAGE + "?lang=en").text
    today = local_date(utcnow())
    assert _shown("Helsinki") in page and f"Population register, fetched {today}" in page
    age = utcnow().year - 1985 - ((utcnow().month, utcnow().day) < (4, 12))
    assert f'value="{age}"' in page
    field = _age_field(client)
    assert f'value="{age}"' in field and "age-prefill" in field  # the assessment is prefilled, with a note
    assert fakes.studies.calls == 0  # the other source was never asked
    consents = client.get("/consents?lang=en").text
    assert "Age (population register)" in consents and "used only while the consent stands" in consents


def test_correct_remove_and_withdraw(client: TestClient, fakes: Fakes) -> None:
    html = _login(client)
    _fill(client, "population", html)
    page = client.get(PAGE + "?lang=en").text
    r = client.post(f"{PAGE}/values/age", data={"csrf_token": csrf(page), "action": "correct", "value": "200"})
    assert r.status_code == 400 and "Check the value" in r.text
    r = client.post(f"{PAGE}/values/age", data={"csrf_token": csrf(page), "action": "correct", "value": "33"})
    assert r.status_code == 303
    page = client.get(PAGE + "?lang=en").text
    assert 'value="33"' in page and "corrected by you" in page
    assert 'value="33"' in _age_field(client)
    r = client.post(f"{PAGE}/values/municipality_code", data={"csrf_token": csrf(page), "action": "correct",
                                                              "value": "Oulu"})
    assert r.status_code == 303 and _shown("Oulu") in client.get(PAGE + "?lang=en").text
    r = client.post(f"{PAGE}/values/municipality_code", data={"csrf_token": csrf(page), "action": "remove"})
    assert r.status_code == 303 and _shown("Oulu") not in client.get(PAGE + "?lang=en").text
    r = client.post(f"{PAGE}/values/nonsense", data={"csrf_token": csrf(page), "action": "remove"})
    assert r.status_code == 404
    r = client.post(f"{PAGE}/population/withdraw", data={"csrf_token": csrf(page)})
    assert r.status_code == 303
    page = client.get(PAGE + "?lang=en").text
    assert 'value="33"' not in page and 'name="consent"' in page  # values gone, consent asked again
    assert 'value=""' in _age_field(client)  # no longer prefilled
    r = client.post(f"{PAGE}/population/withdraw", data={"csrf_token": csrf(page)})
    assert r.status_code == 404


@pytest.mark.parametrize("mode,status,text", [
    ("down", 503, "not available right now"), ("slow", 504, "did not answer in time"),
    ("malformed", 502, "could not be read"), ("huge", 502, "could not be read")])
def test_source_failures_are_pages_not_500(client: TestClient, fakes: Fakes, mode: str, status: int,
                                           text: str) -> None:
    html = _login(client)
    fakes.population.mode = mode
    r = _fill(client, "population", html)
    assert r.status_code == status and text in r.text and 'role="alert"' in r.text  # type: ignore[attr-defined]
    assert 'name="consent"' in r.text  # type: ignore[attr-defined]  # nothing recorded: consent asked again


def test_person_unknown_to_the_register(client: TestClient, fakes: Fakes) -> None:
    html = _login(client, "anna.analyst")  # staff test account: no identity code
    assert "did not carry a personal identity code" in html and 'name="consent"' not in html
    r = _fill(client, "population", html)
    assert r.status_code == 409 and fakes.population.calls == 0  # type: ignore[attr-defined]


def test_not_found_person(client: TestClient, fakes: Fakes) -> None:
    html = _login(client, "sanna")
    sanna = fakes.population.people.pop("050162-902N")  # the register does not know her
    try:
        r = _fill(client, "population", html)
        assert r.status_code == 404 and "has no record of you" in r.text  # type: ignore[attr-defined]
        assert fakes.population.calls == 1
    finally:
        fakes.population.people["050162-902N"] = sanna


def test_studies_export_and_erase(client: TestClient, fakes: Fakes) -> None:
    html = _login(client, "matti")
    assert _fill(client, "studies", html).status_code == 303  # type: ignore[attr-defined]
    page = client.get(PAGE + "?lang=en").text
    assert _shown("Yes") in page and "University of applied sciences" in page and "Studies register, fetched" in page
    data = client.get("/profile/export.json").json()
    fields = {v["field"]: v["value"] for v in data["official_values"]}
    assert fields == {"study_right": True, "study_level": "higher_education",
                      "institution_type": "university_of_applied_sciences"}
    erase = client.get("/profile/erase")
    r = client.post("/profile/erase", data={"csrf_token": csrf(erase.text), "confirm": "yes"})
    assert r.status_code == 303
    _login(client, "matti")
    assert "University of applied sciences" not in client.get(PAGE + "?lang=en").text


def test_forged_csrf_and_unknown_source(client: TestClient, fakes: Fakes) -> None:
    html = _login(client)
    r = client.post(f"{PAGE}/population/fill", data={"csrf_token": "x" * 40, "consent": "yes"})
    assert r.status_code == 403 and fakes.population.calls == 0
    r = client.post(f"{PAGE}/{'x' * 300}/fill", data={"csrf_token": csrf(html), "consent": "yes"})
    assert r.status_code == 404


def test_the_recommender_gets_the_student_cue_only_while_consented(client: TestClient, fakes: Fakes,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from auroranet.official.uses import STUDENT_CUE
    from auroranet.web import views
    from tests.web.test_views import answer_all

    seen: list[str | None] = []
    real = views.uc.recommend

    def spy(rt, q, **kw):  # type: ignore[no-untyped-def]
        seen.append(q.text)
        return real(rt, q, **kw)

    monkeypatch.setattr(views.uc, "recommend", spy)
    html = _login(client, "matti")
    answer_all(client)
    assert client.get("/results?lang=en").status_code == 200
    _fill(client, "studies", html)
    assert client.get("/results?lang=en").status_code == 200
    page = client.get(PAGE + "?lang=en").text
    client.post(f"{PAGE}/studies/withdraw", data={"csrf_token": csrf(page)})
    assert client.get("/results?lang=en").status_code == 200
    assert seen == [None, STUDENT_CUE["en"], None]


def test_fills_are_rate_limited_per_person(client: TestClient, fakes: Fakes) -> None:
    from auroranet.official import views

    html = _login(client)
    statuses = [_fill(client, "population", html).status_code for _ in range(views.FILLS_PER_MINUTE + 2)]  # type: ignore[attr-defined]
    assert statuses[:views.FILLS_PER_MINUTE] == [303] * views.FILLS_PER_MINUTE and statuses[-1] == 429
    assert fakes.population.calls == views.FILLS_PER_MINUTE


def test_withdrawing_on_the_consents_page_removes_the_values(client: TestClient, fakes: Fakes) -> None:
    html = _login(client)
    _fill(client, "population", html)
    consents = client.get("/consents?lang=en").text
    m = re.search(r'action="(/consents/[0-9a-f]+/withdraw)"', consents)
    assert m
    r = client.post(m.group(1), data={"csrf_token": csrf(consents)})
    assert r.status_code == 303
    page = client.get(PAGE + "?lang=en").text
    assert _shown("Helsinki") not in page and 'name="consent"' in page
    assert 'value=""' in _age_field(client)


@pytest.mark.parametrize("lang,heading,fetched", [("fi", "Täytä virallisista tiedoista", "haettu"),
                                                   ("sv", "Fyll i från officiella register", "hämtat")])
def test_the_page_in_finnish_and_swedish(client: TestClient, fakes: Fakes, lang: str, heading: str,
                                         fetched: str) -> None:
    html = _login(client, "matti")
    _fill(client, "studies", html)
    _fill(client, "population", html)
    page = client.get(f"{PAGE}?lang={lang}")
    assert page.status_code == 200 and f'lang="{lang}"' in page.text and heading in page.text
    assert page.text.count(f", {fetched} ") == 5  # five values, each with its source and date
