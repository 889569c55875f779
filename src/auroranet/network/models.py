"""Network tables: connected services (clients), session-attribute tokens, the recommendation log,
feedback, redirects (clicks) and unmet needs. Nothing here holds a name, an address or a raw token.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, SmallInteger, String, Text, Float
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
    redirect_uris: Mapped[list[Any]]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    secret_rotated_at: Mapped[datetime] = mapped_column(default=utcnow)


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


class Recommendation(Base):
    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    client_id: Mapped[str | None] = mapped_column(String(36), index=True)
    calling_service: Mapped[str] = mapped_column(String(200), default="")
    calling_organisation: Mapped[str] = mapped_column(String(200), default="")
    request_path: Mapped[str] = mapped_column(String(200))
    session_id: Mapped[str] = mapped_column(String(200), default="")
    request_attributes: Mapped[dict[str, Any]]  # scrubbed request body
    ranker: Mapped[str] = mapped_column(String(64), default="base")


class RecommendationService(Base):
    __tablename__ = "recommendation_services"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    service_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    features: Mapped[dict[str, Any] | None]


class RecommendationFeedback(Base):
    """Feedback on a whole recommendation; repeated feedback replaces the earlier one."""

    __tablename__ = "recommendation_feedback"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    feedback_score: Mapped[int] = mapped_column(SmallInteger)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ServiceFeedback(Base):
    __tablename__ = "service_feedback"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    service_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    feedback_score: Mapped[int] = mapped_column(SmallInteger)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Redirect(Base):
    """A click on a recommended service's link (link tracking)."""

    __tablename__ = "redirects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    service_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str] = mapped_column(String(64))
    link_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class UnmetNeed(Base):
    """A search that found nothing, recorded anonymously (scrubbed text) for catalogue owners."""

    __tablename__ = "unmet_needs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    lang: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(Text)
    filters: Mapped[dict[str, Any]]
