"""PTV v11 JSON files: a single Service or ServiceChannel object, a list of them, an ``{id: object}`` map
(the shape of a PTV dump), or a bundle ``{"services": [...], "channels": [...], "organizations": [...]}``
(our demo catalogue). Errors name the file, and the line (JSON syntax) or the item (index and id).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auroranet.catalogue.importers.common import check_municipality, load_json
from auroranet.catalogue.ptv import mapping
from auroranet.catalogue.service import Batch
from auroranet.errors import ImportFormatError

BUNDLE_KEYS = ("services", "channels", "organizations", "organisations")


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
        raise ImportFormatError(src, None, f"{label}: expected a JSON object, got {type(value).__name__}")
    return value


def _check_codes(codes: list[str], src: str, where: str, known: frozenset[str] | None) -> None:
    for code in codes:
        try:
            check_municipality(code, src, None, known)
        except ImportFormatError as exc:
            raise ImportFormatError(src, None, f"{where}: {_detail(exc)}") from None


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
                ch = mapping.channel_from_ptv(obj, where=where)
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
            if exc.source == where:  # raised by mapping with the item label as source
                raise ImportFormatError(src, None, f"{where}: {_detail(exc)}") from None
            raise
    # Organisations known only by reference come first, so a full Organization object of the same id wins.
    batch.organisations = [o for o in ref_orgs if o.id not in full_orgs] + batch.organisations
    return batch
