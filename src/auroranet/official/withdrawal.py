"""A withdrawn consent for official records removes the values fetched under it: the consent domain's
``ConsentOwner`` for official data. The recipient was this service itself, so nobody else is told."""

from __future__ import annotations

from sqlalchemy.orm import Session

from auroranet.consent.models import ConsentRecord
from auroranet.consent.receipts import SELF_RECIPIENT
from auroranet.official.store import drop_for_consent


class OfficialConsents:
    """Official-record values as the owner of their consent records (``consent.owners.ConsentOwner``)."""

    def consent_withdrawn(self, s: Session, receipt_id: str) -> bool:
        rec = s.get(ConsentRecord, receipt_id[:32])
        if rec is None or rec.recipient_id != SELF_RECIPIENT:
            return False
        drop_for_consent(s, rec.id)
        return True  # no webhook: the recipient is this service
