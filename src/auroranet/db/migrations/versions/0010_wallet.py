"""wallet: grant programmes, participating providers, wallets, claim codes, orders, the double-entry
ledger (accounts, journal, postings), idempotency records, settlements, audit trail, impact assessments

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    op.create_table('wallet_accounts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('balance', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("kind = 'external' OR balance >= 0", name=op.f('ck_wallet_accounts_non_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_accounts')),
    sa.UniqueConstraint('kind', 'ref', name='uq_wallet_accounts_kind_ref')
    )
    op.create_table('wallet_audit',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('target', sa.String(length=100), nullable=False),
    sa.Column('detail', JSON, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_audit'))
    )
    with op.batch_alter_table('wallet_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wallet_audit_at'), ['at'], unique=False)

    op.create_table('wallet_idempotency',
    sa.Column('scope', sa.String(length=100), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('response', JSON, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'key', name=op.f('pk_wallet_idempotency'))
    )
    with op.batch_alter_table('wallet_idempotency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wallet_idempotency_created_at'), ['created_at'], unique=False)

    op.create_table('wallet_programmes',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('organisation_id', sa.String(length=64), nullable=False),
    sa.Column('names', JSON, nullable=False),
    sa.Column('rules', JSON, nullable=False),
    sa.Column('budget_cents', sa.BigInteger(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.DateTime(timezone=True), nullable=False),
    sa.Column('valid_until', sa.DateTime(timezone=True), nullable=False),
    sa.Column('wallet_days', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_programmes'))
    )
    op.create_table('wallet_providers',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('iban', sa.String(length=34), nullable=False),
    sa.Column('bic', sa.String(length=11), nullable=False),
    sa.Column('prices', JSON, nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_providers'))
    )
    op.create_table('wallet_claim_codes',
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('programme_id', sa.String(length=64), nullable=False),
    sa.Column('batch', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('blocked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['wallet_programmes.id'], name=op.f('fk_wallet_claim_codes_programme_id_wallet_programmes')),
    sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_wallet_claim_codes'))
    )
    with op.batch_alter_table('wallet_claim_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wallet_claim_codes_batch'), ['batch'], unique=False)
        batch_op.create_index(batch_op.f('ix_wallet_claim_codes_programme_id'), ['programme_id'], unique=False)

    op.create_table('wallet_wallets',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('programme_id', sa.String(length=64), nullable=False),
    sa.Column('owner_hash', sa.String(length=64), nullable=True),
    sa.Column('secret_hash', sa.String(length=64), nullable=True),
    sa.Column('age_band', sa.String(length=8), nullable=True),
    sa.Column('municipality_code', sa.String(length=8), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('followup_opt_in', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['wallet_programmes.id'], name=op.f('fk_wallet_wallets_programme_id_wallet_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_wallets')),
    sa.UniqueConstraint('programme_id', 'owner_hash', name='uq_wallet_wallets_owner'),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_wallet_wallets_secret_hash'))
    )
    with op.batch_alter_table('wallet_wallets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wallet_wallets_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_wallet_wallets_programme_id'), ['programme_id'], unique=False)

    op.create_table('wallet_assessments',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('wallet_id', sa.Integer(), nullable=False),
    sa.Column('phase', sa.String(length=8), nullable=False),
    sa.Column('meters', JSON, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['wallet_id'], ['wallet_wallets.id'], name=op.f('fk_wallet_assessments_wallet_id_wallet_wallets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_assessments')),
    sa.UniqueConstraint('wallet_id', 'phase', name='uq_wallet_assessments_phase')
    )
    op.create_table('wallet_orders',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('wallet_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.String(length=64), nullable=False),
    sa.Column('service_id', sa.String(length=64), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('contact_enc', sa.Text(), nullable=True),
    sa.Column('flagged', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('settlement_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['provider_id'], ['wallet_providers.id'], name=op.f('fk_wallet_orders_provider_id_wallet_providers')),
    sa.ForeignKeyConstraint(['wallet_id'], ['wallet_wallets.id'], name=op.f('fk_wallet_orders_wallet_id_wallet_wallets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_orders')),
    sa.UniqueConstraint('code', name=op.f('uq_wallet_orders_code'))
    )
    with op.batch_alter_table('wallet_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wallet_orders_delivered_at'), ['delivered_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_wallet_orders_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wallet_orders_settlement_id'), ['settlement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wallet_orders_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_wallet_orders_wallet_id'), ['wallet_id'], unique=False)

    op.create_table('wallet_journal',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['wallet_orders.id'], name=op.f('fk_wallet_journal_order_id_wallet_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_journal'))
    )
    with op.batch_alter_table('wallet_journal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wallet_journal_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_wallet_journal_order_id'), ['order_id'], unique=False)

    op.create_table('wallet_postings',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('journal_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['wallet_accounts.id'], name=op.f('fk_wallet_postings_account_id_wallet_accounts')),
    sa.ForeignKeyConstraint(['journal_id'], ['wallet_journal.id'], name=op.f('fk_wallet_postings_journal_id_wallet_journal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_postings'))
    )
    with op.batch_alter_table('wallet_postings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wallet_postings_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wallet_postings_journal_id'), ['journal_id'], unique=False)

    op.create_table('wallet_settlements',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('provider_id', sa.String(length=64), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('orders', sa.Integer(), nullable=False),
    sa.Column('journal_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['journal_id'], ['wallet_journal.id'], name=op.f('fk_wallet_settlements_journal_id_wallet_journal')),
    sa.ForeignKeyConstraint(['provider_id'], ['wallet_providers.id'], name=op.f('fk_wallet_settlements_provider_id_wallet_providers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_settlements')),
    sa.UniqueConstraint('month', 'provider_id', name='uq_wallet_settlements_month')
    )


def downgrade() -> None:
    op.drop_table('wallet_settlements')
    with op.batch_alter_table('wallet_postings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wallet_postings_journal_id'))
        batch_op.drop_index(batch_op.f('ix_wallet_postings_account_id'))

    op.drop_table('wallet_postings')
    with op.batch_alter_table('wallet_journal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wallet_journal_order_id'))
        batch_op.drop_index(batch_op.f('ix_wallet_journal_created_at'))

    op.drop_table('wallet_journal')
    with op.batch_alter_table('wallet_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wallet_orders_wallet_id'))
        batch_op.drop_index(batch_op.f('ix_wallet_orders_status'))
        batch_op.drop_index(batch_op.f('ix_wallet_orders_settlement_id'))
        batch_op.drop_index(batch_op.f('ix_wallet_orders_provider_id'))
        batch_op.drop_index(batch_op.f('ix_wallet_orders_delivered_at'))

    op.drop_table('wallet_orders')
    op.drop_table('wallet_assessments')
    with op.batch_alter_table('wallet_wallets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wallet_wallets_programme_id'))
        batch_op.drop_index(batch_op.f('ix_wallet_wallets_expires_at'))

    op.drop_table('wallet_wallets')
    with op.batch_alter_table('wallet_claim_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wallet_claim_codes_programme_id'))
        batch_op.drop_index(batch_op.f('ix_wallet_claim_codes_batch'))

    op.drop_table('wallet_claim_codes')
    op.drop_table('wallet_providers')
    op.drop_table('wallet_programmes')
    with op.batch_alter_table('wallet_idempotency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wallet_idempotency_created_at'))

    op.drop_table('wallet_idempotency')
    with op.batch_alter_table('wallet_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wallet_audit_at'))

    op.drop_table('wallet_audit')
    op.drop_table('wallet_accounts')
