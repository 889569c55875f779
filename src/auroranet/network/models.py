"""Network tables: connected services (clients) and session-attribute tokens. Nothing here holds a name,
an address or a raw token or secret."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class Client(Base):
    """A connected AuroraAI service. The secret is stored only as a salted hash."""

    __tablename__ = "clients"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(200))
    names: Mapped[dict[str, Any]]
    descriptions: Mapped[dict[str, Any]]
    provider: Mapped[dict[str, Any]]
    type: Mapped[str] = mapped_column(String(32), default="EChannel")
    channel_ids: Mapped[list[Any]]
    receivable_attributes: Mapped[list[Any]]
    allowed_origins: Mapped[list[Any]]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    secret_rotated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Requests a minute for this client; None means the deployment default (AURORA_RATE_LIMIT_PER_MINUTE).
    rate_limit_per_minute: Mapped[int | None] = mapped_column(Integer)
    # The receiving service's privacy notice, linked from the consent step before a hand-over.
    privacy_notice_url: Mapped[str | None] = mapped_column(String(500))
    # True: handed-over attributes can be read only server-to-server (HTTP Basic), never from a browser.
    server_side_reads_only: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where a withdrawn consent is announced (signed POST, consent/webhooks.py); None: no webhook.
    webhook_url: Mapped[str | None] = mapped_column(String(500))
    # OAuth2 redirect URIs (exact match; https, http only for loopback), oauth/: empty means no OAuth2 use.
    oauth_redirect_uris: Mapped[list[Any]] = mapped_column(default=list)


class SessionAttributes(Base):
    """Attributes handed to one receiving service. Keyed by the SHA-256 of the token, single-use."""

    __tablename__ = "session_attributes"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    channel_id: Mapped[str] = mapped_column(String(64))
    attributes: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_at: Mapped[datetime | None]
