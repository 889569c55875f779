"""webux: results codes (keyed hash of the code, the minimal query sealed under it, 30-day expiry)

Revision ID: 0012_webux
Revises: 0012_wallet
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0012_webux'
down_revision = '0012_wallet'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'result_codes',
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_result_codes')),
    )
    op.create_index(op.f('ix_result_codes_expires_at'), 'result_codes', ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_result_codes_expires_at'), table_name='result_codes')
    op.drop_table('result_codes')
