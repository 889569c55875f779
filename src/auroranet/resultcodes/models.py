"""The results-code table: keyed by a keyed hash of the code, the minimal query sealed under a key
derived from the code (so neither a database copy nor a log holds a usable code or readable answers)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class ResultCodeRow(Base):
    __tablename__ = "result_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
