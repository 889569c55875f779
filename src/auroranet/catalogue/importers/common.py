"""Helpers shared by importers: reading files strictly and naming the place that is wrong."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any, Iterator

from auroranet.errors import ImportFormatError

MUNICIPALITY_CODE = re.compile(r"^\d{3}$")


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFormatError(str(path), None, "file not found") from None
    except IsADirectoryError:
        raise ImportFormatError(str(path), None, "is a directory") from None
    except OSError as exc:
        raise ImportFormatError(str(path), None, f"cannot read file: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFormatError(str(path), line, "invalid UTF-8 (files must be UTF-8 encoded)") from None


def load_json(path: Path) -> Any:
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(str(path), exc.lineno, f"malformed JSON: {exc.msg} (column {exc.colno})") from None


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    text = read_text(path)
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(str(path), lineno, f"malformed JSON: {exc.msg} (column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise ImportFormatError(str(path), lineno, "each line must be a JSON object")
        yield lineno, obj


def require_id(value: Any, source: str, line: int | None, what: str = "id") -> str:
    """Ids are UUIDs in PTV; we accept any UUID form and store the canonical lower-case one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ImportFormatError(source, line, f"missing {what}")
    if not isinstance(value, str):
        raise ImportFormatError(source, line, f"{what} must be a string, got {type(value).__name__}")
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise ImportFormatError(source, line, f"{what} is not a UUID: {value!r}") from None


def check_municipality(code: Any, source: str, line: int | None, known: frozenset[str] | None) -> str:
    if not isinstance(code, str) or not MUNICIPALITY_CODE.match(code):
        raise ImportFormatError(source, line, f"invalid municipality code {code!r} (expected three digits)")
    if known is not None and code not in known:
        raise ImportFormatError(source, line, f"unknown municipality code {code!r}")
    return code
