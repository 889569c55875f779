"""A referral leaves a consent record in the consent domain: who got which categories, withdrawable."""

from __future__ import annotations

from sqlalchemy import select

from auroranet.consent.models import ConsentRecord
from auroranet.consent.service import withdraw
from auroranet.db.core import Database
from auroranet.referrals.consent import record_transfer_consent


def test_a_referral_records_what_went_to_whom(db: Database) -> None:
    with db.session() as s:
        rid = record_transfer_consent(s, referral_id=1, subject="subj-1", organisation_id="oulu-youth",
                                      service_id="svc-1", attributes=["age", "life_situation_meters"])
    with db.session() as s:
        rec = s.scalars(select(ConsentRecord).where(ConsentRecord.id == rid)).one()
        assert rec.recipient_id == "org:oulu-youth" and rec.subject == "subj-1" and rec.status == "active"
        assert rec.data_categories[0] == "referral message" and "age" in rec.data_categories
        assert any("wellbeing" in c for c in rec.data_categories)
        assert rec.method == "referral:svc-1"
    with db.session() as s:
        assert withdraw(s, subject="subj-1", receipt_id=rid, owners=())
    with db.session() as s:
        assert s.get(ConsentRecord, rid).status == "withdrawn"  # type: ignore[union-attr]
