"""Office per council, areas' other names with dates, petition transfers on the timeline

The office per council: user_councils, users.province_wide, audit_events.council_id. Areas' other
names: area_other_names. Transfers: petition_status_changes.kind, from_agency_id, to_agency_id.

Accounts made before this migration become province-wide (server default true): they keep acting in
every council as before.

Revision ID: c13b00000001
Revises: b17a00000001
Create Date: 2026-12-03 14:56:47.016449

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c13b00000001'
down_revision = 'b17a00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('user_councils',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.CheckConstraint("role IN ('admin', 'publisher', 'editor')", name=op.f('ck_user_councils_role_enum')),
    sa.ForeignKeyConstraint(['council_id'], ['organizations.id'], name=op.f('fk_user_councils_council_id_organizations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_councils_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'council_id', name=op.f('pk_user_councils'))
    )
    with op.batch_alter_table('user_councils', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_councils_council_id'), ['council_id'], unique=False)

    op.create_table('area_other_names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('source_document_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_area_other_names_end_after_start')),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_area_other_names_area_id_areas')),
    sa.ForeignKeyConstraint(['source_document_id'], ['documents.id'], name=op.f('fk_area_other_names_source_document_id_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area_other_names'))
    )
    with op.batch_alter_table('area_other_names', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_other_names_area_id'), ['area_id'], unique=False)

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('council_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_events_council_id'), ['council_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_audit_events_council_id_organizations'), 'organizations', ['council_id'], ['id'])

    with op.batch_alter_table('petition_status_changes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=10), server_default='status', nullable=False))
        batch_op.add_column(sa.Column('from_agency_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('to_agency_id', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_petition_status_changes_kind_enum'), "kind IN ('status', 'transfer')"
        )
        batch_op.create_foreign_key(batch_op.f('fk_petition_status_changes_from_agency_id_organizations'), 'organizations', ['from_agency_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_petition_status_changes_to_agency_id_organizations'), 'organizations', ['to_agency_id'], ['id'])

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('province_wide', sa.Boolean(), server_default='1', nullable=False))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('province_wide')

    with op.batch_alter_table('petition_status_changes', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_petition_status_changes_kind_enum'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_petition_status_changes_to_agency_id_organizations'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_petition_status_changes_from_agency_id_organizations'), type_='foreignkey')
        batch_op.drop_column('to_agency_id')
        batch_op.drop_column('from_agency_id')
        batch_op.drop_column('kind')

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_audit_events_council_id_organizations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_audit_events_council_id'))
        batch_op.drop_column('council_id')

    with op.batch_alter_table('area_other_names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_area_other_names_area_id'))

    op.drop_table('area_other_names')
    with op.batch_alter_table('user_councils', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_councils_council_id'))

    op.drop_table('user_councils')
