"""The bodies that took over an ended organisation's work: several, not one

SPEC §12: a dissolved district council's work passed to several communes and wards, so the single
`organizations.successor_id` becomes the table `organization_successors` (its rows copied over).

Revision ID: e13a00000001
Revises: d13a00000001
Create Date: 2026-12-03 22:20:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e13a00000001"
down_revision = "d13a00000001"
branch_labels = None
depends_on = None

OLD_FOREIGN_KEY = "fk_organizations_successor_id_organizations"


def _foreign_keys(state):
    # SQLite rebuilds organizations in batch mode; with foreign keys enforced that drop fails (see d13a).
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA foreign_keys={state}")


def upgrade():
    # Before any other statement: SQLite ignores the pragma inside a transaction.
    _foreign_keys("OFF")
    op.create_table(
        "organization_successors",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_organization_successors_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["successor_id"],
            ["organizations.id"],
            name=op.f("fk_organization_successors_successor_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("organization_id", "successor_id", name=op.f("pk_organization_successors")),
        sa.CheckConstraint(
            "successor_id <> organization_id", name=op.f("ck_organization_successors_not_itself")
        ),
    )
    op.create_index(
        op.f("ix_organization_successors_successor_id"),
        "organization_successors",
        ["successor_id"],
        unique=False,
    )
    op.execute(
        "INSERT INTO organization_successors (organization_id, successor_id) "
        "SELECT id, successor_id FROM organizations WHERE successor_id IS NOT NULL AND successor_id <> id"
    )
    _foreign_keys("OFF")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organizations_successor_id"))
        batch_op.drop_constraint(OLD_FOREIGN_KEY, type_="foreignkey")
        batch_op.drop_column("successor_id")
    _foreign_keys("ON")


def downgrade():
    _foreign_keys("OFF")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("successor_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(OLD_FOREIGN_KEY, "organizations", ["successor_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_organizations_successor_id"), ["successor_id"], unique=False)
    _foreign_keys("ON")
    # One successor fits the old column: the lowest id of each organisation's successors.
    op.execute(
        "UPDATE organizations SET successor_id = (SELECT MIN(s.successor_id) FROM organization_successors s "
        "WHERE s.organization_id = organizations.id)"
    )
    op.drop_index(op.f("ix_organization_successors_successor_id"), table_name="organization_successors")
    op.drop_table("organization_successors")
