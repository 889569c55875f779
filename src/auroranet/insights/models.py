"""Insights tables: anonymous contributions (opt-in, no session id, only the day), the privacy budget
ledger per area and period, and the frozen releases served from it.

A ``Contribution`` is what a person chose to give to statistics at the end of an assessment: the meter
answers (0-10), an age band, a municipality and a life event. Its id is random (no order of arrival) and
its only time is the day. Demo rows are marked ``demo`` so they can be told apart and removed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class Contribution(Base):
    __tablename__ = "contributions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random, not a sequence
    day: Mapped[date] = mapped_column(Date, index=True)
    answers: Mapped[dict[str, Any]]  # meter key -> 0..10
    age_band: Mapped[str | None] = mapped_column(String(8))
    municipality_code: Mapped[str | None] = mapped_column(String(3), index=True)
    life_event: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(2), default="fi")
    demo: Mapped[bool] = mapped_column(Boolean, default=False)


class PrivacyBudget(Base):
    """ε spent on releases for one area (``national``, ``county:06``, ``municipality:837``) and period."""

    __tablename__ = "privacy_budget"

    area: Mapped[str] = mapped_column(String(24), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    spent: Mapped[float] = mapped_column(Float, default=0.0)
    releases: Mapped[int] = mapped_column(Integer, default=0)


class InsightRelease(Base):
    """The published (noisy, suppressed) figures of one area and period. Served as long as the data it was
    made from is unchanged (``basis``), so asking again costs nothing and teaches nothing new."""

    __tablename__ = "insight_releases"

    area: Mapped[str] = mapped_column(String(24), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    basis: Mapped[str] = mapped_column(String(64))  # digest of the contributions the release was made from
    figures: Mapped[dict[str, Any]]
    epsilon: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
