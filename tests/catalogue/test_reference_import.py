"""Code lists from the real export files and from a fake koodistot.suomi.fi code-list API."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest

from auroranet.catalogue import reference
from auroranet.catalogue.reference_import import CODE_SCHEMES, import_reference_dir, sync_reference
from auroranet.db.core import Database
from auroranet.errors import ImportFormatError, SourceError


def test_real_code_lists(db: Database, shared_data: Path) -> None:
    counts = import_reference_dir(db, shared_data / "codes")
    assert counts["municipalities"] == 309
    assert counts["service_classes"] == 228
    assert counts["target_groups"] >= 17
    assert counts["regions"] >= 19 and counts["wellbeing_counties"] >= 21
    with db.session() as s:
        ref = reference.load(s)
    assert ref.municipalities["837"] == {"fi": "Tampere", "sv": "Tammerfors", "en": "Tampere"}
    assert ref.municipality_areas["837"] == {"region": "06", "hospital_district": "06", "wellbeing_county": "08"}
    assert "837" in ref.municipalities_in("region", "06")
    assert ref.areas["wellbeing_county"]["08"]["fi"] == "Pirkanmaan hyvinvointialue"
    assert ref.areas["region"]["06"]["sv"]
    p5 = ref.class_descendants("P5")
    assert "P5.1" in p5 and all(c == "P5" or c.startswith("P5.") for c in p5) and len(p5) > 5
    assert ref.service_classes["P5.1"]["parent"] == "P5"
    assert ref.target_groups["KR1.1"]["parent"] == "KR1" and ref.target_groups["KR1"]["parent"] is None
    # Upsert: a second import changes no counts and keeps every row.
    assert import_reference_dir(db, shared_data / "codes") == counts
    with db.session() as s:
        assert len(reference.load(s).municipalities) == 309


def test_missing_files_are_fine_and_malformed_ones_are_not(sqlite_db: Database, tmp_path: Path,
                                                           shared_data: Path) -> None:
    d = tmp_path / "codes"
    d.mkdir()
    shutil.copy(shared_data / "codes" / "municipality_to_region.csv", d)
    counts = import_reference_dir(sqlite_db, d)
    assert counts["municipalities"] == 309 and counts["service_classes"] == 0
    with sqlite_db.session() as s:
        assert reference.load(s).municipality_areas["837"]["region"] == "06"
    (d / "target_groups.json").write_text('{"codes": [{"codeValue": "KR1"},', encoding="utf-8")
    with pytest.raises(ImportFormatError, match="target_groups.json:1: malformed JSON"):
        import_reference_dir(sqlite_db, d)
    (d / "target_groups.json").write_text('{"codes": [{"prefLabel": {}}]}', encoding="utf-8")
    with pytest.raises(ImportFormatError, match="missing codeValue"):
        import_reference_dir(sqlite_db, d)
    (d / "target_groups.json").unlink()
    (d / "municipality_to_region.csv").write_text("municipality_code,region_code\n837,06\n12,06\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"municipality_to_region.csv:3: invalid municipality code"):
        import_reference_dir(sqlite_db, d)
    with pytest.raises(ImportFormatError, match="no code-list files"):
        (tmp_path / "empty").mkdir()
        import_reference_dir(sqlite_db, tmp_path / "empty")
    with pytest.raises(ImportFormatError, match="folder not found"):
        import_reference_dir(sqlite_db, tmp_path / "nope")


def fake_codelist(shared_data: Path, fail: set[str] | None = None) -> httpx.MockTransport:
    """Serves the real exports at the code-list API paths, in two pages to exercise ``nextPage``."""
    files = {"municipalities": "municipality_codes_2023.json", "region": "region_codes.json",
             "hospital_district": "hospital_districts.json", "wellbeing_county": "wellbeing_service_counties.json",
             "service_classes": "service_classes_2023.json", "target_groups": "target_groups.json"}
    by_path: dict[str, list[dict[str, Any]]] = {}
    for key, (registry, scheme) in CODE_SCHEMES.items():
        data = json.loads((shared_data / "codes" / files[key]).read_text("utf-8"))
        by_path[f"/codelist-api/api/v1/coderegistries/{registry}/codeschemes/{scheme}/codes/"] = (
            data.get("results") or data.get("codes"))

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if fail and any(f in path for f in fail):
            return httpx.Response(503)
        if path.endswith("/page2"):
            codes = by_path[path[: -len("page2")]]
            return httpx.Response(200, json={"meta": {"code": 200}, "results": codes[len(codes) // 2:]})
        if path not in by_path:
            return httpx.Response(404)
        codes = by_path[path]
        return httpx.Response(200, json={"meta": {"code": 200, "nextPage": path + "page2"},
                                         "results": codes[: len(codes) // 2]})

    return httpx.MockTransport(handler)


def test_sync_from_codelist_api(sqlite_db: Database, shared_data: Path) -> None:
    counts = sync_reference(sqlite_db, "http://codes.test", transport=fake_codelist(shared_data))
    assert counts["municipalities"] == 309 and counts["service_classes"] == 228
    with sqlite_db.session() as s:
        ref = reference.load(s)
    assert ref.municipalities["837"]["sv"] == "Tammerfors"
    assert "P5.1" in ref.class_descendants("P5")
    assert ref.areas["hospital_district"]["06"]


def test_sync_failure_changes_nothing(sqlite_db: Database, shared_data: Path) -> None:
    with pytest.raises(SourceError, match="HTTP 503 .*ptvkohderyhmat"):
        sync_reference(sqlite_db, "http://codes.test", transport=fake_codelist(shared_data, {"ptvkohderyhmat"}))
    with sqlite_db.session() as s:
        assert not reference.is_loaded(s)
