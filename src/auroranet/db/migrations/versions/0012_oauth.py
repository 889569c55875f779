"""oauth: OAuth2 codes and tokens for connected services, their redirect URIs in the registry, an
optional sealed address for profile notices, and profile notices in the (shared) e-mail outbox

Revision ID: 0012_oauth
Revises: 0012_handover
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0012_oauth'
down_revision = '0012_handover'
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:  # type: ignore[type-arg]
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('oauth_redirect_uris', _json(), nullable=False, server_default='[]'))
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.alter_column('oauth_redirect_uris', server_default=None)
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_email_enc', sa.Text(), nullable=True))
    with op.batch_alter_table('referral_outbox', schema=None) as batch_op:
        batch_op.alter_column('referral_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('subject', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_referral_outbox_subject'), ['subject'], unique=False)
    op.create_table(
        'oauth_codes',
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('client_id', sa.String(length=36), nullable=False),
        sa.Column('subject', sa.String(length=64), nullable=False),
        sa.Column('redirect_uri', sa.String(length=500), nullable=False),
        sa.Column('scope', sa.String(length=200), nullable=False),
        sa.Column('code_challenge', sa.String(length=128), nullable=False),
        sa.Column('consent_id', sa.String(length=32), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_oauth_codes_client_id_clients'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_oauth_codes')),
    )
    for col in ('client_id', 'subject', 'consent_id', 'expires_at'):
        op.create_index(op.f(f'ix_oauth_codes_{col}'), 'oauth_codes', [col], unique=False)
    op.create_table(
        'oauth_tokens',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('client_id', sa.String(length=36), nullable=False),
        sa.Column('subject', sa.String(length=64), nullable=False),
        sa.Column('scope', sa.String(length=200), nullable=False),
        sa.Column('consent_id', sa.String(length=32), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_oauth_tokens_client_id_clients'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_oauth_tokens')),
    )
    for col in ('client_id', 'subject', 'consent_id', 'code_hash', 'expires_at'):
        op.create_index(op.f(f'ix_oauth_tokens_{col}'), 'oauth_tokens', [col], unique=False)


def downgrade() -> None:
    for col in ('client_id', 'subject', 'consent_id', 'code_hash', 'expires_at'):
        op.drop_index(op.f(f'ix_oauth_tokens_{col}'), table_name='oauth_tokens')
    op.drop_table('oauth_tokens')
    for col in ('client_id', 'subject', 'consent_id', 'expires_at'):
        op.drop_index(op.f(f'ix_oauth_codes_{col}'), table_name='oauth_codes')
    op.drop_table('oauth_codes')
    op.execute("DELETE FROM referral_outbox WHERE referral_id IS NULL")
    with op.batch_alter_table('referral_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_outbox_subject'))
        batch_op.drop_column('subject')
        batch_op.alter_column('referral_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.drop_column('notice_email_enc')
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_column('oauth_redirect_uris')
