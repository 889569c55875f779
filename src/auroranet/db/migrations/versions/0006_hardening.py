"""hardening: per-client rate limits, privacy notices and server-side-only reads; clicks counted once;
server-side web sessions

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('clients') as b:
        b.add_column(sa.Column('rate_limit_per_minute', sa.Integer(), nullable=True))
        b.add_column(sa.Column('privacy_notice_url', sa.String(length=500), nullable=True))
        b.add_column(sa.Column('server_side_reads_only', sa.Boolean(), nullable=False,
                               server_default=sa.false()))
    # Earlier clicks could be repeated: keep the first of each (recommendation, service, channel, link).
    op.execute(
        "DELETE FROM redirects WHERE id NOT IN (SELECT MIN(id) FROM redirects "
        "GROUP BY recommendation_id, service_id, channel_id, link_id)"
    )
    with op.batch_alter_table('redirects') as b:
        b.create_unique_constraint('uq_redirects_click', ['recommendation_id', 'service_id', 'channel_id', 'link_id'])
    op.create_table(
        'web_sessions',
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_web_sessions')),
    )
    op.create_index(op.f('ix_web_sessions_expires_at'), 'web_sessions', ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_web_sessions_expires_at'), table_name='web_sessions')
    op.drop_table('web_sessions')
    with op.batch_alter_table('redirects') as b:
        b.drop_constraint('uq_redirects_click', type_='unique')
    with op.batch_alter_table('clients') as b:
        b.drop_column('server_side_reads_only')
        b.drop_column('privacy_notice_url')
        b.drop_column('rate_limit_per_minute')
