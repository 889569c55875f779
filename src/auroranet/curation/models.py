"""Curation tables: the curations (active until ``expires_at`` or until ended) and their audit trail.

The audit keeps who (the staff member's pseudonymous subject), when, what (create, end, expire) and the
old and new values; it has no foreign key, so it outlives the curation rows it describes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class Curation(Base):
    __tablename__ = "curations"
    __table_args__ = (Index("ix_curations_active", "target_kind", "target", "ended_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(8))  # pin | hide | boost
    service_id: Mapped[str] = mapped_column(String(64))
    target_kind: Mapped[str] = mapped_column(String(16))  # need | life_event
    target: Mapped[str] = mapped_column(String(64))  # a meter key or a life-event id
    area: Mapped[str] = mapped_column(String(24))  # national | county:<code> | municipality:<code>
    by_scope: Mapped[str] = mapped_column(String(80))  # the role scope it was made under
    by_names: Mapped[dict[str, Any]]  # "recommended by <...>" in fi/sv/en
    reason: Mapped[str] = mapped_column(String(500))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]
    ended_by: Mapped[str | None] = mapped_column(String(64))


class CurationAudit(Base):
    __tablename__ = "curation_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    curation_id: Mapped[int] = mapped_column(Integer, index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    change: Mapped[str] = mapped_column(String(16))  # create | end | expire
    old: Mapped[dict[str, Any] | None]
    new: Mapped[dict[str, Any] | None]
