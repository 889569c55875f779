"""Consent records: one for every attribute hand-over, listed and withdrawn by the signed-in person.

    rid = record(s, recipient=info, attributes=shared, subject=None, method="web-form", token_hash=h, ...)
    withdraw(s, subject=..., receipt_id=rid, owners=rt.consent_owners)
    # the owning domain stops what it allowed (a referral is cancelled); a hand-over's unread attributes
    # are deleted and the recipient's webhook notice queued
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any, Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from auroranet.consent.models import ACTIVE, WITHDRAWN, ConsentNotice, ConsentRecord
from auroranet.consent.owners import Owners
from auroranet.consent.receipts import CONTROLLER, LEGAL_BASIS, PURPOSE, categories
from auroranet.db.core import utcnow
from auroranet.network.clients import ClientInfo



def record(s: Session, *, recipient: ClientInfo, attributes: dict[str, Any], subject: str | None, method: str,
           token_hash: str | None, expires_at: datetime) -> str:
    """A hand-over of session attributes to a connected service."""
    name = recipient.names.get("en") or recipient.names.get("fi") or recipient.id
    return record_transfer(s, recipient_id=recipient.id, recipient_name=name, data_categories=categories(attributes),
                           subject=subject, method=method, token_hash=token_hash, expires_at=expires_at)


def record_transfer(s: Session, *, recipient_id: str, recipient_name: str, data_categories: list[str],
                    subject: str | None, method: str, expires_at: datetime, token_hash: str | None = None,
                    purpose: str = PURPOSE) -> str:
    """Any transfer of a person's data (hand-overs, referrals, official records fetched for the person):
    one record, inside the caller's transaction."""
    rid = secrets.token_hex(16)
    s.add(ConsentRecord(id=rid, subject=subject, controller=CONTROLLER, purpose=purpose[:300],
                        data_categories=data_categories, recipient_id=recipient_id[:36],
                        recipient_name=recipient_name[:200], legal_basis=LEGAL_BASIS, method=method[:64],
                        given_at=utcnow(), expires_at=expires_at, status=ACTIVE, token_hash=token_hash))
    return rid


def standing_until(*, signed_in: bool, token_ttl_seconds: int, standing_days: int) -> datetime:
    """A signed-in person's consent stands (withdrawable) for ``standing_days``; an anonymous one is
    one hand-over, over when the token expires."""
    return utcnow() + (timedelta(days=standing_days) if signed_in else timedelta(seconds=token_ttl_seconds))


def for_subject(s: Session, subject: str) -> Sequence[ConsentRecord]:
    return list(s.scalars(select(ConsentRecord).where(ConsentRecord.subject == subject)
                          .order_by(ConsentRecord.given_at.desc(), ConsentRecord.id)))


def by_ids(s: Session, ids: Sequence[str]) -> Sequence[ConsentRecord]:
    if not ids:
        return []
    return list(s.scalars(select(ConsentRecord).where(ConsentRecord.id.in_(list(ids)))
                          .order_by(ConsentRecord.given_at.desc())))


def get(s: Session, receipt_id: str) -> ConsentRecord | None:
    return s.get(ConsentRecord, receipt_id[:32])


def withdraw(s: Session, *, subject: str, receipt_id: str, owners: Owners, event: str = "consent.withdrawn") -> bool:
    """Withdraw the subject's active consent. The owner of what it allowed (``owners``: a referral is
    cancelled and its organisation told) stops it; otherwise it was a hand-over, deleted if still unread
    (no further transfer), and a webhook notice to the recipient is queued. False: not theirs or not
    active. The owner's ConflictError (a concurrent change) rolls the whole withdrawal back."""
    rec = get(s, receipt_id)
    if rec is None or rec.subject != subject or rec.status != ACTIVE:
        return False
    _withdraw(s, rec, event, owners)
    return True


def _withdraw(s: Session, rec: ConsentRecord, event: str, owners: Owners) -> None:
    from auroranet.network.models import SessionAttributes

    rec.status, rec.withdrawn_at = WITHDRAWN, utcnow()
    if any(owner.consent_withdrawn(s, rec.id) for owner in owners):
        return  # the owner tells its recipient its own way
    if rec.token_hash:
        s.execute(delete(SessionAttributes).where(SessionAttributes.token_hash == rec.token_hash))
    s.add(ConsentNotice(consent_id=rec.id, client_id=rec.recipient_id, event=event, token_hash=rec.token_hash))


def anonymise_for(s: Session, subject: str, *, owners: Owners) -> int:
    """Erasure: every active consent of the subject is withdrawn (owners stop what they allowed,
    recipients are told, event ``consent.erased``); the receipts stay with the personal parts blanked."""
    recs = for_subject(s, subject)
    for rec in recs:
        if rec.status == ACTIVE:
            _withdraw(s, rec, "consent.erased", owners)
    s.flush()
    s.execute(update(ConsentRecord).where(ConsentRecord.subject == subject).values(subject=None, token_hash=None))
    return len(recs)
