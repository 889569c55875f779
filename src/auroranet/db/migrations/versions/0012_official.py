"""official: values filled in from official records (population register, studies), encrypted, tied to
their consent record

Revision ID: 0012_official
Revises: 0011
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0012_official'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'official_values',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('subject', sa.String(length=64), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('field', sa.String(length=32), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('corrected_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('consent_id', sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(['subject'], ['profiles.subject'], name=op.f('fk_official_values_subject_profiles'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_official_values')),
        sa.UniqueConstraint('subject', 'field', name='uq_official_values_field'),
    )
    op.create_index(op.f('ix_official_values_subject'), 'official_values', ['subject'], unique=False)
    op.create_index(op.f('ix_official_values_consent_id'), 'official_values', ['consent_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_official_values_consent_id'), table_name='official_values')
    op.drop_index(op.f('ix_official_values_subject'), table_name='official_values')
    op.drop_table('official_values')
