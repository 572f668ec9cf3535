"""The document an organisation's dissolution rests on

SPEC §12: the basis of a council's end is a Document with its source, never an unsourced sentence.

Revision ID: d13a00000001
Revises: c13a00000001
Create Date: 2026-12-03 18:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd13a00000001'
down_revision = 'c13a00000001'
branch_labels = None
depends_on = None

FOREIGN_KEY = 'fk_organizations_dissolution_document_id_documents'


def _foreign_keys(state):
    # SQLite rebuilds the table in batch mode (copy, drop, rename); with foreign keys enforced, dropping
    # organizations, which every record refers to, fails. Off for the rebuild, on after.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'PRAGMA foreign_keys={state}')


def upgrade():
    _foreign_keys('OFF')
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dissolution_document_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(FOREIGN_KEY, 'documents', ['dissolution_document_id'], ['id'])
    _foreign_keys('ON')


def downgrade():
    _foreign_keys('OFF')
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_constraint(FOREIGN_KEY, type_='foreignkey')
        batch_op.drop_column('dissolution_document_id')
    _foreign_keys('ON')
