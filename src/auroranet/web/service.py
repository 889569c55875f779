"""Web app use cases: recommendations from a questionnaire, search with unmet-need recording, service
pages, feedback, link tracking and the consented hand-over of attributes.

Nothing here stores answers: the recommendation log gets service ids, ranks and engine scores only, so
feedback and clicks can train the reranker without keeping what a person said about their life.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Sequence
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from auroranet.catalogue import service as catalogue
from auroranet.catalogue.models import ChannelRecord, ServiceRecord
from auroranet.db.core import utcnow
from auroranet.errors import InputError, NotFoundError
from auroranet.i18n import pick
from auroranet.logs import scrub
from auroranet.network.models import (
    Client,
    RecommendationService,
    ServiceFeedback,
    SessionAttributes,
    UnmetNeed,
)
from auroranet.search.schemas import Hit, RecommendQuery, SearchQuery, ServiceFilters

log = logging.getLogger(__name__)

CALLING_SERVICE = "web"
V1_REDIRECT = "/service-recommender/v1/redirect"
ATTRIBUTES = ("age", "municipality_code", "life_situation_meters")


class EngineUnavailable(Exception):
    """The search or recommendation engine is not installed or not ready."""


# Engine seams: the real engine when present. Tests may replace these two functions.
def run_recommend(runtime: Any, query: RecommendQuery) -> list[Hit]:
    try:
        from auroranet.recommend.service import recommend
    except ModuleNotFoundError as exc:
        raise EngineUnavailable(str(exc)) from exc
    return list(recommend(runtime, query))


def run_search(runtime: Any, query: SearchQuery) -> list[Hit]:
    try:
        from auroranet.search.service import text_search
    except ModuleNotFoundError as exc:
        raise EngineUnavailable(str(exc)) from exc
    return list(text_search(runtime, query))


# ---------------------------------------------------------------------------------------------
# Recommendation log (shared with the network API so feedback and clicks feed learning)
# ---------------------------------------------------------------------------------------------


def log_recommendation(session: Session, *, path: str, session_id: str, hits: Sequence[Hit],
                       context: dict[str, Any]) -> int:
    """Store which services were shown, in which order. ``context`` must hold no answers."""
    from auroranet.network.service import Caller, store_in_session

    return store_in_session(session, caller=Caller(None), path=path, session_id=session_id, body=context,
                            hits=hits, calling_service=CALLING_SERVICE)


def record_feedback(session: Session, *, recommendation_id: int, service_id: str, score: int) -> None:
    """Thumbs up (+1) or down (-1) for one shown service; a second vote replaces the first."""
    if score not in (-1, 1):
        raise InputError("feedback score must be -1 or 1")
    shown = session.get(RecommendationService, (recommendation_id, service_id))
    if shown is None:
        raise NotFoundError("this service was not part of your recommendations")
    row = session.get(ServiceFeedback, (recommendation_id, service_id))
    if row is None:
        session.add(ServiceFeedback(recommendation_id=recommendation_id, service_id=service_id,
                                    feedback_score=score, updated_at=utcnow()))
    else:
        row.feedback_score = score
        row.updated_at = utcnow()
    session.flush()


def record_unmet_need(session: Session, *, text: str, lang: str, filters: dict[str, Any]) -> None:
    session.add(UnmetNeed(lang=lang, text=scrub(text)[:500], filters=filters))
    session.flush()


# ---------------------------------------------------------------------------------------------
# Link tracking and hand-over
# ---------------------------------------------------------------------------------------------


def tracking_url(*, redirect_path: str, service_id: str, channel_id: str, link_id: int,
                 recommendation_id: int, token: str | None = None) -> str:
    params: dict[str, Any] = {"service_id": service_id, "service_channel_id": channel_id,
                              "link_id": link_id, "recommendation_id": recommendation_id}
    if token:
        params["auroraai_access_token"] = token
    return f"{redirect_path}?{urlencode(params)}"


def channel_pages(channel: ChannelRecord) -> list[str]:
    """The channel's link targets, Finnish first as in v1 (link_id indexes this list)."""
    pages = [p.url for p in channel.web_pages if p.language == "fi" and p.url]
    return pages or [p.url for p in channel.web_pages if p.url]


@dataclass
class Receiver:
    client_id: str
    names: dict[str, str]
    provider: dict[str, str]
    receivable_attributes: list[str]


def receiver_for(db: Any, channel_id: str) -> Receiver | None:
    """The connected service that accepts attributes on this channel, if any."""
    try:
        from auroranet.network.session_attributes import registered_receiver
    except ModuleNotFoundError:
        registered_receiver = None
    if registered_receiver is not None:
        info = registered_receiver(db, channel_id)
        if info is None:
            return None
        return Receiver(client_id=str(_get(info, "client_id", "id")), names=dict(_get(info, "names") or {}),
                        provider=dict(_get(info, "provider") or {}),
                        receivable_attributes=list(_get(info, "receivable_attributes") or []))
    with db.session() as s:
        for c in s.scalars(select(Client).where(Client.active.is_(True)).order_by(Client.id)):
            if channel_id in (c.channel_ids or []) and c.receivable_attributes:
                return Receiver(client_id=c.id, names=dict(c.names or {}), provider=dict(c.provider or {}),
                                receivable_attributes=[a for a in c.receivable_attributes if a in ATTRIBUTES])
    return None


def _get(obj: Any, *names: str) -> Any:
    for n in names:
        if isinstance(obj, dict) and n in obj:
            return obj[n]
        if hasattr(obj, n):
            return getattr(obj, n)
    return None


def issue_transfer(runtime: Any, *, receiver: Receiver, channel_id: str, attributes: dict[str, Any]) -> str | None:
    """Hand the ticked attributes to the receiving service; returns the single-use access token (None when
    the service may receive none of them)."""
    try:
        from auroranet.network.session_attributes import issue_token
    except ModuleNotFoundError:
        issue_token = None
    if issue_token is not None:
        issued = issue_token(runtime.db, runtime.settings, channel_id=channel_id, attributes=attributes)
        return str(issued.token) if issued.token else None
    token = secrets.token_hex(32)
    with runtime.db.session() as s:
        s.add(SessionAttributes(token_hash=hashlib.sha256(token.encode()).hexdigest(), client_id=receiver.client_id,
                                channel_id=channel_id, attributes=attributes, created_at=utcnow(),
                                expires_at=utcnow() + timedelta(seconds=runtime.settings.session_token_ttl_seconds)))
    log.info("session attributes issued", extra={"channel_id": channel_id, "count": len(attributes)})
    return token


@dataclass
class ConsentItem:
    key: str  # "age", "municipality_code" or "meter:<key>"
    label: str


def consent_items(*, receivable: Sequence[str], age: int | None, municipality: tuple[str, str] | None,
                  meters: dict[str, float], meter_label: Any) -> list[ConsentItem]:
    """Exactly what could be shared, one tickable line per value. ``meter_label(key, value)`` renders a meter."""
    items: list[ConsentItem] = []
    if "age" in receivable and age is not None:
        items.append(ConsentItem("age", str(age)))
    if "municipality_code" in receivable and municipality is not None:
        items.append(ConsentItem("municipality_code", municipality[1]))
    if "life_situation_meters" in receivable:
        for key, value in meters.items():
            items.append(ConsentItem(f"meter:{key}", meter_label(key, value)))
    return items


def build_attributes(ticked: Sequence[str], *, available: Sequence[ConsentItem], age: int | None,
                     municipality_code: str | None, meters: dict[str, float]) -> dict[str, Any]:
    """The v1 ``session_attributes`` object holding only what the person ticked and could share."""
    allowed = {i.key for i in available}
    chosen = [k for k in ticked if k in allowed]
    out: dict[str, Any] = {}
    if "age" in chosen and age is not None:
        out["age"] = age
    if "municipality_code" in chosen and municipality_code:
        out["municipality_code"] = municipality_code
    lsm = {k[6:]: [int(round(meters[k[6:]]))] for k in chosen if k.startswith("meter:") and k[6:] in meters}
    if lsm:
        out["life_situation_meters"] = lsm
    return out


# ---------------------------------------------------------------------------------------------
# Presenting services
# ---------------------------------------------------------------------------------------------


@dataclass
class ChannelView:
    id: str
    type: str
    name: str
    summary: str
    pages: list[str]
    phones: list[str]
    emails: list[str]
    addresses: list[str]
    hours: list[str]
    receiver: Receiver | None = None


@dataclass
class ServiceView:
    id: str
    name: str
    summary: str
    description: str
    instructions: str
    charge: str
    provider: str
    area: str
    channels: list[ChannelView] = field(default_factory=list)


def format_hours(channel: ChannelRecord, lang: str, t: Any) -> list[str]:
    out: list[str] = []
    for sh in channel.service_hours:
        info = pick(sh.info, lang)
        if sh.always_open:
            out.append(t("always_open") + (f" ({info})" if info else ""))
            continue
        spans = []
        for oh in sh.opening_hours:
            days = t(oh.day_from) + (f"–{t(oh.day_to)}" if oh.day_to and oh.day_to != oh.day_from else "")
            times = f"{(oh.time_from or '')[:5]}–{(oh.time_to or '')[:5]}" if oh.time_from else ""
            spans.append(f"{days} {times}".strip())
        text = ", ".join(spans)
        if sh.type == "Exception" or sh.is_closed:
            when = " – ".join(d[:10] for d in (sh.valid_from, sh.valid_to) if d)
            text = f"{t('exception')} {when}: " + (t("closed") if sh.is_closed else text)
        if info:
            text = f"{text} ({info})" if text else info
        if text:
            out.append(text)
    return out


def _address(a: Any, lang: str) -> str:
    street = " ".join(x for x in (pick(a.street, lang), a.street_number or "") if x)
    town = " ".join(x for x in (a.postal_code or "", pick(a.post_office, lang) or pick(a.municipality_names, lang)) if x)
    return ", ".join(x for x in (street, town) if x)


def service_view(svc: ServiceRecord, channels: dict[str, ChannelRecord], lang: str, t: Any,
                 municipality_names: dict[str, dict[str, str]]) -> ServiceView:
    org = svc.responsible_organisation
    if svc.is_national:
        area = t("nationwide")
    else:
        names = [pick(a.names, lang) for a in svc.areas if a.names]
        if not names:
            names = [pick(municipality_names.get(c, {}), lang) or c for c in svc.municipality_codes]
        area = ", ".join(dict.fromkeys(n for n in names if n))
    view = ServiceView(id=svc.id, name=pick(svc.names, lang), summary=pick(svc.summary, lang),
                       description=pick(svc.description, lang), instructions=pick(svc.user_instruction, lang),
                       charge=pick(svc.charge_info, lang), provider=pick(org.names, lang) if org else "", area=area)
    for cid in svc.channel_ids:
        ch = channels.get(cid)
        if ch is None:
            continue
        view.channels.append(ChannelView(
            id=ch.id, type=ch.type, name=pick(ch.names, lang), summary=pick(ch.summary, lang),
            pages=channel_pages(ch),
            phones=[" ".join(x for x in ((p.prefix or "") + p.number, f"({p.info})" if p.info else "") if x)
                    for p in ch.phones if p.type != "Fax" and p.language in (lang, "fi")][:2]
            or [(p.prefix or "") + p.number for p in ch.phones if p.type != "Fax"][:1],
            emails=list(dict.fromkeys(e.value for e in ch.emails))[:2],
            addresses=list(dict.fromkeys(a for a in (_address(a, lang) for a in ch.addresses) if a))[:2],
            hours=format_hours(ch, lang, t)))
    return view


def load_services(session: Session, ids: Sequence[str]) -> tuple[dict[str, ServiceRecord], dict[str, ChannelRecord]]:
    services = {i: s for i in dict.fromkeys(ids) if (s := catalogue.get_service(session, i)) is not None}
    channel_ids = [c for s in services.values() for c in s.channel_ids]
    return services, catalogue.get_channels(session, channel_ids)


def filters_for(*, municipality_code: str | None = None, service_class: str | None = None,
                target_group: str | None = None) -> ServiceFilters:
    return ServiceFilters(municipality_codes=(municipality_code,) if municipality_code else (),
                          service_classes=(service_class,) if service_class else (),
                          target_groups=(target_group,) if target_group else ())
