"""Read-only catalogue API under ``/api/catalogue``: one service (with its channels) in one language, a
paged list of services, and catalogue statistics. Archived services are not served (404), as PTV no
longer publishes them.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from auroranet.api.deps import RuntimeDep
from auroranet.catalogue import service as catalogue
from auroranet.catalogue.models import ChannelRecord, ServiceRecord
from auroranet.i18n import negotiate, pick

router = APIRouter(prefix="/api/catalogue", tags=["catalogue"])

LangParam = Annotated[str | None, Query(pattern="^(fi|sv|en)$", description="fi, sv or en")]
NOT_FOUND = {"fi": "Palvelua ei löydy.", "sv": "Tjänsten hittades inte.", "en": "Service not found."}


def _lang(request: Request, lang: str | None) -> str:
    return lang or negotiate(request.headers.get("accept-language"))


def _channel(ch: ChannelRecord, lang: str) -> dict[str, Any]:
    return {
        "id": ch.id,
        "type": ch.type,
        "name": pick(ch.names, lang),
        "summary": pick(ch.summary, lang),
        "web_pages": [p.model_dump() for p in ch.web_pages],
        "phones": [p.model_dump() for p in ch.phones],
        "emails": [e.value for e in ch.emails],
        "addresses": [{"type": a.type, "street": pick(a.street, lang), "street_number": a.street_number,
                       "postal_code": a.postal_code, "post_office": pick(a.post_office, lang),
                       "municipality_code": a.municipality_code} for a in ch.addresses],
        "service_hours": [h.model_dump() for h in ch.service_hours],
    }


def _summary(rec: ServiceRecord, lang: str) -> dict[str, Any]:
    return {
        "id": rec.id,
        "name": pick(rec.names, lang),
        "summary": pick(rec.summary, lang),
        "area_type": rec.area_type,
        "municipality_codes": rec.municipality_codes,
        "languages": rec.languages,
        "modified": rec.modified.isoformat() if rec.modified else None,
    }


@router.get("/services/{service_id}")
def get_service(request: Request, rt: RuntimeDep, service_id: str, lang: LangParam = None) -> dict[str, Any]:
    """One service in the requested language (falling back to fi, en, sv), with its channels."""
    lang_ = _lang(request, lang)
    with rt.db.session() as s:
        rec = catalogue.get_service(s, service_id.strip().lower())
        channels = catalogue.get_channels(s, rec.channel_ids) if rec else {}
    if rec is None:
        raise HTTPException(status_code=404, detail=NOT_FOUND.get(lang_, NOT_FOUND["en"]))
    org = rec.responsible_organisation
    return {
        **_summary(rec, lang_),
        "lang": lang_,
        "description": pick(rec.description, lang_),
        "user_instruction": pick(rec.user_instruction, lang_),
        "requirements": pick(rec.requirements, lang_),
        "charge_type": rec.charge_type,
        "charge_info": pick(rec.charge_info, lang_),
        "keywords": rec.keywords.get(lang_, []),
        "organisation": {"id": org.id, "name": pick(org.names, lang_)} if org else None,
        "service_classes": [{"code": t.code, "name": pick(t.names, lang_)} for t in rec.service_classes],
        "target_groups": [{"code": t.code, "name": pick(t.names, lang_)} for t in rec.target_groups],
        "channels": [_channel(channels[c], lang_) for c in rec.channel_ids if c in channels],
    }


@router.get("/services")
def list_services(request: Request, rt: RuntimeDep, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                  offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0, lang: LangParam = None) -> dict[str, Any]:
    """Live services ordered by id, ``limit`` at a time."""
    lang_ = _lang(request, lang)
    with rt.db.session() as s:
        total, items = catalogue.page_services(s, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "lang": lang_,
            "items": [_summary(r, lang_) for r in items]}


@router.get("/stats")
def stats(rt: RuntimeDep) -> dict[str, Any]:
    with rt.db.session() as s:
        return asdict(catalogue.stats(s))
