"""livechat: desks, chats and their sealed lines (hand-over to a person)

Revision ID: 0012_handover
Revises: 0012_webux
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0012_handover'
down_revision = '0012_webux'
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:  # type: ignore[type-arg]
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def _ts(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        'livechat_desks',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('organisation_id', sa.String(length=64), nullable=False),
        *[sa.Column(name, _json(), nullable=False) for name in
          ('names', 'topics', 'needs', 'municipality_codes', 'languages', 'opening_hours')],
        sa.Column('open_on_holidays', sa.Boolean(), nullable=False),
        sa.Column('phone', sa.String(length=40), nullable=True),
        sa.Column('referral_service_id', sa.String(length=64), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        _ts('created_at'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_livechat_desks')),
    )
    op.create_index(op.f('ix_livechat_desks_organisation_id'), 'livechat_desks', ['organisation_id'])
    op.create_table(
        'livechat_chats',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('public_id', sa.String(length=32), nullable=False),
        sa.Column('conversation_hash', sa.String(length=64), nullable=False),
        sa.Column('desk_id', sa.String(length=64), nullable=False),
        sa.Column('lang', sa.String(length=2), nullable=False),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('taken_by', sa.String(length=64), nullable=True),
        sa.Column('staff_name', sa.String(length=200), nullable=True),
        sa.Column('transcript_enc', sa.Text(), nullable=True),
        sa.Column('consent_id', sa.String(length=32), nullable=True),
        _ts('created_at'), _ts('taken_at', True), _ts('closed_at', True), _ts('expires_at'),
        sa.ForeignKeyConstraint(['desk_id'], ['livechat_desks.id'], name=op.f('fk_livechat_chats_desk_id_livechat_desks'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_livechat_chats')),
        sa.UniqueConstraint('public_id', name=op.f('uq_livechat_chats_public_id')),
    )
    for col in ('conversation_hash', 'desk_id', 'status', 'expires_at'):
        op.create_index(op.f(f'ix_livechat_chats_{col}'), 'livechat_chats', [col])
    op.create_table(
        'livechat_messages',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('chat_id', sa.Integer(), nullable=False),
        sa.Column('author', sa.String(length=8), nullable=False),
        sa.Column('body_enc', sa.Text(), nullable=False),
        _ts('created_at'),
        sa.ForeignKeyConstraint(['chat_id'], ['livechat_chats.id'], name=op.f('fk_livechat_messages_chat_id_livechat_chats'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_livechat_messages')),
    )
    op.create_index(op.f('ix_livechat_messages_chat_id'), 'livechat_messages', ['chat_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_livechat_messages_chat_id'), table_name='livechat_messages')
    op.drop_table('livechat_messages')
    for col in ('conversation_hash', 'desk_id', 'status', 'expires_at'):
        op.drop_index(op.f(f'ix_livechat_chats_{col}'), table_name='livechat_chats')
    op.drop_table('livechat_chats')
    op.drop_index(op.f('ix_livechat_desks_organisation_id'), table_name='livechat_desks')
    op.drop_table('livechat_desks')
