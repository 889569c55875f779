from pathlib import Path

import pytest
from sqlalchemy import func, select

from auroranet.errors import ImportFormatError
from auroranet.recommend.labels import import_labels_csv, import_labels_jsonl, load_labels
from auroranet.recommend.models import MeterLabel

HEADER = ("id,municipalityCode,terveys,vaikeuksien voittaminen,asuminen,opiskelu tai työ,perhe,ystävät,"
          "raha-asiat,itsensä kehittäminen,itsetunto,tyytyväisyys elämään,EI MUKAAN\n")


def _write(tmp_path: Path, body: str, name: str = "labels.csv") -> Path:
    p = tmp_path / name
    p.write_text(HEADER + body, encoding="utf-8")
    return p


def _count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(MeterLabel))


def test_csv_import_good_and_idempotent(db, tmp_path):
    p = _write(tmp_path, "s1,853,x,,X,,,,,,,,\ns2,,,,,,,,1,,,,\ns3,,,,,,,,,,,,kyllä\ns4,,,,,,,,,,,,\n")
    r = import_labels_csv(db, p)
    assert (r.new, r.skipped) == (3, 1)
    with db.session() as s:
        rows = load_labels(s)
    assert ("s1", "853", "labels.csv", ("health", "housing"), False) in rows
    assert ("s2", "", "labels.csv", ("finance",), False) in rows
    assert ("s3", "", "labels.csv", (), True) in rows
    again = import_labels_csv(db, p)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert _count(db) == 3


def test_csv_bad_row_writes_nothing(db, tmp_path):
    p = _write(tmp_path, "s1,,x,,,,,,,,,,\ns2,,maybe,,,,,,,,,,\n")
    with pytest.raises(ImportFormatError, match=r"labels.csv:3: .*terveys"):
        import_labels_csv(db, p)
    assert _count(db) == 0


@pytest.mark.parametrize("row,msg", [(",,x,,,,,,,,,,", "service id"), ("s1,abc,x,,,,,,,,,,", "municipalityCode"),
                                     ("s1,,x,,,,,,,,,,x", "both"), ("s1,,x", "columns")])
def test_csv_malformed_rows(sqlite_db, tmp_path, row, msg):
    with pytest.raises(ImportFormatError, match=msg):
        import_labels_csv(sqlite_db, _write(tmp_path, row + "\n"))


def test_jsonl_import_and_error(db, tmp_path):
    p = tmp_path / "l.jsonl"
    p.write_text('{"service_id": "a", "meters": ["housing"], "excluded": false}\n'
                 '{"service_id": "b", "meters": [], "excluded": true}\n', encoding="utf-8")
    assert import_labels_jsonl(db, p, source="demo").new == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"service_id": "c", "meters": ["nope"]}\n', encoding="utf-8")
    with pytest.raises(ImportFormatError, match="bad.jsonl:1"):
        import_labels_jsonl(db, bad)
    assert _count(db) == 2


def test_csv_national_municipality_is_a_nationwide_label(db, tmp_path):
    """AuroraAI's own sheets write ``national`` in municipalityCode for nationwide labels."""
    p = _write(tmp_path, "s1,national,x,,,,,,,,,,\ns2,National,,,x,,,,,,,,\ns3,91,,,,,,,,,,,x\n")
    assert import_labels_csv(db, p).new == 3
    with db.session() as s:
        rows = load_labels(s)
    assert ("s1", "", "labels.csv", ("health",), False) in rows
    assert ("s2", "", "labels.csv", ("housing",), False) in rows
    assert ("s3", "091", "labels.csv", (), True) in rows


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_sheet_imports_like_the_csv(db, tmp_path):
    from auroranet.recommend.labels import import_labels_file, read_labels_file

    header = [h for h in HEADER.strip().split(",")]
    blank = [None] * (len(header) - 3)
    p = _sheet(tmp_path / "asiantuntijat.xlsx", [
        header,
        ["s1", "national", "x", *blank, None],
        ["s2", 853, None, None, "X", *blank[1:], None],  # a number cell: 853
        ["s3", 91.0, *([None] * (len(header) - 3)), "kyllä"],  # 91.0 as Excel stores it -> 091
        ["s4", None, "1"],  # a row that ends early: the rest is empty
        [None] * len(header),
        ["s5", None, *([None] * (len(header) - 2))],  # no marks: skipped
    ])
    r = import_labels_file(db, p)
    assert (r.new, r.skipped) == (4, 1) and r.source == "asiantuntijat.xlsx"
    with db.session() as s:
        rows = load_labels(s)
    assert ("s1", "", "asiantuntijat.xlsx", ("health",), False) in rows
    assert ("s2", "853", "asiantuntijat.xlsx", ("housing",), False) in rows
    assert ("s3", "091", "asiantuntijat.xlsx", (), True) in rows
    assert ("s4", "", "asiantuntijat.xlsx", ("health",), False) in rows
    assert import_labels_file(db, p).unchanged == 4
    assert {lab.service_id for lab in read_labels_file(p)} == {"s1", "s2", "s3", "s4"}


def test_xlsx_errors_name_the_sheet_row(sqlite_db, tmp_path):
    from auroranet.recommend.labels import import_labels_file

    header = HEADER.strip().split(",")
    p = _sheet(tmp_path / "bad.xlsx", [header, ["s1", None, "x"], ["s2", "Helsinki", "x"]])
    with pytest.raises(ImportFormatError, match=r"bad.xlsx:3: municipalityCode .*'Helsinki'"):
        import_labels_file(sqlite_db, p)
    assert _count(sqlite_db) == 0
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(ImportFormatError, match="not a readable .xlsx"):
        import_labels_file(sqlite_db, broken)
