"""The v1 wire shape of a service and its channels (``recommended_services``), built from catalogue
records. Texts are in the request's language with no fallback, as v1 did (v2 answers in sv or en: the
record's texts in that language where it has them, else Finnish); links go through the one tracking-URL
builder and index ``links.link_targets``."""

from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar
from weakref import WeakKeyDictionary

from auroranet.catalogue.models import CHANNEL_TYPES, Area, ChannelRecord, ServiceRecord
from auroranet.engine.contract import Hit
from auroranet.network.schemas import SERVICE_CLASS_PREFIX
from auroranet.search.explain_text import render_explanation
from auroranet.search.index import SearchIndex
from auroranet.usecases.links import link_targets, tracking_urls
from auroranet.usecases.recommend import Answer

T = TypeVar("T")
ALWAYS_OPEN = "Aina avoinna"


def _text(loc: dict[str, str], lang: str) -> str:
    return loc.get(lang) or ""


def _areas(areas: list[Area], lang: str) -> list[dict[str, Any]]:
    return [{"type": a.type, "code": a.code,
             "name": [{"language": k, "value": v} for k, v in a.names.items() if v],
             "municipalities": [{"code": c, "name": []} for c in a.municipality_codes]} for a in areas]


def _hours(ch: ChannelRecord) -> list[str]:
    out: list[str] = []
    for h in ch.service_hours:
        if h.type not in ("DaysOfTheWeek", "Standard"):
            continue
        if h.always_open:
            out.append(ALWAYS_OPEN)
            continue
        days = [f"{o.day_from} {o.time_from or ''} - {o.time_to or ''}".strip() for o in h.opening_hours]
        if days:
            out.append(", ".join(days))
    return out


def _address(ch: ChannelRecord, lang: str) -> str:
    for a in ch.addresses:
        if a.type == "Location":
            street = " ".join(p for p in (_text(a.street, lang), a.street_number or "") if p)
            if not street:
                continue
            return ", ".join(p for p in (street, a.postal_code or "",
                                         _text(a.municipality_names, lang) or _text(a.post_office, lang)) if p)
    return ""


def _location(ch: ChannelRecord) -> dict[str, str] | str:
    for a in ch.addresses:
        if a.type == "Location" and a.latitude and a.longitude:
            return {"latitude": str(a.latitude), "longitude": str(a.longitude)}
    return ""


def format_channel(ch: ChannelRecord, *, lang: str = "fi", links: list[str] | None = None,
                   session_transfer: bool = False) -> dict[str, Any]:
    phones = [" ".join(p for p in (ph.info or "", ph.prefix or "", ph.number) if p)
              for ph in ch.phones if ph.type == "Phone"]
    return {
        "service_channel_id": ch.id,
        "service_channel_name": _text(ch.names, lang),
        "service_channel_type": ch.type,
        "service_channel_description_summary": _text(ch.summary, lang),
        "service_channel_description": _text(ch.description, lang),
        "phone_numbers": list(dict.fromkeys(phones)),
        "web_pages": links if links is not None else link_targets(ch),
        "emails": [e.value for e in ch.emails if e.language == "fi"],
        "address": _address(ch, "fi"),
        "location": _location(ch),
        "service_hours": _hours(ch),
        "session_transfer": session_transfer,
    }


def format_service(svc: ServiceRecord, channels: dict[str, ChannelRecord], *, lang: str = "fi") -> dict[str, Any]:
    org = svc.responsible_organisation
    return {
        "service_id": svc.id,
        "service_name": _text(svc.names, lang),
        "service_description": _text(svc.description, lang),
        "service_description_summary": _text(svc.summary, lang),
        "user_instruction": _text(svc.user_instruction, lang),
        "charge_type": svc.charge_type or "",
        "charge_additional_info": _text(svc.charge_info, lang),
        "funding_type": svc.funding_type,
        "area_type": svc.area_type,
        "areas": _areas(svc.areas, lang),
        "responsible_organization": {"id": org.id, "name": _text(org.names, "fi")} if org else None,
        "target_groups": [t.code for t in svc.target_groups if t.code],
        "service_collections": [c.id for c in svc.service_collections],
        "service_class_uris": [t.uri or f"{SERVICE_CLASS_PREFIX}{t.code}" for t in svc.service_classes],
        "requirements": [svc.requirements["fi"]] if svc.requirements.get("fi") else [],
        "service_channels": [format_channel(channels[cid], lang=lang) for cid in svc.channel_ids
                             if cid in channels and channels[cid].type in CHANNEL_TYPES],
    }


# The request-independent part of each service's v1 object, per catalogue snapshot: building it took
# more time than ranking. Keyed weakly by the snapshot, so it goes when the snapshot is replaced.
_STATIC: "WeakKeyDictionary[SearchIndex, dict[str, dict[str, Any]]]" = WeakKeyDictionary()
_STATIC_LOCK = threading.Lock()


def per_snapshot(cache: "WeakKeyDictionary[SearchIndex, dict[str, T]]", answer: Answer, service_id: str,
                 make: Callable[[], T]) -> T:
    """``make()`` once per (catalogue snapshot, service) in ``cache``; the v1 mock service (no snapshot)
    is made every time."""
    per = snapshot_map(cache, answer)
    if per is None:
        return make()
    found = per.get(service_id)
    if found is None:
        found = per[service_id] = make()
    return found


def snapshot_map(cache: "WeakKeyDictionary[SearchIndex, dict[str, T]]", answer: Answer) -> dict[str, T] | None:
    """The answer's snapshot's entries in ``cache`` (fill in what is missing: ``per_snapshot``'s rule), taken
    once for a whole answer; None for the v1 mock service (no snapshot: made every time)."""
    if answer.catalogue is None:
        return None
    with _STATIC_LOCK:
        return cache.setdefault(answer.catalogue, {})


def static_service(answer: Answer, svc: ServiceRecord) -> dict[str, Any]:
    """The service's request-independent v1 object, shared per snapshot: read it, never change it."""
    return per_snapshot(_STATIC, answer, svc.id, lambda: format_service(svc, answer.channels, lang="fi"))


def _static_service(answer: Answer, svc: ServiceRecord) -> dict[str, Any]:
    """A fresh copy (its channel objects too) of the service's v1 object, safe to fill in per request."""
    base = static_service(answer, svc)
    obj = dict(base)
    obj["service_channels"] = [dict(ch) for ch in base["service_channels"]]
    return obj


def render_answer(answer: Answer, *, base_url: str, key: bytes, session_id: str, explanations: bool,
                  lang: str) -> list[dict[str, Any]]:
    """The v1 ``recommended_services`` list (v2 adds explanations in the request language); tracking links
    are signed with ``key`` (``links.tracking_key``)."""
    out: list[dict[str, Any]] = []
    for h in answer.hits:
        svc = answer.services.get(h.service_id)
        if svc is not None:
            out.append(_render_hit(h, svc, answer, base_url=base_url, key=key, session_id=session_id,
                                   explanations=explanations, lang=lang))
    return out


# v2: the texts a service or channel object carries, and the record field each comes from.
_SERVICE_TEXTS = (("service_name", "names"), ("service_description", "description"),
                  ("service_description_summary", "summary"), ("user_instruction", "user_instruction"),
                  ("charge_additional_info", "charge_info"))
_CHANNEL_TEXTS = (("service_channel_name", "names"), ("service_channel_description_summary", "summary"),
                  ("service_channel_description", "description"))


def _in_language(obj: dict[str, Any], record: ServiceRecord | ChannelRecord, fields: tuple[tuple[str, str], ...],
                 lang: str) -> None:
    """v2 in sv or en: the record's own texts in that language where it has them (Finnish where not)."""
    if lang != "fi":
        obj.update({out: text for out, attr in fields if (text := getattr(record, attr).get(lang))})


def _render_hit(h: Hit, svc: ServiceRecord, answer: Answer, *, base_url: str, key: bytes, session_id: str,
                explanations: bool, lang: str) -> dict[str, Any]:
    obj = _static_service(answer, svc)
    _in_language(obj, svc, _SERVICE_TEXTS, lang)
    for ch_obj in obj["service_channels"]:
        ch = answer.channels[ch_obj["service_channel_id"]]
        _in_language(ch_obj, ch, _CHANNEL_TEXTS, lang)
        sid = session_id if ch.type == "EChannel" else ""
        # the static copy holds ``link_targets(ch)`` (what link_id indexes): only the signed URLs are new
        ch_obj["web_pages"] = tracking_urls(base_url, key=key, service_id=svc.id, channel_id=ch.id,
                                            link_ids=range(len(ch_obj["web_pages"])),
                                            recommendation_id=answer.recommendation_id, session_id=sid)
        ch_obj["session_transfer"] = answer.transfer.get(ch.id, False)
    obj["similarity_score"] = float(h.score)
    obj["rank"] = h.rank
    if explanations:
        names = answer.catalogue.reference.municipalities if answer.catalogue is not None else None
        obj["explanations"] = render_explanation(h.explanation, lang, names)
    return obj
