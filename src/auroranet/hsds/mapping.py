"""Catalogue records as Open Referral HSDS 3.0 objects (https://docs.openreferral.org/en/latest/hsds/).

PTV's ids are already UUIDs, so services, channels (HSDS locations) and organisations keep theirs.
Objects PTV has no id for (a phone, an address, a schedule, a language of a service, a service area, a
taxonomy term) get a name-based UUID (``uuid5``) from the owner's id and what they are, so the same
catalogue always gives the same ids. Texts are given in one language (``lang``); each service lists the
languages it is offered in. Coordinates are converted from ETRS-TM35FIN (EPSG:3067, as PTV gives them)
to WGS84. No personal data: only what the public catalogue publishes.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any, Callable, Mapping, Sequence

from auroranet.catalogue.models import Address, ChannelRecord, OrganisationRecord, ServiceHours, ServiceRecord
from auroranet.catalogue.reference import ReferenceData
from auroranet.i18n import pick

Obj = dict[str, Any]
NS = uuid.UUID("6f1c2a4e-3b0d-5e8f-9a71-2c4d6e8f0a1b")  # auroranet's namespace for derived HSDS ids
TAXONOMY_URI = "http://uri.suomi.fi/codelist/ptv/ptvserclass2"
TAXONOMY_ID = str(uuid.uuid5(NS, TAXONOMY_URI))
TAXONOMY_NAMES = {"fi": "PTV-palveluluokat", "sv": "PTV-tjänsteklasser", "en": "PTV service classes"}
TAXONOMY_DESC = {"fi": "Palvelutietovarannon palveluluokitus (ptvserclass2).",
                 "sv": "Servicedatalagrets tjänsteklassificering (ptvserclass2).",
                 "en": "The Finnish Service Catalogue's service classification (ptvserclass2)."}
LANGUAGE_NAMES = {"fi": {"fi": "suomi", "sv": "finska", "en": "Finnish"},
                  "sv": {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"},
                  "en": {"fi": "englanti", "sv": "engelska", "en": "English"},
                  "se": {"fi": "pohjoissaame", "sv": "nordsamiska", "en": "Northern Sami"}}
FINLAND = {"fi": "Koko Suomi", "sv": "Hela Finland", "en": "All of Finland"}
DAYS = {"Monday": "MO", "Tuesday": "TU", "Wednesday": "WE", "Thursday": "TH", "Friday": "FR",
        "Saturday": "SA", "Sunday": "SU"}
DAY_ORDER = list(DAYS)


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(NS, "/".join(parts)))


def term_id(code: str) -> str:
    return derived_id("ptvserclass2", code)


@lru_cache(maxsize=1)
def _to_wgs84() -> Callable[[float, float], tuple[float, float]]:
    from pyproj import Transformer

    t = Transformer.from_crs("EPSG:3067", "EPSG:4326", always_xy=True)
    return lambda e, n: t.transform(e, n)


def wgs84(addr: Address) -> tuple[float, float] | None:
    """(latitude, longitude) in WGS84 from PTV's ETRS-TM35FIN northing (``latitude``) and easting."""
    try:
        north, east = float(addr.latitude or ""), float(addr.longitude or "")
    except ValueError:
        return None
    lon, lat = _to_wgs84()(east, north)
    return round(lat, 6), round(lon, 6)


def _lang_obj(code: str, lang: str, **owner: str) -> Obj:
    names = LANGUAGE_NAMES.get(code)
    return {"id": derived_id(*owner.values(), "language", code), **owner, "name": pick(names, lang) if names else code,
            "code": code, "attributes": [], "metadata": []}


def _byday(day_from: str, day_to: str | None) -> str:
    if day_from not in DAYS:
        return ""
    if not day_to or day_to not in DAYS:
        return DAYS[day_from]
    a, b = DAY_ORDER.index(day_from), DAY_ORDER.index(day_to)
    span = DAY_ORDER[a:b + 1] if a <= b else DAY_ORDER[a:] + DAY_ORDER[:b + 1]
    return ",".join(DAYS[d] for d in span)


def schedules(hours: Sequence[ServiceHours], lang: str, owner_key: str, owner_id: str) -> list[Obj]:
    out: list[Obj] = []
    for i, h in enumerate(hours):
        base: Obj = {owner_key: owner_id, "freq": "WEEKLY", "wkst": "MO", "attributes": [], "metadata": []}
        if h.valid_from:
            base["valid_from"] = h.valid_from[:10]
        if h.valid_to:
            base["valid_to"] = h.valid_to[:10]
        if pick(h.info, lang):
            base["description"] = pick(h.info, lang)
        if h.always_open:
            out.append({"id": derived_id(owner_id, "schedule", str(i)), **base, "byday": "MO,TU,WE,TH,FR,SA,SU",
                        "opens_at": "00:00", "closes_at": "23:59", "notes": "24/7"})
            continue
        if h.is_closed:
            out.append({"id": derived_id(owner_id, "schedule", str(i)), **base, "notes": "closed"})
            continue
        for j, oh in enumerate(h.opening_hours):
            s: Obj = {"id": derived_id(owner_id, "schedule", str(i), str(j)), **base,
                      "byday": _byday(oh.day_from, oh.day_to)}
            if oh.time_from:
                s["opens_at"] = oh.time_from[:5]
            if oh.time_to:
                s["closes_at"] = oh.time_to[:5]
            out.append(s)
    return out


def phones(ch: ChannelRecord, lang: str, owner_key: str, owner_id: str) -> list[Obj]:
    out: list[Obj] = []
    for i, p in enumerate(ch.phones):
        pid = derived_id(ch.id, "phone", str(i))
        number = f"{p.prefix or ''} {p.number}".strip()
        out.append({"id": pid, owner_key: owner_id, "number": number, "type": p.type.lower(),
                    **({"description": p.info} if p.info else {}),
                    "languages": [_lang_obj(p.language, lang, phone_id=pid)], "attributes": [], "metadata": []})
    return out


def address(a: Address, lang: str, location_id: str, ref: ReferenceData, i: int) -> Obj:
    muni = a.municipality_code or ""
    region = (ref.municipality_areas.get(muni) or {}).get("region") or ""
    region_name = pick(ref.areas.get("region", {}).get(region), lang)
    street = " ".join(x for x in (pick(a.street, lang), a.street_number or "") if x)
    return {"id": derived_id(location_id, "address", str(i)), "location_id": location_id,
            "address_1": street, "city": pick(a.post_office, lang).title() or pick(a.municipality_names, lang),
            "region": pick(a.municipality_names, lang) or pick(ref.municipalities.get(muni), lang),
            "state_province": region_name, "postal_code": a.postal_code or "", "country": "FI",
            "address_type": "postal" if a.type == "Postal" else "physical", "attributes": [], "metadata": []}


def location(ch: ChannelRecord, lang: str, ref: ReferenceData) -> Obj:
    """A service location channel (or any channel with a street address) as an HSDS location."""
    loc: Obj = {"id": ch.id, "location_type": "physical", "name": pick(ch.names, lang),
                "description": pick(ch.description, lang) or pick(ch.summary, lang),
                "external_identifier": ch.id, "external_identifier_type": "ptv_service_channel"}
    if ch.organisation_id:
        loc["organization_id"] = ch.organisation_id
    if ch.web_pages:
        loc["url"] = ch.web_pages[0].url
    for a in ch.addresses:
        point = wgs84(a)
        if point is not None:
            loc["latitude"], loc["longitude"] = point
            break
    loc.update({
        "languages": [_lang_obj(code, lang, location_id=ch.id) for code in ch.languages],
        "addresses": [address(a, lang, ch.id, ref, i) for i, a in enumerate(ch.addresses)],
        "contacts": [], "accessibility": [],
        "phones": phones(ch, lang, "location_id", ch.id),
        "schedules": schedules(ch.service_hours, lang, "location_id", ch.id),
        "attributes": [], "metadata": [],
    })
    return loc


def organization(org: OrganisationRecord, lang: str, channels: Sequence[ChannelRecord] = (),
                 ref: ReferenceData | None = None, *, full: bool = True) -> Obj:
    obj: Obj = {"id": org.id, "name": pick(org.names, lang), "description": ""}
    if not full:
        return obj
    emails = [e.value for c in channels for e in c.emails]
    sites = [p.url for c in channels for p in c.web_pages]
    if emails:
        obj["email"] = emails[0]
    if sites:
        obj["website"] = sites[0]
    obj.update({"funding": [], "contacts": [], "phones": [], "programs": [], "organization_identifiers": [],
                "locations": [location(c, lang, ref) for c in channels if c.type == "ServiceLocation"]
                if ref is not None else [],
                "attributes": [], "metadata": []})
    return obj


def taxonomy(lang: str) -> Obj:
    return {"id": TAXONOMY_ID, "name": pick(TAXONOMY_NAMES, lang), "description": pick(TAXONOMY_DESC, lang),
            "uri": TAXONOMY_URI, "version": "2023", "metadata": []}


def taxonomy_term(code: str, info: Mapping[str, object], lang: str) -> Obj:
    names = info.get("names") if isinstance(info.get("names"), dict) else {}
    descs = info.get("descriptions") if isinstance(info.get("descriptions"), dict) else {}
    parent = info.get("parent")
    uri = info.get("uri")
    out: Obj = {"id": term_id(code), "code": code, "name": pick(names, lang),  # type: ignore[arg-type]
                "description": pick(descs, lang), "taxonomy": pick(TAXONOMY_NAMES, lang),  # type: ignore[arg-type]
                "taxonomy_id": TAXONOMY_ID, "language": lang, "metadata": []}
    if isinstance(parent, str) and parent:
        out["parent_id"] = term_id(parent)
    if isinstance(uri, str) and uri.startswith("http"):
        out["term_uri"] = uri
    return out


def _service_areas(rec: ServiceRecord, lang: str, ref: ReferenceData) -> list[Obj]:
    if rec.is_national:
        return [{"id": derived_id(rec.id, "area", "FI"), "service_id": rec.id, "name": pick(FINLAND, lang),
                 "extent_type": "country", "uri": "urn:iso:std:iso:3166:FI", "attributes": [], "metadata": []}]
    return [{"id": derived_id(rec.id, "area", code), "service_id": rec.id,
             "name": pick(ref.municipalities.get(code), lang) or code, "extent_type": "municipality",
             "uri": f"urn:fi:municipality:{code}", "attributes": [], "metadata": []}
            for code in rec.municipality_codes]


def service(rec: ServiceRecord, channels: Mapping[str, ChannelRecord], orgs: Mapping[str, OrganisationRecord],
            ref: ReferenceData, lang: str, *, full: bool = True) -> Obj:
    """One service; ``full=False`` gives only its one-to-one fields (the HSDS list shape)."""
    org = rec.responsible_organisation
    mine = [channels[c] for c in rec.channel_ids if c in channels]
    obj: Obj = {"id": rec.id, "name": pick(rec.names, lang), "status": "inactive" if rec.archived else "active"}
    if org is not None:
        obj["organization_id"] = org.id
    for key, text in (("alternate_name", rec.alternative_names), ("description", rec.description),
                      ("application_process", rec.user_instruction), ("fees_description", rec.charge_info),
                      ("eligibility_description", rec.requirements)):
        if pick(text, lang):
            obj[key] = pick(text, lang)
    if rec.charge_type:
        obj["fees"] = rec.charge_type
    sites = [p.url for c in mine for p in c.web_pages]
    emails = [e.value for c in mine for e in c.emails]
    if sites:
        obj["url"] = sites[0]
    if emails:
        obj["email"] = emails[0]
    if rec.modified:
        obj["last_modified"] = rec.modified.isoformat().replace("+00:00", "Z")
    if not full:
        return obj
    org_rec = orgs.get(org.id) if org else None
    if org is not None and org_rec is None:
        org_rec = OrganisationRecord(id=org.id, names=org.names)
    obj.update({
        "phones": [p for c in mine if c.type == "Phone" for p in phones(c, lang, "service_id", rec.id)],
        "schedules": [s for c in mine if c.type in ("Phone", "EChannel")
                      for s in schedules(c.service_hours, lang, "service_id", rec.id)],
        "service_areas": _service_areas(rec, lang, ref),
        "service_at_locations": [service_at_location(rec.id, c, lang, ref) for c in mine
                                 if c.type == "ServiceLocation"],
        "languages": [_lang_obj(code, lang, service_id=rec.id) for code in rec.languages],
        "funding": [{"id": derived_id(rec.id, "funding"), "service_id": rec.id, "source": rec.funding_type,
                     "attributes": [], "metadata": []}] if rec.funding_type else [],
        "cost_options": [], "required_documents": [], "contacts": [],
        "attributes": [_class_attribute(rec.id, t.code, {"names": t.names, "parent": t.parent_code, "uri": t.uri},
                                        lang) for t in rec.service_classes if t.code],
        "metadata": [],
    })
    if org_rec is not None:
        obj["organization"] = organization(org_rec, lang, full=False)
    return obj


def _class_attribute(service_id: str, code: str, info: Mapping[str, object], lang: str) -> Obj:
    term = taxonomy_term(code, info, lang)
    return {"id": derived_id(service_id, "attribute", code), "link_id": service_id, "link_type": "service_class",
            "link_entity": "service", "taxonomy_term_id": term["id"], "value": code, "taxonomy_term": term,
            "metadata": []}


def service_at_location(service_id: str, ch: ChannelRecord, lang: str, ref: ReferenceData) -> Obj:
    sal = derived_id(service_id, "at", ch.id)
    return {"id": sal, "service_id": service_id, "location_id": ch.id, "description": pick(ch.summary, lang),
            "contacts": [], "phones": [], "schedules": [], "location": location(ch, lang, ref),
            "attributes": [], "metadata": []}
