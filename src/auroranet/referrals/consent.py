"""A referral's consent record: what the person ticked goes to the receiving organisation under a record in
the consent domain (listed, downloadable as a receipt and withdrawable by a signed-in person)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from auroranet.consent.receipts import CATEGORY_OF
from auroranet.consent.service import record_transfer
from auroranet.db.core import utcnow

PURPOSE = "a contact request (referral) to a service, so that it can contact and help the person"


def record_transfer_consent(s: Session, *, referral_id: int, subject: str | None, organisation_id: str,
                            service_id: str, attributes: list[str], retention_days: int = 90) -> str:
    """Record that the person agreed to hand ``attributes`` (and their message) to ``organisation_id`` for
    ``service_id``. Called inside the transaction that creates the referral; returns the receipt id."""
    cats = ["referral message", *(CATEGORY_OF.get(a, a) for a in attributes)]
    return record_transfer(s, recipient_id=f"org:{organisation_id}", recipient_name=organisation_id,
                           data_categories=cats, subject=subject, method=f"referral:{service_id}"[:64],
                           expires_at=utcnow() + timedelta(days=retention_days), purpose=PURPOSE)
