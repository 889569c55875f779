"""Identity tables: the authoritative staff roles and which web sessions a subject signed in on (so erasing
an account also ends its other sessions). Subjects are pseudonymous (see subjects.py); no names here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class StaffRole(Base):
    """One role in one scope for one staff subject, granted with ``aurora staff grant``."""

    __tablename__ = "staff_roles"
    __table_args__ = (UniqueConstraint("subject", "role", "scope", name="uq_staff_roles_grant"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(String(120), default="")  # who it is for, as the admin wrote it
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)


class SignIn(Base):
    """A web session a subject signed in on (by the session id's SHA-256, as web_sessions keys it)."""

    __tablename__ = "identity_signins"

    session_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
