"""Referral tables. What identifies a person (message, contact details, the attribute values sent) is
stored only AES-GCM encrypted (crypto.py); the follow-up code only as its SHA-256; the webhook secret
encrypted (it must be usable to sign)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class ReferralReceiver(Base):
    """A service that accepts referrals, and how its organisation receives them."""

    __tablename__ = "referral_receivers"

    service_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation_id: Mapped[str] = mapped_column(String(64), index=True)
    mode: Mapped[str] = mapped_column(String(8), default="inbox")  # inbox | api
    client_id: Mapped[str | None] = mapped_column(String(36))  # the API client of the case system (mode api)
    webhook_url: Mapped[str | None] = mapped_column(String(500))
    webhook_secret_enc: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Referral(Base):
    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    service_id: Mapped[str] = mapped_column(String(64), index=True)
    organisation_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="requested")
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # anonymous: SHA-256 of the code
    subject: Mapped[str | None] = mapped_column(String(128), index=True)  # signed in: the pseudonymous subject
    payload_enc: Mapped[str] = mapped_column(Text)  # {message, attributes, contact} sealed with AES-GCM
    attribute_names: Mapped[list[Any]]  # exactly which attributes were sent (shown to the person)
    has_email: Mapped[bool] = mapped_column(Boolean, default=False)
    lang: Mapped[str] = mapped_column(String(2), default="fi")
    note_enc: Mapped[str | None] = mapped_column(Text)  # the organisation's latest note to the person
    scheduled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(index=True)
    consent_id: Mapped[str | None] = mapped_column(String(32), index=True)  # its consent record (withdrawable)


class ReferralEvent(Base):
    """The status history (who changed what, when); no free text."""

    __tablename__ = "referral_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(16))  # person | staff | api | system
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ReferralOutbox(Base):
    """Messages to send after commit: e-mail to the person, webhooks to the organisation, and profile
    notices (kind "notice", sent by e-mail; profile/notices.py). ``key`` makes each one unique
    (referral, status, kind; or the profile notice), so a retried transition never sends twice."""

    __tablename__ = "referral_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(96), unique=True)
    # None for a message that is not about a referral (kind "notice": a profile's retention notice).
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str | None] = mapped_column(String(64), index=True)  # kind "notice": whose profile
    kind: Mapped[str] = mapped_column(String(8))  # email | webhook | notice
    status: Mapped[str] = mapped_column(String(8), default="pending", index=True)  # pending | sending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
