"""quality review and qualification

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 11:19:10.502165
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hub.db.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submitted_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("first_reviewer", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("first_reviewed_at", hub.db.types.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("first_comment", sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column("second_reviewer", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("second_reviewed_at", hub.db.types.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("second_comment", sa.String(length=1000), nullable=True))

    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "qualification_status",
                sa.Enum(
                    "QUALIFIED",
                    "EXPIRING",
                    "NOT_QUALIFIED",
                    name="qualification_status",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.create_index(
            batch_op.f("ix_institution_qualification_status"),
            ["qualification_status"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_institution_qualification_status"))
        batch_op.drop_column("qualification_status")

    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("second_comment")
        batch_op.drop_column("second_reviewed_at")
        batch_op.drop_column("second_reviewer")
        batch_op.drop_column("first_comment")
        batch_op.drop_column("first_reviewed_at")
        batch_op.drop_column("first_reviewer")
        batch_op.drop_column("submitted_by")
