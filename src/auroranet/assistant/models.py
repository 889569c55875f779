"""Assistant tables: conversations in progress (encrypted state, a time-to-live) and the registry of
connected assistants the built-in one can route a person to. Neither holds a name, a raw token or what
the person wrote."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class ConversationRow(Base):
    """One conversation: keyed by the SHA-256 of its random id, state sealed with AES-GCM under a key
    derived from the id (``assistant/store.py``); deleted when it expires (the token purge job)."""

    __tablename__ = "assistant_conversations"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class ConnectedAssistant(Base):
    """An assistant of another organisation that can take a person over and hand them back."""

    __tablename__ = "assistant_registry"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    names: Mapped[dict[str, Any]]  # {"fi": ..., "sv": ..., "en": ...}
    organisation: Mapped[dict[str, Any]]
    topics: Mapped[list[Any]]  # words a person's message may contain ("nuoret", "opiskelija", ...)
    needs: Mapped[list[Any]]  # vocab.METER_KEYS
    life_events: Mapped[list[Any]]  # life-event ids (lifeevents/files)
    municipality_codes: Mapped[list[Any]]  # [] = the whole country
    languages: Mapped[list[Any]]
    opening_hours: Mapped[list[Any]]  # [{"days": [0..6], "opens": "08:00", "closes": "16:00"}]; [] = always
    handover_url: Mapped[str] = mapped_column(String(500))
    # The network client (and its channel) that reads handed-over attributes with the one-time token.
    channel_id: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
