"""Server-side web sessions: a person's answers live here under a random id that only their browser holds.

The cookie carries the random id; the table keys rows by its SHA-256 and keeps the answers encrypted
with a key derived from that id, so neither a copy of the database nor a copy of the cookie alone
reveals them, and "erase my answers" deletes the row (an old cookie then finds nothing).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class WebSessionRow(Base):
    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)  # encrypted session data (base64 text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
