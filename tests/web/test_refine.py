"""Filters and near me on the results and search pages (issue 11 §6): free of charge, how the service is
used, language of service, anonymous use (only where the service's own text says so), distance from a
typed place or a browser point (sorted and capped), GET parameters, and bad input answered with 400."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from auroranet.app import create_app
from auroranet.usecases.refine import FREE, modes_of, says_anonymous
from tests.web.test_views import answer_all


@pytest.fixture
def client(web_runtime: Any):
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False) as c:
        yield c


def _ids(html: str) -> list[str]:
    return re.findall(r'<article class="service" id="svc-([^"]+)"', html)


def _kms(html: str) -> list[float]:
    return [float(k.replace(",", ".")) for k in re.findall(r'class="distance">.*?</span> ([\d.,]+) km', html)]


def test_free_phone_and_language_filters_keep_only_matching_services(client: TestClient, web_runtime: Any) -> None:
    answer_all(client)
    cat = web_runtime.catalogue()
    plain = _ids(client.get("/results?lang=en").text)
    free = _ids(client.get("/results?lang=en&free=1").text)
    assert free and all(cat.services[cat.pos[s]].charge_type == FREE for s in free)
    assert any(cat.services[cat.pos[s]].charge_type != FREE for s in plain) or set(free) == set(plain)
    phone = _ids(client.get("/results?lang=en&mode=phone&mode=in_person").text)
    assert phone and all(modes_of(cat.services[cat.pos[s]], cat.channels) & {"phone", "in_person"} for s in phone)
    online = _ids(client.get("/results?lang=en&mode=online").text)
    assert all("online" in modes_of(cat.services[cat.pos[s]], cat.channels) for s in online)
    sv = client.get("/results?lang=en&svc_lang=sv")
    assert sv.status_code == 200 and _ids(sv.text)
    html = client.get("/results?lang=en&free=1&mode=phone").text
    assert 'id="rf-free" name="free" value="1" checked' in html and 'value="phone" checked' in html


def test_anonymous_means_the_service_says_so(client: TestClient, web_runtime: Any) -> None:
    answer_all(client)
    cat = web_runtime.catalogue()
    html = client.get("/results?lang=en&anon=1").text
    kept = _ids(html)
    assert all(says_anonymous(cat.services[cat.pos[s]]) for s in kept)
    assert "The service catalogue has no field for this" in html


def test_near_a_typed_place_sorted_and_capped(client: TestClient) -> None:
    answer_all(client)
    near = client.get("/results?lang=fi&place=Mikkeli&sort=distance")
    assert near.status_code == 200
    kms = _kms(near.text)
    assert kms and kms == sorted(kms)
    assert "kunnan Mikkeli palvelupisteiden keskikohta" in near.text
    capped = client.get("/results?lang=en&place=50100&km=10")
    assert capped.status_code == 200
    assert _kms(capped.text) and all(k <= 10 for k in _kms(capped.text))
    assert len(_ids(capped.text)) == len(_kms(capped.text))   # a capped list has only located services
    street = client.get("/search?q=mielenterveys&lang=en&place=Maaherrankatu+9,+Mikkeli&sort=distance").text
    assert "Distances from: Maaherrankatu 9" in street and _kms(street) == sorted(_kms(street))


def test_browser_point_is_rounded_and_never_logged(client: TestClient, web_runtime: Any) -> None:
    answer_all(client)
    r = client.get("/results?lang=en&lat=61.673912&lon=27.255213&sort=distance")
    assert r.status_code == 200 and "your location (to about 1 km)" in r.text
    assert 'name="lat" id="rf-lat" value="61.67"' in r.text   # the form carries the rounded point on
    with web_runtime.db.engine.connect() as conn:
        for table in ("recommendations", "recommendation_services", "recommendation_needs", "unmet_needs"):
            rows = " ".join(str(row) for row in conn.execute(text(f"SELECT * FROM {table}")))
            assert "61.67" not in rows and "27.25" not in rows and "27.26" not in rows


@pytest.mark.parametrize("query", [
    "lat=abc&lon=27", "lat=48.85&lon=2.35", "lat=1e999&lon=1", "lat=61.6&lon=", "km=7&place=50100",
    "km=10", "sort=distance", "sort=price", "mode=car", "svc_lang=xx", "place=Atlantis",
    "place=" + "Mannerheimintie " * 40, "lat=" + "6" * 500 + "&lon=1", "mode=" + "&mode=".join(["phone"] * 20),
])
def test_bad_filters_are_a_clear_400(client: TestClient, query: str) -> None:
    answer_all(client)
    for path in ("/results?lang=en&", "/search?q=nuoret&lang=en&"):
        r = client.get(path + query)
        assert r.status_code == 400, (path, query)
        assert 'class="error-summary"' in r.text and "Traceback" not in r.text
        assert _ids(r.text)   # the results are still shown, without the bad filter


def test_filters_survive_a_language_switch(client: TestClient) -> None:
    answer_all(client)
    html = client.get("/results?lang=en&free=1&place=50100").text
    sv_link = re.search(r'href="([^"]*lang=sv[^"]*)"', html)
    assert sv_link is not None and "free=1" in sv_link.group(1) and "place=50100" in sv_link.group(1)


def test_location_is_allowed_for_this_site_only(client: TestClient) -> None:
    policy = client.get("/results?lang=en").headers["permissions-policy"]
    assert "geolocation=(self)" in policy and "camera=()" in policy
