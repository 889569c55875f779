"""JSONL import: counts, idempotence, updates, and bad input that leaves the store unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auroranet.catalogue import service
from auroranet.catalogue.flows import import_files
from auroranet.db.core import Database
from auroranet.errors import ImportFormatError

S1 = {"id": "11111111-1111-4111-8111-111111111111", "name": "Asumisneuvonta", "summary": "Apua vuokranmaksuun.",
      "language": "fi", "national": False, "municipality_codes": ["837"]}
S2 = {"id": "22222222-2222-4222-8222-222222222222", "name": "Opintotuki", "summary": "Tukea opiskeluun.",
      "language": "fi", "national": True, "municipality_codes": []}


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_import_counts_and_idempotence(db: Database, tmp_path: Path) -> None:
    f = write_jsonl(tmp_path / "s.jsonl", [S1, S2])
    first = import_files(db, [f]).counts
    assert (first.new, first.updated, first.unchanged) == (2, 0, 0)
    again = import_files(db, [f]).counts
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    changed = dict(S1, summary="Apua vuokranmaksuun ja asunnon hakuun.")
    f2 = write_jsonl(tmp_path / "s2.jsonl", [changed, S2])
    third = import_files(db, [f2]).counts
    assert (third.new, third.updated, third.unchanged) == (0, 1, 1)
    with db.session() as s:
        rec = service.get_service(s, S1["id"])
        assert rec is not None and rec.summary["fi"].endswith("asunnon hakuun.")
        assert service.count_services(s) == 2
        national = service.get_service(s, S2["id"])
        assert national is not None and national.is_national


@pytest.mark.parametrize(
    "content, message",
    [
        (b'{"id": "11111111-1111-4111-8111-111111111111", "name": "x"\n', "malformed JSON"),
        (b'{"name": "no id", "summary": "s"}\n', "missing id"),
        (b'{"id": "11111111-1111-4111-8111-111111111111", "name": "\xe4\xff"}\n', "invalid UTF-8"),
        (b'{"id": "11111111-1111-4111-8111-111111111111", "name": "x", "municipality_codes": ["12"]}\n',
         "invalid municipality code"),
    ],
    ids=["malformed", "missing-id", "bad-utf8", "bad-municipality"],
)
def test_bad_input_names_file_and_line_and_changes_nothing(db: Database, tmp_path: Path, content: bytes,
                                                           message: str) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [S2])
    import_files(db, [good])
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(json.dumps(S1).encode() + b"\n" + content)
    with pytest.raises(ImportFormatError) as err:
        import_files(db, [bad])
    assert f"{bad}:2" in str(err.value)
    assert message in str(err.value)
    with db.session() as s:
        assert [r.id for r in service.list_services(s)] == [S2["id"]]
        assert service.last_run(s) is not None and service.last_run(s).new == 1  # type: ignore[union-attr]
