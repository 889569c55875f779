"""flows: a referral names its consent record, so withdrawing the consent cancels the referral

Revision ID: 0012_flows
Revises: 0012_oauth
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0012_flows'
down_revision = '0012_oauth'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_id', sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_referrals_consent_id'), ['consent_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_consent_id'))
        batch_op.drop_column('consent_id')
