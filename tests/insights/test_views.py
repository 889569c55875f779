"""The web side of insights: the opt-in contribution (nothing pre-ticked, CSRF, nothing but the day
stored), and the situational picture's access rules tried for every role against every other area,
CSV export and releases that do not spend budget on reload."""

from __future__ import annotations

import csv
import io
import re
from typing import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, inspect, select

from auroranet.app import create_app
from auroranet.identity.principal import Principal, Role
from auroranet.insights.demo import seed_demo
from auroranet.insights.models import Contribution, InsightRelease, PrivacyBudget
from auroranet.insights.service import period_bounds
from auroranet.runtime import Runtime
from tests.signin import sign_in_client
from tests.web.test_views import answer_all, csrf

PIRKANMAA = "county:08"  # Tampere (837) is in it
OTHER_COUNTY = "county:90"  # Helsinki (091) is a county of its own


@pytest.fixture(scope="module")
def seeded(any_demo_runtime: Runtime) -> Runtime:
    """The demo with 1,200 contributions, on each storage backend (test ids contain sqlite or postgresql)."""
    rt = any_demo_runtime
    with rt.writes, rt.db.session() as s:
        s.execute(delete(Contribution))
    seed_demo(rt.db, rt.writes, life_events=rt.life_events, people=1200)
    return rt


@pytest.fixture
def client(seeded: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=seeded), follow_redirects=False) as c:
        yield c


def _staff(client: TestClient, rt: Runtime, *roles: tuple[str, str]) -> None:
    sign_in_client(client, rt, Principal(subject="s-" + "-".join(s for _, s in roles), kind="staff",
                                         roles=tuple(Role(n, s) for n, s in roles)))  # type: ignore[arg-type]


def test_contribution_is_opt_in_and_stores_no_session(client: TestClient, seeded: Runtime) -> None:
    answer_all(client, bg={"age": "27", "municipality": "837"})
    page = client.get("/results")
    assert page.status_code == 200
    box = re.search(r'<input type="checkbox" id="contribute-give"[^>]*>', page.text)
    assert box and "checked" not in box.group(0)
    with seeded.db.session() as s:
        before = s.scalar(select(func.count()).select_from(Contribution))
    r = client.post("/insights/contribute", data={"csrf_token": csrf(page.text)})  # box not ticked
    assert r.status_code == 200 and "Mitään ei tallennettu" in r.text
    assert client.post("/insights/contribute", data={"csrf_token": "forged", "give": "yes"}).status_code == 403
    r = client.post("/insights/contribute", data={"csrf_token": csrf(page.text), "give": "yes"})
    assert r.status_code == 200 and "Kiitos" in r.text
    again = client.post("/insights/contribute", data={"csrf_token": csrf(page.text), "give": "yes"})
    assert "jo antanut" in again.text  # once per answers, not once per click
    with seeded.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Contribution)) == before + 1
        row = s.scalars(select(Contribution).where(Contribution.demo.is_(False))).one()
        assert row.age_band == "25-29" and row.municipality_code == "837" and row.answers["housing"] == 2
    columns = {c["name"] for c in inspect(seeded.db.engine).get_columns("contributions")}
    assert not columns & {"session_id", "created_at", "client_id", "age", "ip"}


def test_anonymous_is_sent_to_login(client: TestClient) -> None:
    r = client.get("/insights/?area=county:06")
    # the login comes back to the same page with its query (one encoding for every back-office page)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/insights/%3Farea%3Dcounty%3A06"
    assert client.get("/insights/export.csv").status_code == 303


ROLES = {
    "admin_national": [("admin", "national")],
    "analyst_national": [("analyst", "national")],
    "analyst_pirkanmaa": [("analyst", PIRKANMAA)],
    "analyst_tampere": [("analyst", "municipality:837")],
    "analyst_helsinki": [("analyst", "municipality:091")],
    "provider_staff": [("provider_staff", "organisation:x")],
    "person": [],
}
AREAS = ["national", PIRKANMAA, "municipality:837", "municipality:564", OTHER_COUNTY, "municipality:091"]
ALLOWED = {
    "admin_national": set(AREAS), "analyst_national": set(AREAS),
    "analyst_pirkanmaa": {PIRKANMAA, "municipality:837"}, "analyst_tampere": {"municipality:837"},
    "analyst_helsinki": {"municipality:091"}, "provider_staff": set(), "person": set(),
}


@pytest.mark.parametrize("who", list(ROLES))
def test_each_role_against_each_area(client: TestClient, seeded: Runtime, who: str) -> None:
    if who == "person":
        sign_in_client(client, seeded, Principal(subject="p1", kind="person"))
    else:
        _staff(client, seeded, *ROLES[who])  # type: ignore[arg-type]
    for area in AREAS:
        for path in ("/insights/", "/insights/export.csv", "/backoffice/insights"):
            r = client.get(path, params={"area": area})
            expected = 200 if area in ALLOWED[who] else 403
            assert r.status_code == expected, (who, area, path, r.status_code)


def test_the_picture_shows_protected_figures_and_reload_costs_nothing(client: TestClient, seeded: Runtime) -> None:
    _staff(client, seeded, ("analyst", PIRKANMAA))
    r = client.get("/insights/", params={"area": "municipality:837", "lang": "en"})
    assert r.status_code == 200
    assert "Demo data" in r.text and "/static/vendor/echarts.min.js" in r.text and "<table>" in r.text
    with seeded.db.session() as s:
        spent = s.get(PrivacyBudget, ("municipality:837", _period(r.text))).spent
        figures = s.get(InsightRelease, ("municipality:837", _period(r.text))).figures
    for _ in range(3):
        assert client.get("/insights/", params={"area": "municipality:837"}).status_code == 200
    with seeded.db.session() as s:
        assert s.get(PrivacyBudget, ("municipality:837", _period(r.text))).spent == spent
        assert s.get(InsightRelease, ("municipality:837", _period(r.text))).figures == figures
    people, high = figures["people"]["value"], figures["people"]["high"]
    with seeded.db.session() as s:
        start, end = period_bounds(_period(r.text))
        true = s.scalar(select(func.count()).select_from(Contribution).where(
            Contribution.municipality_code == "837", Contribution.day >= start, Contribution.day < end))
    assert true >= 60 and people is not None
    assert abs(people - true) <= 2 * (high - people)  # within twice the published 95 % half-width
    csv_text = client.get("/insights/export.csv", params={"area": "municipality:837"}).text
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(rows) == 10 and {r["meter"] for r in rows} >= {"housing", "finance"}
    housing = next(r for r in rows if r["meter"] == "housing")
    assert housing["below_threshold"] and float(housing["low_95"]) <= float(housing["below_threshold"])


def test_bad_area_and_period_are_4xx(client: TestClient, seeded: Runtime) -> None:
    _staff(client, seeded, ("admin", "national"))
    for params in ({"area": "county:zz"}, {"area": "x" * 500}, {"period": "2026-13"}, {"period": "garbage"}):
        assert client.get("/insights/", params=params).status_code == 400


def _period(html: str) -> str:
    m = re.search(r'name="period" value="(\d{4}-\d{2})"', html)
    assert m
    return m.group(1)


def test_open_data_release_is_public_protected_and_stable(client: TestClient, seeded: Runtime) -> None:
    from auroranet.insights.opendata import previous_month, publish
    from auroranet.jobs.schedule import default_jobs

    assert "insights_open_data" in {j.name for j in default_jobs(seeded)}
    period = previous_month()
    counts = publish(seeded, period)
    assert counts["rows"] == 10 * counts["areas"]
    with seeded.db.session() as s:
        spent = s.scalar(select(func.sum(PrivacyBudget.spent)))
    assert publish(seeded, period) == counts  # idempotent: the same releases, no new ε
    with seeded.db.session() as s:
        assert s.scalar(select(func.sum(PrivacyBudget.spent))) == spent
    client.cookies.clear()
    r = client.get(f"/open-data/insights/{period}.json")
    assert r.status_code == 200 and r.headers["cache-control"].startswith("public")
    rows = r.json()["rows"]
    national = [row for row in rows if row["area"] == "national"]
    assert len(national) == 10 and all(row["below_threshold"] is not None for row in national)
    small = [row for row in rows if row["area"] == "county:01"]  # East Uusimaa: no demo data -> all suppressed
    assert small and all(row["below_threshold"] is None for row in small)
    assert client.get("/open-data/insights/latest.csv").text.startswith("area,area_name_fi,period,meter")
    for bad in ("../../etc/passwd", "2026-13.json", "latest.exe", "x" * 300):
        assert client.get(f"/open-data/insights/{bad}").status_code == 404
