"""assistant: conversations in progress (encrypted, expiring) and the registry of connected assistants

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:  # type: ignore[type-arg]
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    op.create_table(
        'assistant_conversations',
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_assistant_conversations')),
    )
    op.create_index(op.f('ix_assistant_conversations_expires_at'), 'assistant_conversations', ['expires_at'],
                    unique=False)
    op.create_table(
        'assistant_registry',
        sa.Column('id', sa.String(length=64), nullable=False),
        *[sa.Column(name, _json(), nullable=False) for name in
          ('names', 'organisation', 'topics', 'needs', 'life_events', 'municipality_codes', 'languages',
           'opening_hours')],
        sa.Column('handover_url', sa.String(length=500), nullable=False),
        sa.Column('channel_id', sa.String(length=64), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assistant_registry')),
    )


def downgrade() -> None:
    op.drop_table('assistant_registry')
    op.drop_index(op.f('ix_assistant_conversations_expires_at'), table_name='assistant_conversations')
    op.drop_table('assistant_conversations')
