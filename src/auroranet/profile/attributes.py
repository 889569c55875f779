"""The profile's values of the attributes a person may give a connected service (``vocab.ATTRIBUTE_NAMES``):
what the latest saved assessment holds. A connected service asking through OAuth2 (oauth/) is shown
exactly these values and gets only the ones the person ticks.

    current(s, settings, subject)   # {"age": 34, "life_situation_meters": {"health": [7], ...}}
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auroranet.config import Settings
from auroranet.profile.models import ProfileAccess, SavedAssessment
from auroranet.profile.sealing import unseal
from auroranet.vocab import ATTRIBUTE_NAMES


def current(s: Session, settings: Settings, subject: str) -> dict[str, Any]:
    """Each attribute the profile has a value for, in the v1 session-attribute shape (meters as
    one-element lists, as v1 hands them over)."""
    row = s.scalars(select(SavedAssessment).where(SavedAssessment.subject == subject)
                    .order_by(SavedAssessment.taken_at.desc(), SavedAssessment.id.desc()).limit(1)).first()
    if row is None:
        return {}
    data = unseal(settings, subject, row.payload)
    meters = data.get("meters") or {}
    found: dict[str, Any] = {"age": data.get("age"), "municipality_code": data.get("municipality_code"),
                             "life_situation_meters": {k: [int(round(v))] for k, v in meters.items()} or None}
    return {name: found[name] for name in ATTRIBUTE_NAMES if found.get(name) is not None}


def log_service_read(s: Session, subject: str) -> None:
    """The audit list shows each read by a connected service (not a use by the person: no ``touch``)."""
    s.add(ProfileAccess(subject=subject, action="read_by_service", actor="service"))
