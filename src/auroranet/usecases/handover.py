"""Handing attributes to a connected service, with consent: who would receive them, exactly which
values could go (one tickable line each, nothing pre-ticked: pre-ticked boxes are not consent), where the
receiving service's privacy notice is, and the single-use token for the ticked ones. The receivable filter always applies: a service gets only the attributes it registered for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence
from urllib.parse import urlsplit

from auroranet.network import session_attributes as sa
from auroranet.network.clients import ClientInfo, receiver_for_channel
from auroranet.runtime import Runtime

METER_ITEM = "meter:"


def receiver(rt: Runtime, channel_id: str) -> ClientInfo | None:
    """The connected service registered for this channel that may receive at least one attribute."""
    info = rt.receivers.receiver(channel_id)
    return info if info is not None and info.receivable_attributes else None


def hand_over(rt: Runtime, *, channel_id: str, attributes: dict[str, Any], subject: str | None = None,
              method: str = "api") -> sa.IssuedToken:
    """Store the receivable part of ``attributes`` behind a new token, with its consent record. Raises
    ``InputError`` when no service is registered for the channel."""
    return hand_over_with_receipt(rt, channel_id=channel_id, attributes=attributes, subject=subject,
                                  method=method)[0]


def hand_over_with_receipt(rt: Runtime, *, channel_id: str, attributes: dict[str, Any], subject: str | None,
                           method: str) -> tuple[sa.IssuedToken, str | None]:
    """``hand_over`` and the consent receipt id (None when nothing was shared). Every transfer has its
    record: when writing the record fails, the token is deleted again before the error goes up."""
    from auroranet.consent import service as consent

    issued = sa.issue_token(rt.db, rt.settings, channel_id=channel_id, attributes=attributes)
    if issued.token is None:
        return issued, None
    with rt.db.session() as s:
        info = receiver_for_channel(s, channel_id)
    th = sa.token_hash(issued.token)
    until = consent.standing_until(signed_in=subject is not None, token_ttl_seconds=rt.settings.session_token_ttl_seconds,
                                   standing_days=rt.settings.consent_standing_days)
    try:
        if info is None:
            raise LookupError(f"receiver of {channel_id} vanished")
        with rt.writes, rt.db.session() as s:
            rid = consent.record(s, recipient=info, attributes=issued.shared_attributes, subject=subject,
                                 method=method, token_hash=th, expires_at=until)
    except Exception:
        from sqlalchemy import delete

        from auroranet.network.models import SessionAttributes

        with rt.writes, rt.db.session() as s:
            s.execute(delete(SessionAttributes).where(SessionAttributes.token_hash == th))
        raise
    return issued, rid


def privacy_notice(info: ClientInfo) -> str | None:
    """The receiving service's privacy notice from the registry, when it is an http(s) address to link."""
    url = (info.privacy_notice_url or "").strip()
    return url if urlsplit(url).scheme in ("https", "http") and urlsplit(url).netloc else None


@dataclass
class ConsentItem:
    key: str  # "age", "municipality_code" or "meter:<key>"
    label: str


def consent_items(*, receivable: Sequence[str], age: int | None, municipality: tuple[str, str] | None,
                  meters: dict[str, float], meter_label: Callable[[str, float], str]) -> list[ConsentItem]:
    """Exactly what could be shared, one line per value. ``municipality`` is (code, name)."""
    items: list[ConsentItem] = []
    if "age" in receivable and age is not None:
        items.append(ConsentItem("age", str(age)))
    if "municipality_code" in receivable and municipality is not None:
        items.append(ConsentItem("municipality_code", municipality[1]))
    if "life_situation_meters" in receivable:
        for key, value in meters.items():
            items.append(ConsentItem(f"{METER_ITEM}{key}", meter_label(key, value)))
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
    lsm = {k[len(METER_ITEM):]: [int(round(meters[k[len(METER_ITEM):]]))] for k in chosen
           if k.startswith(METER_ITEM) and k[len(METER_ITEM):] in meters}
    if lsm:
        out["life_situation_meters"] = lsm
    return out
