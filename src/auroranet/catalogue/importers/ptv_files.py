"""PTV v11 JSON files: a single Service or ServiceChannel object, a list of them, an ``{id: object}`` map
(the shape of a PTV dump), or a bundle ``{"services": [...], "channels": [...], "organizations": [...]}``
(our demo catalogue). Errors name the file, and the line (JSON syntax) or the item (index and id).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

from auroranet.catalogue.importers.common import check_municipality, load_json, read_text
from auroranet.catalogue.ptv import mapping
from auroranet.catalogue.service import Batch
from auroranet.errors import ImportFormatError

BUNDLE_KEYS = ("services", "channels", "organizations", "organisations")
_WS = re.compile(r"\s*")
_DECODER = json.JSONDecoder()


def _skip(text: str, i: int) -> int:
    return _WS.match(text, i).end()  # type: ignore[union-attr]


def _value_end(text: str, i: int) -> int:
    return _DECODER.raw_decode(text, i)[1]


def _list_starts(text: str, i: int, label: Callable[[int], str], out: dict[str, int]) -> int:
    """Record where each element of the list at ``i`` starts, under ``label(index)``; returns the end."""
    i = _skip(text, i + 1)
    k = 0
    while i < len(text) and text[i] != "]":
        out[label(k)] = i
        i = _skip(text, _value_end(text, i))
        if i < len(text) and text[i] == ",":
            i = _skip(text, i + 1)
        k += 1
    return i + 1


def item_lines(text: str) -> dict[str, int]:
    """Line on which each item label (``item 3``, ``services[2]``, ``item 'id'``) starts; computed only
    when an error needs it, by walking the top level of the already-valid JSON once more."""
    starts: dict[str, int] = {}
    i = _skip(text, 0)
    if text.startswith("[", i):
        _list_starts(text, i, lambda k: f"item {k}", starts)
    elif text.startswith("{", i):
        starts["item 0"] = i
        i = _skip(text, i + 1)
        while i < len(text) and text[i] != "}":
            key, i = _DECODER.raw_decode(text, i)
            i = _skip(text, _skip(text, i) + 1)  # past ':'
            if key in BUNDLE_KEYS and text.startswith("[", i):
                i = _list_starts(text, i, lambda k, key=key: f"{key}[{k}]", starts)
            else:
                starts[f"item {key!r}"] = i
                i = _value_end(text, i)
            i = _skip(text, i)
            if i < len(text) and text[i] == ",":
                i = _skip(text, i + 1)
    return {label: text.count("\n", 0, pos) + 1 for label, pos in starts.items()}


def _line_of(path: Path, label: str) -> int | None:
    try:
        return item_lines(read_text(path)).get(label)
    except (ValueError, ImportFormatError):
        return None


def _items(data: Any, src: str) -> list[tuple[str, dict[str, Any], str | None]]:
    """(label, object, forced kind) for every item in the file, in file order."""
    if isinstance(data, list):
        return [(f"item {i}", _obj(v, src, f"item {i}"), None) for i, v in enumerate(data)]
    if not isinstance(data, dict):
        raise ImportFormatError(src, None, "expected a PTV object, a list of objects or an {id: object} map")
    if "id" in data:
        return [("item 0", data, None)]
    if any(k in data for k in BUNDLE_KEYS):
        out: list[tuple[str, dict[str, Any], str | None]] = []
        for key, kind in (("organizations", "organisation"), ("organisations", "organisation"),
                          ("channels", "channel"), ("services", "service")):
            section = data.get(key)
            if section is None:
                continue
            if not isinstance(section, list):
                raise ImportFormatError(src, None, f'"{key}" must be a list')
            out.extend((f"{key}[{i}]", _obj(v, src, f"{key}[{i}]"), kind) for i, v in enumerate(section))
        return out
    out = []
    for key, value in data.items():
        label = f"item {key!r}"
        obj = _obj(value, src, label)
        if obj.get("id") is not None and mapping._id(obj.get("id")) != mapping._id(key):
            raise ImportFormatError(src, None, f"{label}: key does not match the object's id")
        out.append((label, obj, None))
    return out


def _obj(value: Any, src: str, label: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ImportFormatError(src, _line_of(Path(src), label),
                                f"{label}: expected a JSON object, got {type(value).__name__}")
    return value


def _check_codes(codes: list[str], src: str, where: str, known: frozenset[str] | None) -> None:
    for code in codes:
        try:
            check_municipality(code, src, None, known)
        except ImportFormatError as exc:
            raise ImportFormatError(where, None, _detail(exc)) from None


def _detail(exc: ImportFormatError) -> str:
    """The message without its ``source[:line]: `` prefix."""
    prefix = f"{exc.source}:{exc.line}: " if exc.line is not None else f"{exc.source}: "
    return exc.message[len(prefix):] if exc.message.startswith(prefix) else exc.message


def parse_ptv_file(path: Path, *, known_municipalities: frozenset[str] | None = None) -> Batch:
    """Parse and validate the whole file before returning; nothing is written here."""
    src = str(path)
    data = load_json(path)
    batch = Batch()
    full_orgs: set[str] = set()
    ref_orgs = []
    for label, obj, forced in _items(data, src):
        kind = forced or mapping.kind_of(obj)
        where = f"{label} (id {obj.get('id')})" if obj.get("id") else label
        try:
            if kind == "channel":
                ch = mapping.channel_from_ptv(obj, where=where, warnings=batch.warnings)
                codes = ch.municipality_codes + [a.municipality_code for a in ch.addresses if a.municipality_code]
                _check_codes(codes, src, where, known_municipalities)
                batch.channels.append(ch)
            elif kind == "organisation":
                org = mapping.organisation_from_ptv(obj, where=where)
                full_orgs.add(org.id)
                batch.organisations.append(org)
            else:
                rec = mapping.service_from_ptv(obj, where=where)
                _check_codes(rec.municipality_codes, src, where, known_municipalities)
                batch.services.append(rec)
                ref_orgs.extend(mapping.organisations_from_service(rec))
        except ImportFormatError as exc:
            raise ImportFormatError(src, _line_of(path, label), f"{where}: {_detail(exc)}") from None
    # Organisations known only by reference come first, so a full Organization object of the same id wins.
    batch.organisations = [o for o in ref_orgs if o.id not in full_orgs] + batch.organisations
    return batch
