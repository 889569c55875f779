"""The seam for consent records. The identity/profile domain is building consent records; until it
lands, a referral keeps exactly which attributes were sent (``Referral.attribute_names`` and the sealed
values) and the person saw "what goes to whom" before sending. Replace the body of this one function."""

from __future__ import annotations

from sqlalchemy.orm import Session


def record_transfer_consent(s: Session, *, referral_id: int, subject: str | None, organisation_id: str,
                            service_id: str, attributes: list[str]) -> None:
    """Record that the person agreed to hand ``attributes`` to ``organisation_id`` for ``service_id``.
    Called inside the transaction that creates the referral. No-op until identity/profile provides it."""
    return None
