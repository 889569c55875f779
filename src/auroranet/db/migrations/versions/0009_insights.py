"""insights: anonymous contributions, the privacy budget per area and period, frozen releases

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    op.create_table(
        'contributions',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('answers', JSON, nullable=False),
        sa.Column('age_band', sa.String(length=8), nullable=True),
        sa.Column('municipality_code', sa.String(length=3), nullable=True),
        sa.Column('life_event', sa.String(length=64), nullable=True),
        sa.Column('lang', sa.String(length=2), nullable=False),
        sa.Column('demo', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contributions')),
    )
    op.create_index(op.f('ix_contributions_day'), 'contributions', ['day'], unique=False)
    op.create_index(op.f('ix_contributions_municipality_code'), 'contributions', ['municipality_code'], unique=False)
    op.create_table(
        'privacy_budget',
        sa.Column('area', sa.String(length=24), nullable=False),
        sa.Column('period', sa.String(length=7), nullable=False),
        sa.Column('spent', sa.Float(), nullable=False),
        sa.Column('releases', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('area', 'period', name=op.f('pk_privacy_budget')),
    )
    op.create_table(
        'insight_releases',
        sa.Column('area', sa.String(length=24), nullable=False),
        sa.Column('period', sa.String(length=7), nullable=False),
        sa.Column('basis', sa.String(length=64), nullable=False),
        sa.Column('figures', JSON, nullable=False),
        sa.Column('epsilon', sa.Float(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('area', 'period', name=op.f('pk_insight_releases')),
    )


def downgrade() -> None:
    op.drop_table('insight_releases')
    op.drop_table('privacy_budget')
    op.drop_index(op.f('ix_contributions_municipality_code'), table_name='contributions')
    op.drop_index(op.f('ix_contributions_day'), table_name='contributions')
    op.drop_table('contributions')
