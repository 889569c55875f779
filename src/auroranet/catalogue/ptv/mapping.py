"""PTV Open API v11 JSON → catalogue records. Pure functions: no I/O, no database, no settings.

PTV objects are full of nulls (a text block with ``"value": null``, ``"areas": null``, a name list with
``null`` entries), so every reader here tolerates a missing or null value and simply leaves it out. Only
a missing or malformed ``id`` is an error: without it the record cannot be stored or updated later.

Only fi, sv and en texts are kept; PTV also carries Sámi (se, smn, sms) and other languages.

    rec = service_from_ptv(obj, where="services.json item 3")
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any, Iterable

from auroranet.catalogue.models import (AREA_LIMITED, Address, Area, ChannelRecord, CollectionRef, Email, Localized,
                                        OpeningHour, OrganisationRecord, OrganisationRef, Phone, ServiceHours,
                                        ServiceRecord, Term, WebPage)
from auroranet.catalogue.urls import checked_web_url
from auroranet.errors import ImportFormatError

LANGS = ("fi", "sv", "en")
PUBLISHED = "Published"


# ---------------------------------------------------------------------------------------------
# Small tolerant readers
# ---------------------------------------------------------------------------------------------


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in _list(value) if isinstance(v, dict)]


def _str(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _lang(value: Any) -> str | None:
    lang = _str(value)
    return lang if lang in LANGS else None


def localized(items: Any, type_: str | None = None) -> Localized:
    """``[{language, value, type?}]`` → ``{lang: text}`` for fi/sv/en; several values of a language are
    joined with a blank line (PTV repeats a type only for long texts split in parts). Texts are kept as
    PTV has them, white space included (v1 returned them untrimmed); a blank value is left out."""
    out: dict[str, list[str]] = {}
    for item in _dicts(items):
        if type_ is not None and item.get("type") != type_:
            continue
        value = item.get("value")
        lang, text = _lang(item.get("language")), value if isinstance(value, str) and value.strip() else None
        if lang and text and text not in out.get(lang, []):
            out.setdefault(lang, []).append(text)
    return {lang: "\n\n".join(parts) for lang, parts in out.items()}


def _id(value: Any) -> str | None:
    """Canonical lower-case UUID, or None when the value is not one."""
    text = _str(value)
    if text is None:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def require_ptv_id(obj: dict[str, Any], where: str) -> str:
    raw = obj.get("id")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ImportFormatError(where, None, "missing id")
    ident = _id(raw)
    if ident is None:
        raise ImportFormatError(where, None, f"id is not a UUID: {str(raw)[:60]!r}")
    return ident


def parse_datetime(value: Any) -> datetime | None:
    """PTV timestamps carry no zone and are UTC; a value we cannot read is left out, not guessed."""
    text = _str(value)
    if text is None:
        return None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def _uri_code(uri: Any) -> str | None:
    """``http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P6.10`` → ``P6.10`` (ptvserclass and
    ptvserclass2 URIs both end in the code)."""
    text = _str(uri)
    if text and "/code/" in text:
        return text.rstrip("/").rsplit("/", 1)[-1] or None
    return None


def _parent_of(code: str | None) -> str | None:
    return code.rsplit(".", 1)[0] if code and "." in code else None


def term(obj: dict[str, Any]) -> Term:
    """A service class, target group, life event or ontology term. The code is taken from ``newUri``
    when present (the current code lists), otherwise from ``code``; the parent likewise, falling back
    to the dotted code's prefix (P6.10 → P6)."""
    code = _uri_code(obj.get("newUri")) or _str(obj.get("code"))
    parent = _uri_code(obj.get("newParentUri")) or _parent_of(code)
    return Term(code=code, uri=_str(obj.get("newUri")) or _str(obj.get("uri")), parent_code=parent,
                names=localized(obj.get("name")))


def _terms(items: Any) -> list[Term]:
    out: list[Term] = []
    seen: set[tuple[str | None, str | None]] = set()
    for obj in _dicts(items):
        t = term(obj)
        key = (t.code, t.uri)
        if (t.code or t.uri) and key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _languages(value: Any) -> list[str]:
    return list(dict.fromkeys(s for s in (_str(v) for v in _list(value)) if s))


def areas(items: Any) -> list[Area]:
    out: list[Area] = []
    for a in _dicts(items):
        type_ = _str(a.get("type"))
        if type_ is None:
            continue
        codes = sorted({c for c in (_str(m.get("code")) for m in _dicts(a.get("municipalities"))) if c})
        out.append(Area(type=type_, code=_str(a.get("code")), names=localized(a.get("name")),
                        municipality_codes=codes))
    return out


def _municipality_codes(area_list: Iterable[Area]) -> list[str]:
    return sorted({c for a in area_list for c in a.municipality_codes})


def is_archived(obj: dict[str, Any]) -> bool:
    """Archived or withdrawn in PTV. A record without a status (hand-written bundles) counts as published."""
    status = _str(obj.get("publishingStatus"))
    return status is not None and status != PUBLISHED


# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------


def _organisation_refs(items: Any) -> list[OrganisationRef]:
    out: list[OrganisationRef] = []
    seen: set[tuple[str, str | None]] = set()
    for item in _dicts(items):
        org = item.get("organization") if isinstance(item.get("organization"), dict) else {}
        oid = _id(org.get("id"))
        role = _str(item.get("roleType"))
        if oid is None or (oid, role) in seen:
            continue
        seen.add((oid, role))
        name = _str(org.get("name"))
        out.append(OrganisationRef(id=oid, names={"fi": name} if name else {}, role=role))
    return out


def _collections(items: Any) -> list[CollectionRef]:
    out: list[CollectionRef] = []
    for item in _dicts(items):
        cid = _id(item.get("id"))
        if cid and all(c.id != cid for c in out):
            out.append(CollectionRef(id=cid, names=localized(item.get("name"))))
    return out


def _keywords(items: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in _dicts(items):
        lang, text = _lang(item.get("language")), _str(item.get("value"))
        if lang and text and text not in out.get(lang, []):
            out.setdefault(lang, []).append(text)
    return out


def _channel_ids(items: Any) -> list[str]:
    ids: list[str] = []
    for item in _dicts(items):
        ref = item.get("serviceChannel") if isinstance(item.get("serviceChannel"), dict) else item
        cid = _id(ref.get("id"))
        if cid and cid not in ids:
            ids.append(cid)
    return ids


def service_from_ptv(obj: dict[str, Any], *, where: str = "ptv", source: str = "ptv") -> ServiceRecord:
    """One PTV v11 Service object (as ``/api/v11/Service/list`` returns it) → ServiceRecord."""
    sid = require_ptv_id(obj, where)
    names = obj.get("serviceNames")
    texts = obj.get("serviceDescriptions")
    area_list = areas(obj.get("areas"))
    return ServiceRecord(
        id=sid,
        source=source,
        names=localized(names, "Name"),
        alternative_names=localized(names, "AlternativeName"),
        summary=localized(texts, "Summary"),
        description=localized(texts, "Description"),
        user_instruction=localized(texts, "UserInstruction"),
        charge_info=localized(texts, "ChargeTypeAdditionalInfo"),
        requirements=localized(obj.get("requirements")),
        keywords=_keywords(obj.get("keywords")),
        charge_type=_str(obj.get("serviceChargeType")),
        funding_type=_str(obj.get("fundingType")),
        area_type=_str(obj.get("areaType")) or AREA_LIMITED,
        areas=area_list,
        municipality_codes=_municipality_codes(area_list),
        service_classes=_terms(obj.get("serviceClasses")),
        target_groups=_terms(obj.get("targetGroups")),
        life_events=_terms(obj.get("lifeEvents")),
        ontology_terms=_terms(obj.get("ontologyTerms")),
        organisations=_organisation_refs(obj.get("organizations")),
        service_collections=_collections(obj.get("serviceCollections")),
        languages=_languages(obj.get("languages")),
        channel_ids=_channel_ids(obj.get("serviceChannels")),
        modified=parse_datetime(obj.get("modified")),
        archived=is_archived(obj),
    )


def organisations_from_service(rec: ServiceRecord) -> list[OrganisationRecord]:
    """Organisation records known only by a service's references (id and Finnish name)."""
    seen: dict[str, OrganisationRecord] = {}
    for ref in rec.organisations:
        if ref.id not in seen or (ref.names and not seen[ref.id].names):
            seen[ref.id] = OrganisationRecord(id=ref.id, names=dict(ref.names))
    return list(seen.values())


# ---------------------------------------------------------------------------------------------
# Channels
# ---------------------------------------------------------------------------------------------


def _web_pages(items: Any, where: str, warnings: list[str] | None) -> list[WebPage]:
    out: list[WebPage] = []
    for item in _dicts(items):
        url = _str(item.get("url"))
        lang = _str(item.get("language")) or "fi"
        if url and lang in LANGS and checked_web_url(url, where, warnings):
            out.append(WebPage(url=url, name=_str(item.get("value")), language=lang))
    return out


def _phones(items: Any) -> list[Phone]:
    out: list[Phone] = []
    for item in _dicts(items):
        number = _str(item.get("number"))
        lang = _str(item.get("language")) or "fi"
        if number and lang in LANGS:
            out.append(Phone(number=number, prefix=_str(item.get("prefixNumber")),
                             info=_str(item.get("additionalInformation")), type=_str(item.get("type")) or "Phone",
                             language=lang, charge_type=_str(item.get("serviceChargeType"))))
    return out


def _emails(items: Any) -> list[Email]:
    out: list[Email] = []
    for item in _dicts(items):
        value = _str(item.get("value"))
        lang = _str(item.get("language")) or "fi"
        if value and lang in LANGS:
            out.append(Email(value=value, language=lang))
    return out


def _address(item: dict[str, Any]) -> Address | None:
    street_part = item.get("streetAddress") if isinstance(item.get("streetAddress"), dict) else None
    box_part = item.get("postOfficeBoxAddress") if isinstance(item.get("postOfficeBoxAddress"), dict) else None
    part = street_part or box_part
    if part is None:
        return None
    municipality = part.get("municipality") if isinstance(part.get("municipality"), dict) else {}
    street = localized(part.get("street")) if street_part else localized(part.get("postOfficeBox"))
    return Address(
        type=_str(item.get("type")) or "Location",
        street=street,
        street_number=_str(part.get("streetNumber")),
        postal_code=_str(part.get("postalCode")),
        post_office=localized(part.get("postOffice")),
        municipality_code=_str(municipality.get("code")),
        municipality_names=localized(municipality.get("name")),
        latitude=_str(part.get("latitude")),
        longitude=_str(part.get("longitude")),
    )


def _service_hours(items: Any) -> list[ServiceHours]:
    out: list[ServiceHours] = []
    for item in _dicts(items):
        hours = [
            OpeningHour(day_from=day, day_to=_str(h.get("dayTo")), time_from=_str(h.get("from")),
                        time_to=_str(h.get("to")))
            for h in _dicts(item.get("openingHour"))
            if (day := _str(h.get("dayFrom")))
        ]
        out.append(ServiceHours(
            type=_str(item.get("serviceHourType")) or "DaysOfTheWeek",
            always_open=item.get("isAlwaysOpen") is True,
            is_closed=item.get("isClosed") is True,
            valid_from=_str(item.get("validFrom")),
            valid_to=_str(item.get("validTo")),
            info=localized(item.get("additionalInformation")),
            opening_hours=hours,
        ))
    return out


def channel_from_ptv(obj: dict[str, Any], *, where: str = "ptv", source: str = "ptv",
                     warnings: list[str] | None = None) -> ChannelRecord:
    """One PTV v11 ServiceChannel object → ChannelRecord. Coordinates stay ETRS-TM35FIN strings. Web pages
    that are not safe http(s) links are dropped, each with a warning in ``warnings`` naming ``where``."""
    cid = require_ptv_id(obj, where)
    type_ = _str(obj.get("serviceChannelType"))
    if type_ is None:
        raise ImportFormatError(where, None, "channel has no serviceChannelType")
    texts = obj.get("serviceChannelDescriptions")
    area_list = areas(obj.get("areas"))
    addresses = [a for a in (_address(item) for item in _dicts(obj.get("addresses"))) if a is not None]
    return ChannelRecord(
        id=cid,
        type=type_,
        source=source,
        organisation_id=_id(obj.get("organizationId")),
        names=localized(obj.get("serviceChannelNames"), "Name"),
        summary=localized(texts, "Summary"),
        description=localized(texts, "Description"),
        web_pages=_web_pages(obj.get("webPages"), where, warnings),
        phones=_phones(obj.get("phoneNumbers")),
        emails=_emails(obj.get("emails")),
        addresses=addresses,
        service_hours=_service_hours(obj.get("serviceHours")),
        area_type=_str(obj.get("areaType")),
        municipality_codes=_municipality_codes(area_list),
        languages=_languages(obj.get("languages")),
        modified=parse_datetime(obj.get("modified")),
        archived=is_archived(obj),
    )


# ---------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------


def organisation_from_ptv(obj: dict[str, Any], *, where: str = "ptv") -> OrganisationRecord:
    """A full PTV Organization object (``organizationNames``)."""
    oid = require_ptv_id(obj, where)
    names = localized(obj.get("organizationNames"), "Name") or localized(obj.get("organizationNames"))
    if not names and _str(obj.get("name")):
        names = {"fi": _str(obj.get("name")) or ""}
    return OrganisationRecord(id=oid, names=names, archived=is_archived(obj))


def kind_of(obj: dict[str, Any]) -> str:
    """"channel", "organisation" or "service", judged by the keys PTV uses for each."""
    if "serviceChannelType" in obj or "serviceChannelNames" in obj:
        return "channel"
    if "organizationNames" in obj or "organizationType" in obj:
        return "organisation"
    return "service"
