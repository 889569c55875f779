"""wallet: a provider's deactivation (when, and the staff's reason)

Revision ID: 0015_mends
Revises: 0014
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0015_mends'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('wallet_providers') as batch:
        batch.add_column(sa.Column('deactivated_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('deactivation_reason', sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('wallet_providers') as batch:
        batch.drop_column('deactivation_reason')
        batch.drop_column('deactivated_at')
