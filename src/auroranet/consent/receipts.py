"""The consent receipt, shaped after ISO/IEC TS 27560 (consent record information structure) and the
Kantara Consent Receipt 1.1: who is the controller, for what purpose, which categories of data, to which
recipient, on what legal basis, how consent was given, when, until when, and its state. The personal part
is minimal: a pseudonymous principal id for a signed-in person, none for an anonymous hand-over."""

from __future__ import annotations

from typing import Any

from auroranet.consent.models import ConsentRecord

SCHEMA_VERSION = "ISO/IEC TS 27560:2023 / Kantara CR 1.1 (subset)"
CONTROLLER = "AuroraAI network (auroranet instance)"
PURPOSE = "Handing the values you ticked to the service you chose, so it can serve you without asking again"
# The recipient when a person has this service itself fetch their data (official records, docs/profile.md).
SELF_RECIPIENT = "auroranet"
SELF_RECIPIENT_NAME = "This AuroraAI service (your own profile)"
OAUTH_PURPOSE = "Letting the connected service you chose read the profile values you ticked (OAuth2)"
LEGAL_BASIS = "consent (GDPR art. 6(1)(a); art. 9(2)(a) for wellbeing values)"

# Data categories a hand-over can carry (the v1 session-attribute names).
CATEGORY_OF = {"age": "age", "municipality_code": "home municipality",
               "life_situation_meters": "self-assessed life-situation values (wellbeing)"}


def categories(attributes: dict[str, Any]) -> list[str]:
    """``age``, ``municipality_code`` and ``life_situation_meters:<meter>`` (which values, never the values)."""
    out: list[str] = [k for k in ("age", "municipality_code") if k in attributes]
    meters = attributes.get("life_situation_meters") or {}
    out.extend(f"life_situation_meters:{k}" for k in sorted(meters))
    return out


def receipt(rec: ConsentRecord, *, lang: str = "en") -> dict[str, Any]:
    """The receipt as JSON (what the person downloads; the same shape in the export)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "receipt_id": rec.id,
        "language": lang,
        "controller": {"name": rec.controller},
        "principal": {"id": rec.subject} if rec.subject else {"id": None, "note": "anonymous hand-over"},
        "purpose": rec.purpose,
        "data_categories": list(rec.data_categories),
        "recipient": {"id": rec.recipient_id, "name": rec.recipient_name},
        "legal_basis": rec.legal_basis,
        "consent_method": rec.method,
        "consent_time": rec.given_at.isoformat(),
        "expiry": rec.expires_at.isoformat(),
        "status": rec.status,
        "withdrawn_at": rec.withdrawn_at.isoformat() if rec.withdrawn_at else None,
    }
