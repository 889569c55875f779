"""HSDS 3.0 open data on the demo catalogue: every object of every endpoint validated against the official
HSDS schemas (read from ../shared at test time, never copied), the list shape, pagination bounds, caching
and languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient

from auroranet.catalogue.service import count_services
from auroranet.app import create_app
from auroranet.runtime import Runtime

BASE = "https://hsds.test/"


@pytest.fixture(scope="module")
def validators(request: pytest.FixtureRequest) -> dict[str, Any]:
    root = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "reference" / "hsds-3.0"
    if not root.exists():
        pytest.skip(f"HSDS schemas not found at {root}")
    docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in root.glob("*.json") if p.name != "openapi.json"}
    registry = jsonschema_rs.Registry([(BASE + name, doc) for name, doc in docs.items()])
    out: dict[str, Any] = {"openapi": json.loads((root / "openapi.json").read_text(encoding="utf-8"))}
    for name, doc in docs.items():
        out[name.removesuffix(".json")] = jsonschema_rs.Draft202012Validator(
            doc, registry=registry, base_uri=BASE + name, validate_formats=True)
    return out


@pytest.fixture(scope="module")
def client(demo_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=demo_runtime)) as c:
        yield c


def test_the_validator_rejects_what_is_not_hsds(validators: dict[str, Any]) -> None:
    bad = {"id": "not-a-uuid", "name": "x", "status": "open", "phones": [{"id": "6f1c2a4e-3b0d-5e8f-9a71-2c4d6e8f0a1b"}]}
    messages = [e.message for e in validators["service"].iter_errors(bad)]
    assert len(messages) == 3  # the id's format, the status enum, the phone's missing number


def _all(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    page = 1
    while True:
        r = client.get(path, params={"page": page, "per_page": 20, **params})
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) == {"total_items", "total_pages", "page_number", "size", "first_page", "last_page",
                             "empty", "contents"}
        assert body["page_number"] == page and body["size"] == len(body["contents"])
        assert body["first_page"] == (page == 1)
        out.extend(body["contents"])
        if body["last_page"]:
            assert len(out) == body["total_items"]
            return out
        page += 1


def _served(rt: Runtime) -> int:
    with rt.db.session() as s:
        return count_services(s)


def _valid(validator: Any, obj: dict[str, Any]) -> None:
    errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(obj)]
    assert not errors, (obj.get("id"), errors[:5])


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_service_is_valid_hsds(client: TestClient, validators: dict[str, Any], lang: str,
                                     demo_runtime: Runtime) -> None:
    brief = _all(client, "/hsds/services", lang=lang)
    full = _all(client, "/hsds/services", lang=lang, full="true")
    assert len(brief) == len(full) == _served(demo_runtime) > 50  # every service of the demo catalogue
    for obj in brief + full:
        _valid(validators["service"], obj)
    assert all("phones" not in s for s in brief)
    assert sum(len(s["service_at_locations"]) for s in full) > 0 and sum(len(s["phones"]) for s in full) > 0
    one = client.get(f"/hsds/services/{full[0]['id']}", params={"lang": lang}).json()
    assert one == full[0]
    _valid(validators["service"], one)
    assert all(lang_["code"] in ("fi", "sv", "en", "se") for s in full for lang_ in s["languages"])


def test_texts_follow_the_language(client: TestClient) -> None:
    sid = "68a0cc06-1e45-4777-9512-a7c7070983ba"
    names = {lang: client.get(f"/hsds/services/{sid}", params={"lang": lang}).json()["name"] for lang in ("fi", "sv", "en")}
    assert names == {"fi": "Työnhakijaksi ilmoittautuminen", "sv": "Anmälan som arbetssökande",
                     "en": "Registering as a job seeker"}
    assert client.get(f"/hsds/services/{sid}", headers={"accept-language": "sv"}).json()["name"] == names["sv"]


@pytest.mark.parametrize("path, schema", [("/hsds/organizations", "organization"), ("/hsds/locations", "location"),
                                          ("/hsds/service_at_locations", "service_at_location"),
                                          ("/hsds/taxonomies", "taxonomy"), ("/hsds/taxonomy_terms", "taxonomy_term")])
def test_every_listed_object_is_valid_hsds(client: TestClient, validators: dict[str, Any], path: str,
                                           schema: str) -> None:
    items = _all(client, path, lang="en")
    assert items
    for obj in items:
        _valid(validators[schema], obj)
    assert len({o["id"] for o in items}) == len(items)


def test_locations_are_in_finland_in_wgs84(client: TestClient) -> None:
    locs = _all(client, "/hsds/locations")
    placed = [loc for loc in locs if "latitude" in loc]
    assert placed
    assert all(59.5 < loc["latitude"] < 70.2 and 19.0 < loc["longitude"] < 31.7 for loc in placed)
    oulu = [loc for loc in placed if any(a["postal_code"] == "90130" for a in loc["addresses"])]
    assert oulu and abs(oulu[0]["latitude"] - 65.0) < 0.2 and abs(oulu[0]["longitude"] - 25.5) < 0.3


def test_service_classes_are_one_taxonomy(client: TestClient) -> None:
    tax = _all(client, "/hsds/taxonomies")
    terms = _all(client, "/hsds/taxonomy_terms", lang="fi")
    assert len(tax) == 1 and all(t["taxonomy_id"] == tax[0]["id"] for t in terms)
    ids = {t["id"] for t in terms}
    assert all(t["parent_id"] in ids for t in terms if "parent_id" in t)
    assert any(t["code"] == "P28.2" and t["name"] == "Nuorten harrastukset" for t in terms)


def test_list_shape_matches_the_openapi_page(client: TestClient, validators: dict[str, Any],
                                            demo_runtime: Runtime) -> None:
    served = _served(demo_runtime)
    page_schema = validators["openapi"]["components"]["schemas"]["Page"]
    body = client.get("/hsds/services", params={"per_page": 10, "page": 2}).json()
    assert set(page_schema["properties"]) <= set(body)
    assert jsonschema_rs.is_valid(page_schema, body)
    assert body["total_pages"] == -(-served // 10) and body["size"] == 10
    assert not body["first_page"] and not body["last_page"]
    past = client.get("/hsds/services", params={"per_page": 10, "page": 99}).json()
    assert past["empty"] and past["contents"] == [] and past["total_items"] == served


@pytest.mark.parametrize("params", [{"page": 0}, {"page": -1}, {"per_page": 10000}, {"per_page": 0},
                                    {"page": "x"}, {"lang": "de"}])
def test_out_of_bounds_paging_is_a_clear_4xx(client: TestClient, params: dict[str, Any]) -> None:
    r = client.get("/hsds/services", params=params)
    assert 400 <= r.status_code < 500
    assert next(iter(params)) in r.text


def test_unknown_ids_are_404_and_responses_are_cacheable(client: TestClient) -> None:
    assert client.get("/hsds/services/00000000-0000-4000-8000-000000000000").status_code == 404
    assert client.get("/hsds/organizations/" + "x" * 5000).status_code == 404
    r = client.get("/hsds/organizations")
    assert r.headers["cache-control"].startswith("public")
    again = client.get("/hsds/organizations", headers={"if-none-match": r.headers["etag"]})
    assert again.status_code == 304
    assert client.post("/hsds/services").status_code == 405  # read-only
