"""Profile tables, keyed by the pseudonymous subject (identity/subjects.py). Meter values are kept
encrypted (AES-GCM, key from the settings); nothing here names a person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class Profile(Base):
    __tablename__ = "profiles"

    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    notice_sent_at: Mapped[datetime | None] = mapped_column()  # retention notice; cleared when used again
    # Optional address for notices (the retention notice), AES-GCM sealed like the assessments; None: none left.
    notice_email_enc: Mapped[str | None] = mapped_column(Text)
    # Life-event progress {event id: [done step ids]}, sealed like the assessments: which life event a
    # person is in (a death, a pregnancy) is sensitive. None: nothing ticked.
    life_events_enc: Mapped[str | None] = mapped_column(Text)


class SavedAssessment(Base):
    __tablename__ = "profile_assessments"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(ForeignKey("profiles.subject", ondelete="CASCADE"), index=True)
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    payload: Mapped[str] = mapped_column(Text)  # encrypted {"meters": {key: value}}


class SavedService(Base):
    __tablename__ = "profile_services"
    __table_args__ = (UniqueConstraint("subject", "service_id", name="uq_profile_services_pick"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(ForeignKey("profiles.subject", ondelete="CASCADE"), index=True)
    service_id: Mapped[str] = mapped_column(String(64))
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProfileAccess(Base):
    """Each access to a profile: when and what (view, save, export, consent, withdraw ...)."""

    __tablename__ = "profile_access_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(ForeignKey("profiles.subject", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(16), default="self")  # self | system
