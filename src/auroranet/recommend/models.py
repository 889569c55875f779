"""Recommender tables: expert meter labels and versioned reranker models."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow


class MeterLabel(Base):
    """Which 3X10D meters an expert says a service serves (or that it serves none: excluded)."""

    __tablename__ = "meter_labels"

    service_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(3), primary_key=True, default="")
    source: Mapped[str] = mapped_column(String(64), primary_key=True, default="import")
    meters: Mapped[list[Any]]
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RankerModel(Base):
    """A trained reranker. Exactly one row is active; a failed or worse training never replaces it."""

    __tablename__ = "ranker_models"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32), default="lambdamart")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    path: Mapped[str] = mapped_column(String(500))
    metrics: Mapped[dict[str, Any]]
    active: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
