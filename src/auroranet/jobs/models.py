"""The ``job_runs`` table: one row per attempt of one job for one slot.

The UNIQUE constraint on (job, slot, attempt) is what makes a claim exactly-once: every process that
wants to run a slot inserts the same row, and the database lets only one insert through. Rows never
hold personal data: the error is a type name and a short, scrubbed message.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, JSONType, utcnow

QUEUED = "queued"  # claimed, not started (e.g. the execution lock was busy)
RUNNING = "running"
SUCCEEDED = "succeeded"
FAILED = "failed"
STATUSES = (QUEUED, RUNNING, SUCCEEDED, FAILED)


class JobRun(Base):
    """One attempt at one slot of one job."""

    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("job", "slot", "attempt", name="uq_job_runs_job_slot_attempt"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(64))
    slot: Mapped[str] = mapped_column(String(64))  # scheduled time (ISO, UTC) or "manual:<uuid>"
    attempt: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    error_type: Mapped[str | None] = mapped_column(String(100), default=None)
    error_message: Mapped[str | None] = mapped_column(String(200), default=None)
    counts: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
