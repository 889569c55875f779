"""usage domain: typed dimension columns, needs as rows, daily aggregates; no request bodies

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('recommendations') as b:
        b.add_column(sa.Column('kind', sa.String(16), nullable=False, server_default='recommend'))
        b.add_column(sa.Column('front', sa.String(16), nullable=False, server_default='api_v1'))
        b.add_column(sa.Column('lang', sa.String(2), nullable=False, server_default='fi'))
        b.add_column(sa.Column('municipality_code', sa.String(8), nullable=True))
        b.add_column(sa.Column('age_band', sa.String(8), nullable=True))
        b.add_column(sa.Column('life_event', sa.String(64), nullable=True))
        b.add_column(sa.Column('n_results', sa.Integer(), nullable=False, server_default='0'))
        # Request bodies are no longer kept: dimensions are columns, needs are rows.
        b.drop_column('request_attributes')
    op.create_table(
        'recommendation_needs',
        sa.Column('recommendation_id', sa.Integer(), nullable=False),
        sa.Column('meter', sa.String(32), nullable=False),
        sa.Column('weight', sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(['recommendation_id'], ['recommendations.id'], ondelete='CASCADE',
                                name=op.f('fk_recommendation_needs_recommendation_id_recommendations')),
        sa.PrimaryKeyConstraint('recommendation_id', 'meter', name=op.f('pk_recommendation_needs')),
    )
    with op.batch_alter_table('unmet_needs') as b:
        b.add_column(sa.Column('front', sa.String(16), nullable=False, server_default='api_v2'))
        b.add_column(sa.Column('client_id', sa.String(36), nullable=True))
        b.add_column(sa.Column('municipality_code', sa.String(8), nullable=True))
    op.create_table(
        'usage_daily',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(16), nullable=False),
        sa.Column('front', sa.String(16), nullable=False),
        sa.Column('lang', sa.String(2), nullable=False),
        sa.Column('municipality_code', sa.String(8), nullable=False),
        sa.Column('age_band', sa.String(8), nullable=False),
        sa.Column('life_event', sa.String(64), nullable=False),
        sa.Column('need', sa.String(32), nullable=False),
        sa.Column('requests', sa.Integer(), nullable=False),
        sa.Column('empty_results', sa.Integer(), nullable=False),
        sa.Column('clicks', sa.Integer(), nullable=False),
        sa.Column('positive_feedback', sa.Integer(), nullable=False),
        sa.Column('negative_feedback', sa.Integer(), nullable=False),
        sa.Column('unmet_needs', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('day', 'kind', 'front', 'lang', 'municipality_code', 'age_band', 'life_event',
                                'need', name=op.f('pk_usage_daily')),
    )


def downgrade() -> None:
    op.drop_table('usage_daily')
    with op.batch_alter_table('unmet_needs') as b:
        b.drop_column('municipality_code')
        b.drop_column('client_id')
        b.drop_column('front')
    op.drop_table('recommendation_needs')
    with op.batch_alter_table('recommendations') as b:
        b.add_column(sa.Column('request_attributes', sa.JSON(), nullable=True))
        for col in ('n_results', 'life_event', 'age_band', 'municipality_code', 'lang', 'front', 'kind'):
            b.drop_column(col)
