"""livechat: at most one open chat per conversation (a partial unique index)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Chats left open twice by the race this index prevents: keep the newest open one.
    op.execute("UPDATE livechat_chats SET status = 'closed' WHERE status != 'closed' AND id NOT IN "
               "(SELECT max(id) FROM livechat_chats WHERE status != 'closed' GROUP BY conversation_hash)")
    op.create_index('uq_livechat_chats_open', 'livechat_chats', ['conversation_hash'], unique=True,
                    sqlite_where=sa.text("status != 'closed'"), postgresql_where=sa.text("status != 'closed'"))


def downgrade() -> None:
    op.drop_index('uq_livechat_chats_open', table_name='livechat_chats')
