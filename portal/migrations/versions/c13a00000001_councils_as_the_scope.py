"""Councils as the scope of the public site: every public record belongs to a council (SPEC §12)

The types that reached their council only through another record (petitions through their round,
supervisions and statistics through their body) or not at all (documents, organisations, people)
get a council_id, filled from what the data says: a council is its own, a petition is its round's,
and the rest belong to the council whose sessions the database holds (the single council a
deployment had before councils became the scope). The two councils of the starter data take the
slugs of SPEC §12.

Revision ID: c13a00000001
Revises: c13b00000001
Create Date: 2026-12-03 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c13a00000001'
down_revision = 'c13b00000001'  # after the office's (merged first)
branch_labels = None
depends_on = None

TABLES = (
    'supervisions',
    'petitions',
    'documents',
    'organizations',
    'people',
    'reception_stats',
    'letter_stats',
    'petition_outcomes',
    'activity_counts',
)
# The council that owned everything before: the one holding the most sessions.
SINGLE_COUNCIL = (
    '(SELECT council_id FROM sessions GROUP BY council_id ORDER BY COUNT(*) DESC, council_id LIMIT 1)'
)
SLUGS = (('org-hdnd-tinh', 'hdnd-tinh-lang-son'), ('org-hdnd-tp', 'hdnd-tp-lang-son'))


def _foreign_keys(state):
    # SQLite rebuilds each table in batch mode (copy, drop, rename); with foreign keys enforced, dropping
    # a table other rows refer to fails. Off for the rebuild (before the transaction writes), on after.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'PRAGMA foreign_keys={state}')


def upgrade():
    _foreign_keys('OFF')
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('council_id', sa.Integer(), nullable=True))
            batch_op.create_index(f'ix_{table}_council_id', ['council_id'], unique=False)
            batch_op.create_foreign_key(
                f'fk_{table}_council_id_organizations', 'organizations', ['council_id'], ['id']
            )
    op.execute("UPDATE organizations SET council_id = id WHERE kind = 'council'")
    op.execute(
        'UPDATE petitions SET council_id = (SELECT r.council_id FROM voter_meeting_rounds r '
        'WHERE r.id = petitions.round_id)'
    )
    for table in (*TABLES, 'budget_figures'):
        op.execute(f'UPDATE {table} SET council_id = {SINGLE_COUNCIL} WHERE council_id IS NULL')
    for key, slug in SLUGS:
        op.execute(
            sa.text(
                'UPDATE organizations SET slug = :slug WHERE source_key = :key '
                'AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.slug = :slug)'
            ).bindparams(slug=slug, key=key)
        )
    _foreign_keys('ON')


def downgrade():
    _foreign_keys('OFF')
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f'fk_{table}_council_id_organizations', type_='foreignkey')
            batch_op.drop_index(f'ix_{table}_council_id')
            batch_op.drop_column('council_id')
    _foreign_keys('ON')
