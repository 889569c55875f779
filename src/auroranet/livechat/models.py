"""Live-chat tables: desks, chats and their messages. A chat row knows the conversation only by the
SHA-256 of its id; what the person and the staff member write is sealed (``service.py``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class Desk(Base):
    """An organisation's live-chat desk: who answers, about what, where, in which languages and when."""

    __tablename__ = "livechat_desks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation_id: Mapped[str] = mapped_column(String(64), index=True)
    names: Mapped[dict[str, Any]]  # {"fi": ..., "sv": ..., "en": ...}
    topics: Mapped[list[Any]]
    needs: Mapped[list[Any]]  # vocab.METER_KEYS
    municipality_codes: Mapped[list[Any]]  # [] = the whole country
    languages: Mapped[list[Any]]
    opening_hours: Mapped[list[Any]]  # [{"days": [0..6], "opens": "08:00", "closes": "16:00"}]
    open_on_holidays: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str | None] = mapped_column(String(40))
    referral_service_id: Mapped[str | None] = mapped_column(String(64))  # the contact-request service
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Chat(Base):
    """One hand-over: waiting in the desk's queue, taken by one staff member, closed."""

    __tablename__ = "livechat_chats"
    # One open chat per conversation, also when two "yes" answers race (PostgreSQL has no write lock).
    __table_args__ = (Index("uq_livechat_chats_open", "conversation_hash", unique=True,
                            sqlite_where=text("status != 'closed'"), postgresql_where=text("status != 'closed'")),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    conversation_hash: Mapped[str] = mapped_column(String(64), index=True)
    desk_id: Mapped[str] = mapped_column(ForeignKey("livechat_desks.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(8), index=True)  # waiting | active | closed
    taken_by: Mapped[str | None] = mapped_column(String(64))  # the staff principal's pseudonymous subject
    staff_name: Mapped[str | None] = mapped_column(String(200))
    transcript_enc: Mapped[str | None] = mapped_column(Text)  # the bot part, only with consent
    consent_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    taken_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class ChatMessage(Base):
    """One line of a live chat, sealed under the chat's public id and the line's number."""

    __tablename__ = "livechat_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("livechat_chats.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(8))  # person | staff | system
    body_enc: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
