"""Load code lists into the ref_* tables, from files or from the koodistot.suomi.fi code-list API.

Files are read from one folder, named as in the official exports (every file is optional):

    municipality_codes_2023.json            codelist-API ``{"results": [...]}`` with fi/sv/en names
    municipality_codes.json                 ``{code: name}`` (fi names only; used when the above is absent)
    municipality_to_region.csv              municipality_code, …, region_code, region_name
    municipality_to_hospital_district.csv   municipality_code, …, hospital_district_code, …
    municipality_to_wellbeing_service_county.csv   municipality_code, …, wellbeing_service_county_code, …
    region_codes.json, hospital_districts.json, wellbeing_service_counties.json   codeScheme with ``codes``
    wellbeing_service_county_codes.csv      wellbeing_service_county_code, level, name
    service_classes_2023.json               codelist-API results, hierarchy via ``broaderCode``
    target_groups.json                      codeScheme with ``codes``, hierarchy via ``broaderCode``

Everything is parsed first and then upserted in one transaction; rows not in the input are kept.
The package ships the official lists in this shape (``catalogue/codes``, see its SOURCES.md): they are
what ``aurora reference import`` loads without a folder, and what ``reference.load`` falls back to.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import httpx

from auroranet.catalogue.codes import CODES_DIR
from auroranet.catalogue.importers.common import load_json, read_text
from auroranet.catalogue.models import RefArea, RefMunicipality, RefServiceClass, RefTargetGroup
from auroranet.catalogue.version import bump
from auroranet.db.core import Database
from auroranet.errors import ImportFormatError, SourceError

LANGS = ("fi", "sv", "en")
MUNICIPALITY = re.compile(r"^\d{3}$")
DEFAULT_CODELIST_URL = "https://koodistot.suomi.fi"

AREA_FILES = {  # kind -> (code-scheme JSON, municipality mapping CSV, code column in the CSV, name column)
    "region": ("region_codes.json", "municipality_to_region.csv", "region_code", "region_name"),
    "hospital_district": ("hospital_districts.json", "municipality_to_hospital_district.csv",
                          "hospital_district_code", "hospital_district_name"),
    "wellbeing_county": ("wellbeing_service_counties.json", "municipality_to_wellbeing_service_county.csv",
                         "wellbeing_service_county_code", "wellbeing_service_county_name"),
}
AREA_COLUMN = {"region": "region_code", "hospital_district": "hospital_district_code",
               "wellbeing_county": "wellbeing_county_code"}

# koodistot.suomi.fi code schemes: (registry, scheme)
CODE_SCHEMES = {
    "municipalities": ("jhs", "kunta_1_20230101"),
    "region": ("jhs", "maakunta_1_20220101"),
    "hospital_district": ("jhs", "sairaanhoitop_1_20220101"),
    "wellbeing_county": ("jhs", "hyvinvointialue_1_20211013"),
    "service_classes": ("ptv", "ptvserclass2"),
    "target_groups": ("ptv", "ptvkohderyhmat"),
}


@dataclass
class CodeLists:
    municipalities: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> {names, region_code…}
    areas: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # kind -> code -> names
    service_classes: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> {uri, parent, names, desc}
    target_groups: dict[str, dict[str, Any]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "municipalities": len(self.municipalities),
            "regions": len(self.areas.get("region", {})),
            "hospital_districts": len(self.areas.get("hospital_district", {})),
            "wellbeing_counties": len(self.areas.get("wellbeing_county", {})),
            "service_classes": len(self.service_classes),
            "target_groups": len(self.target_groups),
        }


# ---------------------------------------------------------------------------------------------
# Parsing (shared by files and the API)
# ---------------------------------------------------------------------------------------------


def _codes(data: Any, src: str) -> list[dict[str, Any]]:
    """The code objects of a codelist-API answer (``results``), a codeScheme (``codes``) or a list."""
    if isinstance(data, dict):
        data = data.get("results", data.get("codes"))
    if not isinstance(data, list):
        raise ImportFormatError(src, None, 'expected a code list ("results" or "codes" list)')
    for i, c in enumerate(data):
        if not isinstance(c, dict) or not isinstance(c.get("codeValue"), str) or not c["codeValue"].strip():
            raise ImportFormatError(src, None, f"code {i}: missing codeValue")
    return data


def _labels(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v.strip() for k, v in value.items() if k in LANGS and isinstance(v, str) and v.strip()}


def _broader(code: dict[str, Any]) -> str | None:
    b = code.get("broaderCode")
    return b.get("codeValue") if isinstance(b, dict) and isinstance(b.get("codeValue"), str) else None


def _municipality_code(value: Any, src: str, line: int | None) -> str:
    code = value.strip() if isinstance(value, str) else value
    if not isinstance(code, str) or not MUNICIPALITY.match(code):
        raise ImportFormatError(src, line, f"invalid municipality code {value!r} (expected three digits)")
    return code


def add_municipalities(lists: CodeLists, data: Any, src: str) -> None:
    for c in _codes(data, src):
        code = _municipality_code(c["codeValue"], src, None)
        lists.municipalities.setdefault(code, {})["names"] = _labels(c.get("prefLabel"))


def add_areas(lists: CodeLists, kind: str, data: Any, src: str) -> None:
    target = lists.areas.setdefault(kind, {})
    for c in _codes(data, src):
        target[c["codeValue"].strip()] = _labels(c.get("prefLabel"))


def add_hierarchy(target: dict[str, dict[str, Any]], data: Any, src: str) -> None:
    for c in _codes(data, src):
        target[c["codeValue"].strip()] = {"uri": c.get("uri") if isinstance(c.get("uri"), str) else "",
                                          "parent": _broader(c), "names": _labels(c.get("prefLabel")),
                                          "descriptions": _labels(c.get("description"))}


def _csv_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFormatError(str(path), 1, f"missing column(s): {', '.join(missing)}")
    rows = []
    for row in reader:
        if any((v or "").strip() for v in row.values() if isinstance(v, str)):
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}))
    return rows


def parse_reference_dir(directory: Path) -> CodeLists:
    if not directory.is_dir():
        raise ImportFormatError(str(directory), None, "folder not found")
    lists = CodeLists()
    found = 0

    def have(name: str) -> Path | None:
        nonlocal found
        p = directory / name
        if p.is_file():
            found += 1
            return p
        return None

    if p := have("municipality_codes_2023.json"):
        add_municipalities(lists, load_json(p), str(p))
    elif p := have("municipality_codes.json"):
        data = load_json(p)
        if not isinstance(data, dict):
            raise ImportFormatError(str(p), None, "expected an object {code: name}")
        for code, name in data.items():
            lists.municipalities.setdefault(_municipality_code(code, str(p), None), {})["names"] = (
                {"fi": name.strip()} if isinstance(name, str) and name.strip() else {})
    for kind, (scheme_file, csv_file, code_col, name_col) in AREA_FILES.items():
        if p := have(scheme_file):
            add_areas(lists, kind, load_json(p), str(p))
        if p := have(csv_file):
            areas = lists.areas.setdefault(kind, {})
            for line, row in _csv_rows(p, ("municipality_code", code_col)):
                code = _municipality_code(row["municipality_code"], str(p), line)
                area = row[code_col]
                if not area:
                    raise ImportFormatError(str(p), line, f"empty {code_col}")
                m = lists.municipalities.setdefault(code, {})
                m.setdefault("names", {"fi": row["municipality_name"]} if row.get("municipality_name") else {})
                m[AREA_COLUMN[kind]] = area
                if area not in areas and row.get(name_col):
                    areas[area] = {"fi": row[name_col]}
    if p := have("wellbeing_service_county_codes.csv"):
        counties = lists.areas.setdefault("wellbeing_county", {})
        for _line, row in _csv_rows(p, ("wellbeing_service_county_code", "name")):
            counties.setdefault(row["wellbeing_service_county_code"], {"fi": row["name"]})
    if p := have("service_classes_2023.json"):
        add_hierarchy(lists.service_classes, load_json(p), str(p))
    if p := have("target_groups.json"):
        add_hierarchy(lists.target_groups, load_json(p), str(p))
    if not found:
        raise ImportFormatError(str(directory), None, "no code-list files found (e.g. municipality_codes_2023.json)")
    return lists


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def write_code_lists(db: Database, lists: CodeLists) -> dict[str, int]:
    """Upsert everything in one transaction. Area links missing from the input keep their stored value.

    Bumps the catalogue version (filters and names come from these tables) only when a row is new or a
    value differs; autoflush is off so the pending changes can be inspected before the commit."""
    with db.session() as s, s.no_autoflush:
        for code, m in lists.municipalities.items():
            row = s.get(RefMunicipality, code)
            if row is None:
                row = RefMunicipality(code=code, names={})
                s.add(row)
            if m.get("names"):
                row.names = m["names"]
            for col in AREA_COLUMN.values():
                if m.get(col):
                    setattr(row, col, m[col])
        for kind, areas in lists.areas.items():
            for code, names in areas.items():
                s.merge(RefArea(kind=kind, code=code, names=names))
        for code, c in lists.service_classes.items():
            s.merge(RefServiceClass(code=code, uri=c["uri"] or "", parent_code=c["parent"], names=c["names"],
                                    descriptions=c["descriptions"]))
        for code, t in lists.target_groups.items():
            s.merge(RefTargetGroup(code=code, parent_code=t["parent"], names=t["names"]))
        if s.new or any(s.is_modified(row) for row in s.dirty):
            bump(s, what="reference import")
    return lists.counts()


@lru_cache(maxsize=1)
def packaged_code_lists() -> CodeLists:
    """The code lists shipped with the package, parsed once per process. Callers must not mutate them."""
    return parse_reference_dir(CODES_DIR)


def import_reference_dir(db: Database, directory: Path | None = None) -> dict[str, int]:
    """Read a folder of code-list files (default: the packaged lists) and upsert them. Returns counts per list."""
    lists = packaged_code_lists() if directory is None else parse_reference_dir(Path(directory))
    return write_code_lists(db, lists)


# ---------------------------------------------------------------------------------------------
# koodistot.suomi.fi
# ---------------------------------------------------------------------------------------------


def fetch_codes(http: httpx.Client, registry: str, scheme: str) -> list[dict[str, Any]]:
    """All codes of one scheme, following ``meta.nextPage`` if the API pages."""
    url: str | None = f"/codelist-api/api/v1/coderegistries/{registry}/codeschemes/{scheme}/codes/"
    params: dict[str, Any] | None = {"pageSize": 10000}
    out: list[dict[str, Any]] = []
    pages = 0
    while url and pages < 100:
        pages += 1
        try:
            resp = http.get(url, params=params)
        except httpx.HTTPError as exc:
            raise SourceError(f"code-list request failed ({type(exc).__name__}): {http.base_url}{url}") from None
        if resp.status_code != 200:
            raise SourceError(f"code-list request failed: HTTP {resp.status_code} from {resp.request.url}")
        try:
            data = resp.json()
        except ValueError:
            raise SourceError(f"code-list answer is not JSON: {resp.request.url}") from None
        try:
            out.extend(_codes(data, str(resp.request.url)))
        except ImportFormatError as exc:
            raise SourceError(str(exc)) from None
        meta = data.get("meta") if isinstance(data, dict) else None
        url = meta.get("nextPage") if isinstance(meta, dict) and isinstance(meta.get("nextPage"), str) else None
        params = None
    return out


def sync_reference(db: Database, base_url: str | None = None, *, transport: httpx.BaseTransport | None = None,
                   timeout: float = 60.0) -> dict[str, int]:
    """Fetch the code lists from the code-list API and upsert them. Municipality → area links are not in
    these lists: they are kept as stored, and ``reference.load`` takes missing ones from the packaged lists."""
    lists = CodeLists()
    base = (base_url or DEFAULT_CODELIST_URL).rstrip("/")
    with httpx.Client(base_url=base, transport=transport, timeout=timeout) as http:
        get: Callable[[str], list[dict[str, Any]]] = lambda key: fetch_codes(http, *CODE_SCHEMES[key])  # noqa: E731
        try:
            add_municipalities(lists, get("municipalities"), f"{base} municipalities")
        except ImportFormatError as exc:
            raise SourceError(str(exc)) from None
        for kind in AREA_FILES:
            add_areas(lists, kind, get(kind), f"{base} {kind}")
        add_hierarchy(lists.service_classes, get("service_classes"), f"{base} service classes")
        add_hierarchy(lists.target_groups, get("target_groups"), f"{base} target groups")
    return write_code_lists(db, lists)
