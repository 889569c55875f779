"""clients: drop redirect_uris (never used: connected services authenticate with HTTP Basic)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('clients') as b:
        b.drop_column('redirect_uris')


def downgrade() -> None:
    with op.batch_alter_table('clients') as b:
        b.add_column(sa.Column('redirect_uris', sa.JSON(), nullable=False, server_default='[]'))
