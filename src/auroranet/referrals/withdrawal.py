"""A withdrawn referral consent stops the referral: the consent domain's ``ConsentOwner`` for referrals.

The person withdraws the consent of a referral (``/consents``, or by erasing their account): inside that
transaction the referral becomes ``cancelled`` (FHIR Task; unless it is already closed), its history
records actor ``consent``, and the organisation is told as of any cancellation by the person — the signed
webhook (outbox, sent by the ``referral_delivery`` job) and the status in its back office inbox.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from auroranet.db.core import utcnow
from auroranet.errors import ConflictError
from auroranet.referrals.models import Referral, ReferralEvent, ReferralReceiver
from auroranet.referrals.outbox import queue
from auroranet.referrals.statuses import CLOSED

ACTOR = "consent"
TRIES = 3


class ReferralConsents:
    """Referrals as the owner of their consent records (``consent.owners.ConsentOwner``)."""

    def consent_withdrawn(self, s: Session, receipt_id: str) -> bool:
        for _ in range(TRIES):
            r = s.scalars(select(Referral).where(Referral.consent_id == receipt_id[:32])).first()
            if r is None:
                return False
            if r.status in CLOSED:
                return True  # nothing left to stop; the organisation already knows it is closed
            old, now = r.status, utcnow()
            done = s.execute(update(Referral).where(Referral.id == r.id, Referral.status == old)
                             .values(status="cancelled", updated_at=now, closed_at=now))
            if done.rowcount:  # type: ignore[attr-defined]
                s.add(ReferralEvent(referral_id=r.id, from_status=old, to_status="cancelled", actor=ACTOR, at=now))
                s.flush()
                s.refresh(r)
                rec = s.get(ReferralReceiver, r.service_id)
                if rec is not None:
                    queue(s, r, rec, "cancelled", actor="person")  # the person's doing: webhook, no e-mail
                return True
            s.expire(r)  # changed by staff at the same moment: read it again
        raise ConflictError("the referral was changed at the same time; try again")
