"""Recommendations and their follow-up updates can be withdrawn with a reason (kept, never deleted)

Revision ID: b18000000001
Revises: 66be887f6d79
Create Date: 2026-12-03 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b18000000001'
down_revision = 'b17b00000001'
branch_labels = None
depends_on = None

TABLES = ('recommendations', 'recommendation_updates')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(), nullable=True))
            batch_op.add_column(sa.Column('withdrawn_reason', sa.Text(), nullable=True))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('withdrawn_reason')
            batch_op.drop_column('withdrawn_at')
