"""Importer for the simple JSONL service format: one object a line with
``id, name, summary, language, national, municipality_codes``."""

from __future__ import annotations

from pathlib import Path

from auroranet.catalogue.importers.common import check_municipality, iter_jsonl, require_id
from auroranet.catalogue.models import AREA_LIMITED, AREA_NATIONWIDE, Area, ServiceRecord
from auroranet.catalogue.service import Batch
from auroranet.errors import ImportFormatError

LANGS = {"fi", "sv", "en"}


def parse_jsonl(path: Path, *, known_municipalities: frozenset[str] | None = None) -> Batch:
    batch = Batch()
    src = str(path)
    for lineno, obj in iter_jsonl(path):
        sid = require_id(obj.get("id"), src, lineno)
        lang = obj.get("language") or "fi"
        if lang not in LANGS:
            raise ImportFormatError(src, lineno, f"unsupported language {lang!r} (fi, sv or en)")
        name = obj.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ImportFormatError(src, lineno, "missing name")
        summary = obj.get("summary") or ""
        if not isinstance(summary, str):
            raise ImportFormatError(src, lineno, "summary must be a string")
        national = obj.get("national", False)
        if not isinstance(national, bool):
            raise ImportFormatError(src, lineno, "national must be true or false")
        codes = obj.get("municipality_codes") or []
        if not isinstance(codes, list):
            raise ImportFormatError(src, lineno, "municipality_codes must be a list")
        codes = sorted({check_municipality(c, src, lineno, known_municipalities) for c in codes})
        batch.services.append(
            ServiceRecord(
                id=sid,
                source="jsonl",
                names={lang: name.strip()},
                summary={lang: summary.strip()} if summary.strip() else {},
                area_type=AREA_NATIONWIDE if national else AREA_LIMITED,
                areas=[Area(type="Municipality", code=c, municipality_codes=[c]) for c in codes],
                municipality_codes=codes,
                languages=[lang],
            )
        )
    return batch
