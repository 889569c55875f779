"""wallet: providers bound to an API client, claim codes linked to the wallet they opened, blocked
orders, clawbacks netted off in settlements, and disputes

Revision ID: 0012_wallet
Revises: 0012_official
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0012_wallet'
down_revision = '0012_official'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('wallet_providers') as b:
        b.add_column(sa.Column('client_id', sa.String(length=36), nullable=True))
    with op.batch_alter_table('wallet_claim_codes') as b:
        b.add_column(sa.Column('wallet_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('wallet_orders') as b:
        b.add_column(sa.Column('blocked', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('wallet_settlements') as b:
        b.add_column(sa.Column('clawback_cents', sa.BigInteger(), nullable=False, server_default='0'))
    op.create_table(
        'wallet_disputes',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.Column('opened_by', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['order_id'], ['wallet_orders.id'], name=op.f('fk_wallet_disputes_order_id_wallet_orders')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_disputes')),
        sa.UniqueConstraint('order_id', name=op.f('uq_wallet_disputes_order_id')),
    )
    op.create_index(op.f('ix_wallet_disputes_status'), 'wallet_disputes', ['status'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_wallet_disputes_status'), table_name='wallet_disputes')
    op.drop_table('wallet_disputes')
    with op.batch_alter_table('wallet_settlements') as b:
        b.drop_column('clawback_cents')
    with op.batch_alter_table('wallet_orders') as b:
        b.drop_column('blocked')
    with op.batch_alter_table('wallet_claim_codes') as b:
        b.drop_column('wallet_id')
    with op.batch_alter_table('wallet_providers') as b:
        b.drop_column('client_id')
