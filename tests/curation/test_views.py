"""The curation and quality back-office pages: login, each role against its own and another area, CSRF,
forged and long input, forged ids, and what the API v2 and web fronts then show."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from auroranet.app import create_app
from auroranet.curation.models import Curation, CurationAudit
from auroranet.db.core import utcnow
from auroranet.identity.principal import Principal, Role
from auroranet.runtime import Runtime
from auroranet.usage.models import UnmetNeed
from tests.curation.conftest import HELSINKI, HELSINKI_SERVICE, HOBBIES_ORG, HOBBIES_TAMPERE, TAMPERE
from tests.signin import sign_in_client


@pytest.fixture
def web_runtime(any_web_runtime: Runtime) -> Runtime:
    """These pages write and read curations, audits and unmet needs: both storage backends."""
    return any_web_runtime


@pytest.fixture
def client(web_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False) as c:
        yield c


def _as(client: TestClient, rt: Runtime, *roles: tuple[str, str], kind: str = "staff") -> str:
    client.cookies.clear()  # one person at a time
    sign_in_client(client, rt, Principal(subject="s-" + "-".join(s for _, s in roles), kind=kind,  # type: ignore[arg-type]
                                         roles=tuple(Role(n, s) for n, s in roles)))  # type: ignore[arg-type]
    page = client.get("/backoffice/curation?lang=en")
    assert page.status_code == 200, page.text
    m = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert m
    return m.group(1)


def _form(csrf: str, **kw: str) -> dict[str, str]:
    base = {"csrf_token": csrf, "action": "pin", "service_id": HOBBIES_TAMPERE, "target": "need:housing",
            "area": f"municipality:{TAMPERE}", "reason": "Uusi palvelu",
            "expires": (utcnow().date() + timedelta(days=30)).isoformat()}
    base.update(kw)
    return base


def test_anonymous_and_people_are_refused(client: TestClient, web_runtime: Runtime) -> None:
    r = client.get("/backoffice/curation")
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    assert client.post("/backoffice/curation", data={}).status_code == 303
    client.cookies.clear()
    sign_in_client(client, web_runtime, Principal("p", "person"))
    assert client.get("/backoffice/curation").status_code == 403
    assert client.get("/backoffice/quality").status_code == 403


AREA_CASES = [
    # (role, scope) -> (area asked, service, expected status)
    (("admin", "national"), f"municipality:{HELSINKI}", HELSINKI_SERVICE, 303),
    (("analyst", "national"), "county:08", HOBBIES_TAMPERE, 303),
    (("analyst", "county:08"), f"municipality:{TAMPERE}", HOBBIES_TAMPERE, 303),
    (("analyst", "county:08"), f"municipality:{HELSINKI}", HELSINKI_SERVICE, 403),
    (("analyst", "county:08"), "national", HOBBIES_TAMPERE, 403),
    (("analyst", "county:90"), f"municipality:{TAMPERE}", HOBBIES_TAMPERE, 403),
    (("analyst", f"municipality:{TAMPERE}"), "county:08", HOBBIES_TAMPERE, 403),
    (("provider_staff", f"organisation:{HOBBIES_ORG}"), f"municipality:{TAMPERE}", HOBBIES_TAMPERE, 303),
    (("provider_staff", f"organisation:{HOBBIES_ORG}"), f"municipality:{HELSINKI}", HELSINKI_SERVICE, 403),
    (("provider_staff", f"organisation:{HOBBIES_ORG}"), f"municipality:{HELSINKI}", HOBBIES_TAMPERE, 403),
]


@pytest.mark.parametrize("role, area, service, status", AREA_CASES)
def test_each_role_against_another_area(client: TestClient, web_runtime: Runtime, role: tuple[str, str],
                                        area: str, service: str, status: int) -> None:
    csrf = _as(client, web_runtime, role)
    r = client.post("/backoffice/curation", data=_form(csrf, area=area, service_id=service))
    assert r.status_code == status, r.text
    with web_runtime.db.session() as s:
        rows = s.scalars(select(Curation)).all()
    assert len(rows) == (1 if status == 303 else 0)
    if status == 303:
        page = client.get("/backoffice/curation?done=added&lang=sv")
        assert f'id="cur-row-{rows[0].id}"' in page.text and "Sparat." in page.text


def test_attacks_get_clear_4xx_and_store_nothing(client: TestClient, web_runtime: Runtime) -> None:
    csrf = _as(client, web_runtime, ("analyst", "county:08"))
    assert client.post("/backoffice/curation", data=_form("forged" + csrf[6:])).status_code == 403
    assert client.post("/backoffice/curation", data={k: v for k, v in _form(csrf).items()
                                                     if k != "csrf_token"}).status_code == 403
    assert client.post("/backoffice/curation", data=_form(csrf, reason="x" * 100_000)).status_code == 413  # body cap
    assert client.post("/backoffice/curation", data=_form(csrf, reason="x" * 501)).status_code == 400
    assert client.post("/backoffice/curation", data=_form(csrf, reason="")).status_code == 400
    assert client.post("/backoffice/curation", data=_form(csrf, service_id="../../etc/passwd")).status_code == 404
    assert client.post("/backoffice/curation", data=_form(csrf, service_id="x" * 10_000)).status_code == 400
    assert client.post("/backoffice/curation", data=_form(csrf, expires="tomorrow")).status_code == 400
    assert client.post("/backoffice/curation", data=_form(csrf, expires="2000-01-01")).status_code == 400
    assert client.post("/backoffice/curation", data=_form(csrf, target="need:<script>")).status_code == 400
    r = client.post("/backoffice/curation", data=_form(csrf, area="county:08<script>alert(1)</script>"))
    assert r.status_code == 400 and "<script>alert" not in r.text
    for forged in ("999999", "-1", "abc", "1" * 40):
        assert client.post(f"/backoffice/curation/{forged}/end", data={"csrf_token": csrf}).status_code == 404
    with web_runtime.db.session() as s:
        assert s.scalars(select(Curation)).first() is None and s.scalars(select(CurationAudit)).first() is None


def test_end_only_own_area_and_audited(client: TestClient, web_runtime: Runtime) -> None:
    csrf = _as(client, web_runtime, ("analyst", "county:08"))
    assert client.post("/backoffice/curation", data=_form(csrf)).status_code == 303
    with web_runtime.db.session() as s:
        cid = s.scalars(select(Curation.id)).one()
    other = _as(client, web_runtime, ("analyst", "county:90"))
    assert f'cur-row-{cid}"' not in client.get("/backoffice/curation").text
    assert client.post(f"/backoffice/curation/{cid}/end", data={"csrf_token": other}).status_code == 404
    provider = _as(client, web_runtime, ("provider_staff", f"organisation:{HOBBIES_ORG}"))
    assert client.post(f"/backoffice/curation/{cid}/end", data={"csrf_token": provider}).status_code == 404
    csrf = _as(client, web_runtime, ("analyst", "county:08"))
    assert client.post(f"/backoffice/curation/{cid}/end", data={"csrf_token": "forged"}).status_code == 403
    assert client.post(f"/backoffice/curation/{cid}/end", data={"csrf_token": csrf}).status_code == 303
    assert client.post(f"/backoffice/curation/{cid}/end", data={"csrf_token": csrf}).status_code == 409
    with web_runtime.db.session() as s:
        changes = [a.change for a in s.scalars(select(CurationAudit).order_by(CurationAudit.id))]
    assert changes == ["create", "end"]


def test_api_v2_and_web_show_recommended_by(client: TestClient, web_runtime: Runtime) -> None:
    csrf = _as(client, web_runtime, ("provider_staff", f"organisation:{HOBBIES_ORG}"))
    assert client.post("/backoffice/curation", data=_form(csrf)).status_code == 303
    body = {"life_situation_meters": {"housing": [2], "health": [9]}, "limit": 3,
            "service_filters": {"municipality_codes": [TAMPERE]}}
    r = client.post("/service-recommender/v2/recommend_service?lang=en", json=body,
                    headers={"Accept-Language": "en"})
    assert r.status_code == 200, r.text
    top = r.json()["services"][0]
    assert top["service_id"] == HOBBIES_TAMPERE
    assert any(e.startswith(("Recommended by", "Suosittelija", "Rekommenderas av")) for e in top["explanations"])
    body["service_filters"] = {"municipality_codes": [HELSINKI]}
    r = client.post("/service-recommender/v2/recommend_service", json=body)
    assert all(s["service_id"] != HOBBIES_TAMPERE for s in r.json()["services"])


def test_quality_report_and_csv(client: TestClient, web_runtime: Runtime) -> None:
    with web_runtime.writes, web_runtime.db.session() as s:
        for i in range(10):
            s.add(UnmetNeed(lang="fi", text="harrastustoiminta koululaisille iltaisin", filters={}, front="web"))
        for i in range(9):  # under k: never shown
            s.add(UnmetNeed(lang="fi", text="harrastustoiminta mopoille", filters={}, front="web"))
    client.cookies.clear()
    sign_in_client(client, web_runtime, Principal("p", "staff", roles=(Role("provider_staff", f"organisation:{HOBBIES_ORG}"),)))
    page = client.get("/backoffice/quality?lang=en")
    assert page.status_code == 200
    assert f'id="q-{HOBBIES_TAMPERE}"' in page.text and f'id="q-{HELSINKI_SERVICE}"' not in page.text
    assert "Never shown" in page.text
    assert "koululaisille iltaisin" in page.text and "mopoille" not in page.text
    assert client.get("/backoffice/quality?org=ec586734-0443-4371-a29c-f2f11b211472").status_code == 403
    csv = client.get("/backoffice/quality.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.splitlines()
    assert lines[0].startswith("kind,service_id") and any(HOBBIES_TAMPERE in line for line in lines)
    assert any(line.startswith("unmet_need,") and line.endswith(",10") for line in lines)
    client.cookies.clear()
    sign_in_client(client, web_runtime, Principal("a", "staff", roles=(Role("analyst", "national"),)))
    assert client.get(f"/backoffice/quality?org={HOBBIES_ORG}").status_code == 403  # analysts: not a provider
    client.cookies.clear()
    sign_in_client(client, web_runtime, Principal("adm", "staff", roles=(Role("admin", "national"),)))
    assert client.get(f"/backoffice/quality?org={HOBBIES_ORG}").status_code == 200
