"""Passing a person to a connected assistant and taking them back.

The offer names the assistant, says why it fits and lists exactly what could be passed on (one item per
value, nothing chosen in advance: ``usecases.handover.consent_items``). On "yes", only the chosen items
go, behind the network's one-time session-attribute token (``usecases.handover.hand_over``: the other
assistant reads them once, authenticated as the client registered for its channel). The hand-over is a
``POST`` to the assistant's ``handover_url`` with the language, a short summary (the matched topics and
the chosen values, never the person's own words), the token, and a return address with a one-time
return token (only its SHA-256 stays in the conversation). The other assistant hands the person back by
posting a short summary to that address (``take_back``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from typing import Any, Mapping

import httpx

from auroranet.assistant.registry import Fit
from auroranet.i18n import pick
from auroranet.runtime import Runtime
from auroranet.lifeevents.model import LifeEvent
from auroranet.usecases import handover as ho
from auroranet.vocab import METER_KEYS, meter_name

log = logging.getLogger(__name__)
MAX_SUMMARY_CHARS = 300


def consent_items(rt: Runtime, fit: Fit, state: dict[str, Any]) -> list[ho.ConsentItem]:
    channel = fit.assistant.channel_id
    info = ho.receiver(rt, channel) if channel else None
    if info is None:
        return []
    code = state.get("municipality_code")
    place = (code, pick(rt.catalogue().reference.municipalities.get(code, {}), state["lang"]) or code) if code else None
    return ho.consent_items(receivable=info.receivable_attributes, age=state.get("age"), municipality=place,
                            meters=dict(state.get("meters") or {}),
                            meter_label=lambda k, v: f"{meter_name(k, state['lang'])} {v:g}/10")


def summary(fit_topics: list[str], lang: str, chosen: dict[str, Any], events: Mapping[str, LifeEvent]) -> str:
    topics = [meter_name(t, lang) if t in METER_KEYS else (pick(events[t].names, lang) if t in events else t)
              for t in fit_topics]
    parts = [", ".join(topics)] + [f"{k}={v}" for k, v in chosen.items() if k != "life_situation_meters"]
    return "; ".join(p for p in parts if p)[:MAX_SUMMARY_CHARS]


def hand_over(rt: Runtime, *, cid: str, base_url: str, offer: dict[str, Any], share: list[str],
              state: dict[str, Any]) -> dict[str, Any] | None:
    """Hand the person over; returns what the conversation keeps about it (the assistant, where the
    person continues, the return token's hash), or None when the other assistant did not take them."""
    items = [ho.ConsentItem(i["key"], i["label"]) for i in offer.get("items", [])]
    chosen = ho.build_attributes(share, available=items, age=state.get("age"),
                                 municipality_code=state.get("municipality_code"), meters=dict(state.get("meters") or {}))
    token = None
    if chosen and offer.get("channel_id"):
        # the token and its consent record (hand_over takes the write lock itself); the HTTP call below
        # runs without any lock
        token = ho.hand_over(rt, channel_id=offer["channel_id"], attributes=chosen, method="assistant").token
    back = secrets.token_urlsafe(32)
    body = {"lang": state["lang"], "summary": summary(offer.get("topics", []), state["lang"], chosen, rt.life_events),
            "session_token": token, "return_url": f"{base_url.rstrip('/')}/assistant/v1/conversations/{cid}/return",
            "return_token": back}
    try:
        r = httpx.post(offer["handover_url"], json=body, timeout=rt.settings.assistant_handover_timeout_seconds)
        r.raise_for_status()
        answer = r.json()
    except (httpx.HTTPError, ValueError) as exc:
        log.warning("assistant hand-over failed", extra={"error_type": type(exc).__name__})
        return None
    url = answer.get("url") if isinstance(answer, dict) else None
    return {"id": offer["id"], "name": offer["name"], "url": url if isinstance(url, str) and len(url) < 500 else None,
            "return_hash": hashlib.sha256(back.encode()).hexdigest(), "shared": sorted(chosen)}


def take_back(state: dict[str, Any], return_token: str, text: str) -> bool:
    """The other assistant hands the person back: True when the token is this conversation's."""
    away = state.get("away")
    if not away or not hmac.compare_digest(away["return_hash"], hashlib.sha256(return_token.encode()).hexdigest()):
        return False
    state["back"] = {"name": away["name"], "summary": " ".join(text.split())[:MAX_SUMMARY_CHARS]}
    state["stage"], state["away"] = "idle", None
    return True

