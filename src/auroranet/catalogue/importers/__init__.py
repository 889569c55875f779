"""File importers. ``parse_path`` picks the format by content: JSONL (one service a line) or PTV v11 JSON
(a Service or ServiceChannel object, a list of them, an ``{id: object}`` map, or a bundle
``{"services": [...], "channels": [...], "organizations": [...]}``). Folders are read recursively."""

from __future__ import annotations

from pathlib import Path

from auroranet.catalogue.service import Batch
from auroranet.errors import ImportFormatError

SUFFIXES = (".jsonl", ".json", ".ndjson")


def expand_paths(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in SUFFIXES))
        elif p.exists():
            files.append(p)
        else:
            raise ImportFormatError(str(p), None, "file not found")
    if not files:
        raise ImportFormatError(", ".join(map(str, paths)) or "(none)", None, "no .json or .jsonl files to import")
    return files


def parse_path(path: Path, *, known_municipalities: frozenset[str] | None = None) -> Batch:
    if path.suffix in (".jsonl", ".ndjson"):
        from auroranet.catalogue.importers.jsonl import parse_jsonl

        return parse_jsonl(path, known_municipalities=known_municipalities)
    from auroranet.catalogue.importers.ptv_files import parse_ptv_file

    return parse_ptv_file(path, known_municipalities=known_municipalities)
