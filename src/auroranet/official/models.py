"""Values filled in from official records: one row per field a person holds, the value AES-GCM
encrypted (profile.service.seal, the subject as associated data), the source, when it was fetched,
whether the person corrected it, and the consent record it stands on (withdrawing it deletes the row)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class OfficialValue(Base):
    __tablename__ = "official_values"
    __table_args__ = (UniqueConstraint("subject", "field", name="uq_official_values_field"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(ForeignKey("profiles.subject", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(16))  # population | studies
    field: Mapped[str] = mapped_column(String(32))  # age, municipality_code, study_right, study_level, institution_type
    payload: Mapped[str] = mapped_column(Text)  # encrypted {"v": value}
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    corrected_at: Mapped[datetime | None] = mapped_column()  # the person changed the fetched value
    consent_id: Mapped[str] = mapped_column(String(32), index=True)
