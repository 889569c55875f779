"""curation: pinned, hidden and boosted services per need or life event and area, and their audit trail

Revision ID: 0012_curation
Revises: 0012_flows
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0012_curation'
down_revision = '0012_flows'
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:  # type: ignore[type-arg]
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    op.create_table(
        'curations',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('action', sa.String(length=8), nullable=False),
        sa.Column('service_id', sa.String(length=64), nullable=False),
        sa.Column('target_kind', sa.String(length=16), nullable=False),
        sa.Column('target', sa.String(length=64), nullable=False),
        sa.Column('area', sa.String(length=24), nullable=False),
        sa.Column('by_scope', sa.String(length=80), nullable=False),
        sa.Column('by_names', _json(), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('ended_by', sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_curations')),
    )
    op.create_index('ix_curations_active', 'curations', ['target_kind', 'target', 'ended_at'], unique=False)
    op.create_index(op.f('ix_curations_expires_at'), 'curations', ['expires_at'], unique=False)
    op.create_table(
        'curation_audit',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('curation_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('change', sa.String(length=16), nullable=False),
        sa.Column('old', _json(), nullable=True),
        sa.Column('new', _json(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_curation_audit')),
    )
    op.create_index(op.f('ix_curation_audit_curation_id'), 'curation_audit', ['curation_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_curation_audit_curation_id'), table_name='curation_audit')
    op.drop_table('curation_audit')
    op.drop_index(op.f('ix_curations_expires_at'), table_name='curations')
    op.drop_index('ix_curations_active', table_name='curations')
    op.drop_table('curations')
