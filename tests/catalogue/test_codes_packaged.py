"""The official code lists ship with the package: they load without any import, carry their attribution
and version, are package data, and a fresh ``aurora catalogue import`` + serve accepts every one of the
309 municipalities in the API's code check and the web app's municipality field."""

from __future__ import annotations

import fnmatch
import json
import tomllib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from auroranet.app import create_app
from auroranet.catalogue import reference
from auroranet.catalogue.codes import CODES_DIR, SOURCES
from auroranet.catalogue.demo import DEMO_REFERENCE
from auroranet.catalogue.models import RefMunicipality
from auroranet.catalogue.reference_import import (
    import_reference_dir,
    packaged_code_lists,
    parse_reference_dir,
    write_code_lists,
)
from auroranet.cli import app as cli_app
from auroranet.config import Settings
from auroranet.db.core import Database
from auroranet.network.codes import CodeError, CodeSets, check_codes
from auroranet.network.schemas import ServiceFiltersIn
from auroranet.runtime import Runtime
from auroranet.web.page import municipality_code

ROOT = Path(__file__).resolve().parents[2]
V1 = "/service-recommender/v1"
SERVICE = {"id": "11111111-1111-4111-8111-111111111111", "name": "Asumisneuvonta", "summary": "Apua vuokranmaksuun.",
           "language": "fi", "national": True, "municipality_codes": []}


def packaged_codes() -> list[str]:
    return sorted(packaged_code_lists().municipalities)


def test_packaged_lists_load_with_names_in_three_languages() -> None:
    ref = reference.packaged()
    assert len(ref.municipalities) == 309
    assert all(n.get("fi") and n.get("sv") and n.get("en") for n in ref.municipalities.values())
    assert ref.municipalities["564"] == {"fi": "Oulu", "sv": "Uleåborg", "en": "Oulu"}
    assert all(None not in areas.values() for areas in ref.municipality_areas.values())
    assert {k: len(v) for k, v in ref.areas.items()} == {"region": 19, "hospital_district": 21, "wellbeing_county": 23}
    assert len(ref.service_classes) == 228 and "P5.1" in ref.class_descendants("P5")
    assert ref.target_groups["KR1.1"]["parent"] == "KR1"
    ref.municipalities.clear()  # a copy: the cached lists are untouched
    assert len(reference.packaged().municipalities) == 309


def test_attribution_version_and_package_data() -> None:
    text = SOURCES.read_text("utf-8")
    assert "CC BY 4.0" in text and "creativecommons.org/licenses/by/4.0" in text
    assert "Statistics Finland" in text and "Digital and Population Data Services Agency" in text
    data_files = sorted(p.name for p in CODES_DIR.iterdir() if p.suffix in (".json", ".csv"))
    assert data_files and all(f"`{name}`" in text for name in data_files), "every shipped file is attributed"
    for scheme in ("kunta_1_20230101", "maakunta_1_20220101", "sairaanhoitop_1_20220101",
                   "hyvinvointialue_1_20211013", "ptvserclass2", "ptvkohderyhmat"):
        assert scheme in text
    # A non-editable install carries them: every file matches a package-data pattern of the package.
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]["auroranet"]
    package = CODES_DIR.parents[1]
    for p in CODES_DIR.iterdir():
        if p.suffix != ".py" and p.is_file():
            rel = p.relative_to(package).as_posix()
            assert any(fnmatch.fnmatch(rel, pat) for pat in patterns), rel
    assert (CODES_DIR / "__init__.py").is_file()  # a package, so packages.find picks it up


def test_packaged_files_are_the_official_exports(shared_data: Path) -> None:
    for p in CODES_DIR.iterdir():
        if p.suffix in (".json", ".csv"):
            assert p.read_bytes() == (shared_data / "codes" / p.name).read_bytes(), p.name
    assert parse_reference_dir(shared_data / "codes").counts() == packaged_code_lists().counts()


def test_empty_store_uses_the_packaged_lists_and_stored_rows_win(db: Database) -> None:
    with db.session() as s:
        assert not reference.is_loaded(s)
        ref = reference.load(s)
    assert len(ref.municipalities) == 309 and ref.municipality_areas["837"]["region"] == "06"
    # A partial stored list (the demo's 10 municipalities) does not hide the other 299.
    import_reference_dir(db, DEMO_REFERENCE)
    with db.session() as s:
        s.get(RefMunicipality, "837").names = {"fi": "Tampere (stored)"}
        s.get(RefMunicipality, "837").region_code = None  # a sync stores no links: the packaged one stands in
    with db.session() as s:
        ref = reference.load(s)
    assert len(ref.municipalities) == 309
    assert ref.municipalities["837"] == {"fi": "Tampere (stored)"}
    assert ref.municipality_areas["837"]["region"] == "06"
    assert CodeSets.of(ref).municipalities == frozenset(packaged_codes()) | {"000"}


def test_import_without_a_folder_stores_the_packaged_lists(db: Database) -> None:
    counts = import_reference_dir(db)
    assert counts["municipalities"] == 309 and counts["service_classes"] == 228
    with db.session() as s:
        assert reference.is_loaded(s)
    assert write_code_lists(db, packaged_code_lists()) == counts  # idempotent


def _check_all(codes: CodeSets) -> None:
    every = packaged_codes()
    check_codes(codes, ServiceFiltersIn.model_validate({"municipality_codes": every}))
    for code in every:
        check_codes(codes, None, municipality_code=code)
    with pytest.raises(CodeError):
        check_codes(codes, None, municipality_code="999")


def test_fresh_import_then_serve_accepts_every_municipality(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's scenario: ``aurora catalogue import x.jsonl`` (no ``aurora reference import``), then serve."""
    monkeypatch.setenv("AURORA_EMBEDDER", "hashing")
    monkeypatch.setenv("AURORA_ANALYZER", "simple")
    data_dir = tmp_path / "inst"
    src = tmp_path / "services.jsonl"
    src.write_text(json.dumps(SERVICE) + "\n", encoding="utf-8")
    r = CliRunner().invoke(cli_app, ["catalogue", "import", str(src), "--no-embed", "--data-dir", str(data_dir)])
    assert r.exit_code == 0, r.output
    rt = Runtime.create(Settings(data_dir=data_dir, embedder="hashing", analyzer="simple", require_auth=False, jobs_enabled=False,
                                 session_secret="test-secret-codes-" + "x" * 32))
    try:
        with rt.db.session() as s:
            assert not reference.is_loaded(s)
        _check_all(rt.codes())
        ref = rt.catalogue().reference
        for code, names in packaged_code_lists().municipalities.items():
            for name in names["names"].values():
                assert municipality_code(ref, name) == code, name
        with TestClient(create_app(runtime=rt), follow_redirects=False) as http:
            body = {"life_situation_meters": {"housing": [2]}, "service_filters": {"municipality_codes": packaged_codes()},
                    "limit": 3}
            assert http.post(f"{V1}/recommend_service", json=body).status_code == 200
            # a top-level municipality_code is v2's (v1 accepts exactly v1's fields)
            body["municipality_code"] = "005"
            assert http.post("/service-recommender/v2/recommend_service", json=body).status_code == 200
            bad = http.post("/service-recommender/v2/recommend_service", json={**body, "municipality_code": "999"})
            assert bad.status_code == 400 and "Invalid municipality code." in bad.text
            for area, ok in (("Oulussa", True), ("Uleåborg", True), ("Pelkosenniemi", True), ("Atlantis", False)):
                res = http.get("/search", params={"lang": "fi", "q": "asuminen", "area": area})
                assert ("Kuntaa ei löytynyt" not in res.text) is ok, area
                assert res.status_code == (200 if ok else 400), area
    finally:
        rt.close()


def test_a_stored_partial_list_still_accepts_every_municipality(sqlite_db: Database, settings: Settings) -> None:
    import_reference_dir(sqlite_db, DEMO_REFERENCE)  # what the demo stores: 10 municipalities
    rt = Runtime.create(settings, db=sqlite_db)
    try:
        _check_all(rt.codes())
        assert municipality_code(rt.catalogue().reference, "Porissa") == "609"
    finally:
        rt.close()
