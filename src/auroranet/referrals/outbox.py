"""What a status change queues in the referral outbox (sent after commit by ``delivery.py``): e-mail to
the person about the organisation's changes, the signed webhook to the organisation about the person's."""

from __future__ import annotations

from sqlalchemy.orm import Session

from auroranet.referrals.models import Referral, ReferralOutbox, ReferralReceiver


def queue(s: Session, r: Referral, rec: ReferralReceiver, status: str, *, actor: str = "person") -> None:
    if r.has_email and actor != "person" and status != "received":
        s.add(ReferralOutbox(key=f"{r.public_id}:{status}:email", referral_id=r.id, kind="email"))
    if rec.webhook_url and actor == "person":
        s.add(ReferralOutbox(key=f"{r.public_id}:{status}:webhook", referral_id=r.id, kind="webhook"))
