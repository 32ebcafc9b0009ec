"""name_alias: the alias registry that steward-confirmed merges extend (issue 13)

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-03 08:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hub.db.types

revision: str = "0008"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "name_alias",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "entity_type",
            sa.Enum(
                "Institution",
                "Contact",
                name="alias_entity",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("alias", sa.String(length=255), nullable=False),
        sa.Column("canonical", sa.String(length=255), nullable=False),
        sa.Column("merge_event_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("org_path", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["merge_event_id"],
            ["merge_event.id"],
            name=op.f("fk_name_alias_merge_event_id_merge_event"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_name_alias")),
        sa.UniqueConstraint("entity_type", "alias", name=op.f("uq_name_alias_entity_type_alias")),
    )
    with op.batch_alter_table("name_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_name_alias_entity_type"), ["entity_type"])
        batch_op.create_index(batch_op.f("ix_name_alias_merge_event_id"), ["merge_event_id"])
        batch_op.create_index(batch_op.f("ix_name_alias_org_path"), ["org_path"])


def downgrade() -> None:
    with op.batch_alter_table("name_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_name_alias_org_path"))
        batch_op.drop_index(batch_op.f("ix_name_alias_merge_event_id"))
        batch_op.drop_index(batch_op.f("ix_name_alias_entity_type"))
    op.drop_table("name_alias")
