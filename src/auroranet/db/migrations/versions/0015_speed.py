"""usage: id_blocks, the next free recommendation id per table for the write-behind usage log (SQLite;
PostgreSQL reserves from the table's own sequence)

Revision ID: 0015_speed
Revises: 0015_mends
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0015_speed'
down_revision = '0015_mends'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'id_blocks',
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('next_id', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_id_blocks')),
    )


def downgrade() -> None:
    op.drop_table('id_blocks')
