"""Usage events: what was shown to whom (as coarse dimensions, never a person), clicks, feedback, unmet
needs, and the daily aggregates that outlive the raw rows' retention.

A ``Recommendation`` row is one answered request (a recommendation, a search or a single service a
person handed attributes to). Its dimensions are typed columns (front door, client, language,
municipality code, age band, life event) and its needs are rows of ``recommendation_needs`` (meter key
and need weight), so statistics and the reranker read columns instead of re-parsing request bodies.
No exact age, no meter answers and no free text are stored with a shown result; unmet needs keep a
scrubbed text because that text is what catalogue owners need to read.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, Float, ForeignKey, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class Recommendation(Base):
    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    client_id: Mapped[str | None] = mapped_column(String(36), index=True)
    calling_service: Mapped[str] = mapped_column(String(200), default="")
    calling_organisation: Mapped[str] = mapped_column(String(200), default="")
    request_path: Mapped[str] = mapped_column(String(200))
    session_id: Mapped[str] = mapped_column(String(200), default="")
    ranker: Mapped[str] = mapped_column(String(64), default="base")
    kind: Mapped[str] = mapped_column(String(16), default="recommend")  # recommend | search | handover
    front: Mapped[str] = mapped_column(String(16), default="api_v1")  # api_v1 | api_v2 | web
    lang: Mapped[str] = mapped_column(String(2), default="fi")
    municipality_code: Mapped[str | None] = mapped_column(String(8))
    age_band: Mapped[str | None] = mapped_column(String(8))
    life_event: Mapped[str | None] = mapped_column(String(64))
    n_results: Mapped[int] = mapped_column(Integer, default=0)


class RecommendationNeed(Base):
    """A need the request expressed: a low meter and its weight (0..1], never the answer itself."""

    __tablename__ = "recommendation_needs"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    meter: Mapped[str] = mapped_column(String(32), primary_key=True)
    weight: Mapped[float] = mapped_column(Float)


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
    """A click on a recommended service's link (link tracking); counted once per recommendation, service
    and link."""

    __tablename__ = "redirects"
    __table_args__ = (UniqueConstraint("recommendation_id", "service_id", "channel_id", "link_id",
                                       name="uq_redirects_click"),)

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
    filters: Mapped[dict[str, Any]]  # the filters the search had, for "broaden your search" analysis
    front: Mapped[str] = mapped_column(String(16), default="api_v2")
    client_id: Mapped[str | None] = mapped_column(String(36))
    municipality_code: Mapped[str | None] = mapped_column(String(8))


class UsageDaily(Base):
    """Counts per day and dimension combination, rebuilt idempotently by the nightly job and kept past
    the raw rows' retention. Empty string means "not given" (primary keys cannot hold NULL)."""

    __tablename__ = "usage_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    front: Mapped[str] = mapped_column(String(16), primary_key=True)
    lang: Mapped[str] = mapped_column(String(2), primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    age_band: Mapped[str] = mapped_column(String(8), primary_key=True)
    life_event: Mapped[str] = mapped_column(String(64), primary_key=True)
    need: Mapped[str] = mapped_column(String(32), primary_key=True)  # "" for the request totals
    requests: Mapped[int] = mapped_column(Integer, default=0)
    empty_results: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    positive_feedback: Mapped[int] = mapped_column(Integer, default=0)
    negative_feedback: Mapped[int] = mapped_column(Integer, default=0)
    unmet_needs: Mapped[int] = mapped_column(Integer, default=0)


class IdBlock(Base):
    """The next id not yet handed out for a table whose ids a process reserves in blocks (the write-behind
    usage log on SQLite: ``usage/ids.py``; PostgreSQL uses the table's own sequence)."""

    __tablename__ = "id_blocks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    next_id: Mapped[int] = mapped_column(BigInteger)
