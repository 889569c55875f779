"""Consent tables. A record's ``subject`` is the pseudonymous subject of a signed-in person, or NULL
for an anonymous hand-over (then only the receipt id, which only that browser holds, reaches it).
Erasing an account blanks ``subject`` and ``token_hash`` and keeps the anonymised receipt."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


ACTIVE, WITHDRAWN = "active", "withdrawn"


class ConsentRecord(Base):
    __tablename__ = "consent_records"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # the receipt id (random)
    subject: Mapped[str | None] = mapped_column(String(64), index=True)
    controller: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(300))
    data_categories: Mapped[list[Any]]
    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    recipient_name: Mapped[str] = mapped_column(String(200))
    legal_basis: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(64))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default=ACTIVE)  # active | withdrawn
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    token_hash: Mapped[str | None] = mapped_column(String(64))  # the hand-over token it allowed


class ConsentNotice(Base):
    """Outbox of webhook calls telling a recipient of a withdrawal; sent by the consent_webhooks job."""

    __tablename__ = "consent_notices"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    consent_id: Mapped[str] = mapped_column(String(32), index=True)
    client_id: Mapped[str] = mapped_column(String(36))
    event: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str | None] = mapped_column(String(64))  # lets the recipient find what it received
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str] = mapped_column(String(200), default="")
