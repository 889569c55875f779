"""Expert meter labels: import from the experts' sheets (``.xlsx``, first worksheet) or CSV, or from
JSONL, read back for training and ranking.

Sheet and CSV columns: ``id``, ``municipalityCode`` (a municipality number, or ``national`` / empty for a
nationwide label) and the Finnish meter names (``terveys``, ``asuminen`` …) plus ``EI MUKAAN`` (judged
irrelevant to every meter). A mark (``x``, ``1``, ``kyllä``, ``yes``) means labelled, an empty cell or
``0`` means not. JSONL lines: ``{"service_id", "meters": [keys], "excluded": bool, "municipality_code"?}``.

Both parse and validate the whole file first and then write in one transaction: a malformed row gives
one error naming file:line and nothing is written. Re-importing the same file changes nothing (rows are
keyed by service, municipality and source).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from auroranet.catalogue.version import bump
from auroranet.db.core import Database, utcnow
from auroranet.errors import ImportFormatError
from auroranet.recommend.meters import KEY_BY_FINNISH_NAME, METER_INDEX, METER_KEYS
from auroranet.recommend.models import MeterLabel

EXCLUDED_COLUMN = "ei mukaan"
TRUE_MARKS = frozenset({"x", "1", "kyllä", "kylla", "k", "yes", "y", "true", "ja"})
FALSE_MARKS = frozenset({"", "0", "ei", "no", "n", "false", "nej", "-"})
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
_MUNICIPALITY = re.compile(r"^\d{1,3}$")
# What AuroraAI's label sheets write in municipalityCode for a label that holds everywhere.
NATIONAL = frozenset({"national", "valtakunnallinen", "koko maa", "koko suomi"})
SHEET_SUFFIXES = (".xlsx", ".xlsm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


@dataclass(frozen=True)
class Label:
    service_id: str
    municipality_code: str  # "" = everywhere
    meters: tuple[str, ...]
    excluded: bool


@dataclass
class LabelImportResult:
    source: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows with no mark at all

    def summary(self) -> str:
        return (f"{self.source}: new {self.new}, updated {self.updated}, unchanged {self.unchanged}, "
                f"skipped (no marks) {self.skipped}")


def _municipality(value: str, source: str, line: int) -> str:
    value = (value or "").strip()
    if not value or value.lower() in NATIONAL:
        return ""
    if not _MUNICIPALITY.match(value):
        raise ImportFormatError(source, line, "municipalityCode must be a municipality number or 'national', "
                                f"got {value[:40]!r}")
    return value.zfill(3)


def _service_id(value: Any, source: str, line: int) -> str:
    sid = str(value or "").strip()
    if not _ID.match(sid):
        raise ImportFormatError(source, line, f"service id missing or malformed: {sid[:80]!r}")
    return sid


def parse_labels_csv(text: str, source: str) -> tuple[list[Label], int]:
    """Parse the experts' CSV (comma or semicolon separated). Returns (labels, rows without marks)."""
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return parse_label_rows(((reader.line_num, row) for row in reader), source)


def _cell(value: Any) -> str:
    """A sheet cell as the text a CSV would hold: 91.0 -> "91", empty -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_labels_xlsx(path: Path) -> tuple[list[Label], int]:
    """Parse the experts' ``.xlsx`` sheet (the first worksheet; the same columns as the CSV)."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise ImportFormatError(path.name, None, "reading .xlsx needs openpyxl (pip install openpyxl)") from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ImportFormatError(str(path), None, "file not found") from None
    except Exception as exc:  # noqa: BLE001 - zipfile, XML and openpyxl errors all mean "not a sheet"
        raise ImportFormatError(path.name, None, f"not a readable .xlsx file ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        rows = ((i, [_cell(v) for v in row]) for i, row in enumerate(sheet.iter_rows(values_only=True), start=1))
        return parse_label_rows(rows, path.name, ragged=True)
    finally:
        book.close()


def parse_label_rows(rows: Iterator[tuple[int, list[str]]], source: str, *,
                     ragged: bool = False) -> tuple[list[Label], int]:
    """Labels from (line, cells) rows, the first being the header. ``ragged`` (sheets) lets a row end
    early or carry empty cells past the header's last column."""
    try:
        _, header = next(rows)
    except StopIteration:
        raise ImportFormatError(source, 1, "the file is empty") from None
    if ragged:
        while header and not header[-1].strip():
            header = header[:-1]
    cols = [h.strip().lower() for h in header]
    if "id" not in cols:
        raise ImportFormatError(source, 1, "missing column 'id'")
    meter_cols = {i: KEY_BY_FINNISH_NAME[c] for i, c in enumerate(cols) if c in KEY_BY_FINNISH_NAME}
    if not meter_cols:
        raise ImportFormatError(source, 1, f"no meter columns; expected some of: {', '.join(KEY_BY_FINNISH_NAME)}")
    id_col = cols.index("id")
    muni_col = cols.index("municipalitycode") if "municipalitycode" in cols else None
    excl_col = cols.index(EXCLUDED_COLUMN) if EXCLUDED_COLUMN in cols else None
    labels: list[Label] = []
    skipped = 0
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if ragged and len(row) != len(cols) and not any(c.strip() for c in row[len(cols):]):
            row = (row + [""] * len(cols))[:len(cols)]
        if len(row) != len(cols):
            raise ImportFormatError(source, line, f"expected {len(cols)} columns, found {len(row)}")

        def mark(i: int) -> bool:
            v = row[i].strip().lower()
            if v in TRUE_MARKS:
                return True
            if v in FALSE_MARKS:
                return False
            raise ImportFormatError(source, line, f"column {header[i].strip()!r}: unknown mark {row[i][:20]!r} "
                                    "(use x/1/kyllä, or leave empty)")

        sid = _service_id(row[id_col], source, line)
        muni = _municipality(row[muni_col], source, line) if muni_col is not None else ""
        meters = tuple(sorted((k for i, k in meter_cols.items() if mark(i)), key=METER_INDEX.__getitem__))
        excluded = mark(excl_col) if excl_col is not None else False
        if excluded and meters:
            raise ImportFormatError(source, line, "row is marked both 'EI MUKAAN' and with meters")
        if not excluded and not meters:
            skipped += 1
            continue
        labels.append(Label(sid, muni, meters, excluded))
    return _dedupe(labels, source), skipped


def parse_labels_jsonl(text: str, source: str) -> list[Label]:
    labels: list[Label] = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(source, line, f"invalid JSON: {exc.msg}") from None
        if not isinstance(obj, dict):
            raise ImportFormatError(source, line, "each line must be a JSON object")
        sid = _service_id(obj.get("service_id", obj.get("id")), source, line)
        meters = obj.get("meters", [])
        if not isinstance(meters, list) or any(m not in METER_INDEX for m in meters):
            raise ImportFormatError(source, line, f"'meters' must be a list of meter keys ({', '.join(METER_KEYS)})")
        excluded = obj.get("excluded", False)
        if not isinstance(excluded, bool):
            raise ImportFormatError(source, line, "'excluded' must be true or false")
        if excluded and meters:
            raise ImportFormatError(source, line, "a label cannot be excluded and have meters")
        muni = _municipality(str(obj.get("municipality_code") or ""), source, line)
        labels.append(Label(sid, muni, tuple(sorted(set(meters), key=METER_INDEX.__getitem__)), excluded))
    return _dedupe(labels, source)


def _dedupe(labels: list[Label], source: str) -> list[Label]:
    """Exact repeats are fine; the same service and municipality with different marks is an error."""
    seen: dict[tuple[str, str], Label] = {}
    for lab in labels:
        key = (lab.service_id, lab.municipality_code)
        if key in seen and seen[key] != lab:
            raise ImportFormatError(source, None, f"service {lab.service_id} is labelled twice with different marks")
        seen[key] = lab
    return list(seen.values())


def store_labels(session: Session, labels: Iterable[Label], source: str) -> LabelImportResult:
    """Upsert labels of one source. Flushes, never commits; bumps the catalogue version when a label is
    new or changed (labels steer recommendations, and servers cache them per snapshot)."""
    result = LabelImportResult(source=source)
    existing = {(r.service_id, r.municipality_code): r
                for r in session.scalars(select(MeterLabel).where(MeterLabel.source == source))}
    for lab in labels:
        row = existing.get((lab.service_id, lab.municipality_code))
        if row is None:
            session.add(MeterLabel(service_id=lab.service_id, municipality_code=lab.municipality_code, source=source,
                                   meters=list(lab.meters), excluded=lab.excluded, created_at=utcnow()))
            result.new += 1
        elif list(row.meters) == list(lab.meters) and bool(row.excluded) == lab.excluded:
            result.unchanged += 1
        else:
            row.meters, row.excluded = list(lab.meters), lab.excluded
            result.updated += 1
    session.flush()
    if result.new or result.updated:
        bump(session, what="label import")
    return result


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFormatError(str(path), None, "file not found") from None
    except UnicodeDecodeError:
        raise ImportFormatError(str(path), None, "not UTF-8 text") from None


def _parse_table(path: Path) -> tuple[list[Label], int]:
    if path.suffix.lower() in SHEET_SUFFIXES:
        return parse_labels_xlsx(path)
    return parse_labels_csv(_read(path), path.name)


def import_labels_csv(db: Database, path: Path, source: str | None = None) -> LabelImportResult:
    """The experts' CSV or ``.xlsx`` sheet: parse everything, then write in one transaction."""
    labels, skipped = _parse_table(path)
    with db.session() as s:
        result = store_labels(s, labels, source or path.name)
    result.skipped = skipped
    return result


def import_labels_jsonl(db: Database, path: Path, source: str = "import") -> LabelImportResult:
    labels = parse_labels_jsonl(_read(path), path.name)
    with db.session() as s:
        return store_labels(s, labels, source)


def import_labels_file(db: Database, path: Path, source: str | None = None) -> LabelImportResult:
    """A sheet (``.xlsx``), JSONL or CSV, by file extension."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        return import_labels_jsonl(db, path, source or path.name)
    return import_labels_csv(db, path, source)


def load_labels(session: Session) -> list[tuple[str, str, str, tuple[str, ...], bool]]:
    """All stored labels as (service id, municipality, source, meters, excluded), in a stable order."""
    rows = session.scalars(select(MeterLabel).order_by(MeterLabel.service_id, MeterLabel.municipality_code,
                                                       MeterLabel.source))
    return [(r.service_id, r.municipality_code, r.source, tuple(r.meters or ()), bool(r.excluded)) for r in rows]


def read_labels_file(path: Path) -> list[Label]:
    """Labels from a JSONL, CSV or ``.xlsx`` file, without storing them (training and evaluation)."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        return parse_labels_jsonl(_read(path), path.name)
    return _parse_table(path)[0]
