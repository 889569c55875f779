"""job runs: one row per attempt of a scheduled or manual background job

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("job", sa.String(length=64), nullable=False),
        sa.Column("slot", sa.String(length=64), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error_type", sa.String(length=100), nullable=True),
        sa.Column("error_message", sa.String(length=200), nullable=True),
        sa.Column("counts", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                  nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_runs")),
        # The claim: only one insert of (job, slot, attempt) ever succeeds, on any number of hosts.
        sa.UniqueConstraint("job", "slot", "attempt", name="uq_job_runs_job_slot_attempt"),
    )


def downgrade() -> None:
    op.drop_table("job_runs")
