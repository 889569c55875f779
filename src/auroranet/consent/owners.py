"""The domains that own what a consent record allowed (a referral, ...) and stop it when the consent is
withdrawn. The consent domain never imports them (they import the consent domain to record consents):
the runtime holds one ``ConsentOwner`` per such domain (``Runtime.consent_owners``) and the withdrawing
use case passes them to ``service.withdraw`` / ``service.anonymise_for``.

A record no owner claims is a session-attribute hand-over: its unread hand-over is deleted and the
recipient client is told through its consent webhook (``webhooks.py``), as before.
"""

from __future__ import annotations

from typing import Protocol, Sequence

from sqlalchemy.orm import Session


class ConsentOwner(Protocol):
    def consent_withdrawn(self, s: Session, receipt_id: str) -> bool:
        """Inside the withdrawing transaction: stop what the consent ``receipt_id`` allowed and queue the
        owner's own notice to the recipient. True when the record was this owner's (then no client
        webhook notice is queued for it); False leaves it to the next owner."""
        ...


Owners = Sequence[ConsentOwner]
