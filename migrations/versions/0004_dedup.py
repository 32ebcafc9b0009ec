"""duplicate candidates and merge log (issue 5)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 11:26:30.879108
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import hub.db.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "duplicate_candidate",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "entity_type",
            sa.Enum(
                "Institution",
                "Contact",
                name="match_entity",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("left_id", sa.Uuid(), nullable=False),
        sa.Column("right_id", sa.Uuid(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column(
            "evidence",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "OPEN",
                "MERGED",
                "DISMISSED",
                name="candidate_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("created_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("org_path", sa.String(length=255), nullable=False),
        sa.CheckConstraint(
            "left_id <> right_id", name=op.f("ck_duplicate_candidate_distinct_records")
        ),
        sa.CheckConstraint(
            "score >= 0 AND score <= 1", name=op.f("ck_duplicate_candidate_score_in_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_candidate")),
        sa.UniqueConstraint(
            "entity_type",
            "left_id",
            "right_id",
            name=op.f("uq_duplicate_candidate_entity_type_left_id_right_id"),
        ),
    )
    with op.batch_alter_table("duplicate_candidate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_duplicate_candidate_entity_type"), ["entity_type"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_duplicate_candidate_left_id"), ["left_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_duplicate_candidate_org_path"), ["org_path"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_duplicate_candidate_right_id"), ["right_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_duplicate_candidate_score"), ["score"], unique=False)
        batch_op.create_index(batch_op.f("ix_duplicate_candidate_status"), ["status"], unique=False)

    op.create_table(
        "merge_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "entity_type",
            sa.Enum(
                "Institution",
                "Contact",
                name="merge_entity",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("survivor_id", sa.Uuid(), nullable=False),
        sa.Column(
            "merged_ids",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column(
            "decisions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "snapshot",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("undone_at", hub.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.String(length=128), nullable=True),
        sa.Column("created_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("org_path", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_event")),
    )
    with op.batch_alter_table("merge_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merge_event_entity_type"), ["entity_type"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_merge_event_org_path"), ["org_path"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_merge_event_survivor_id"), ["survivor_id"], unique=False
        )

    op.create_table(
        "merge_member",
        sa.Column("merge_event_id", sa.Uuid(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("survivor", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["merge_event_id"],
            ["merge_event.id"],
            name=op.f("fk_merge_member_merge_event_id_merge_event"),
        ),
        sa.PrimaryKeyConstraint("merge_event_id", "entity_id", name=op.f("pk_merge_member")),
    )
    with op.batch_alter_table("merge_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merge_member_entity_id"), ["entity_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("merge_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_member_entity_id"))

    op.drop_table("merge_member")
    with op.batch_alter_table("merge_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_event_survivor_id"))
        batch_op.drop_index(batch_op.f("ix_merge_event_org_path"))
        batch_op.drop_index(batch_op.f("ix_merge_event_entity_type"))

    op.drop_table("merge_event")
    with op.batch_alter_table("duplicate_candidate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duplicate_candidate_status"))
        batch_op.drop_index(batch_op.f("ix_duplicate_candidate_score"))
        batch_op.drop_index(batch_op.f("ix_duplicate_candidate_right_id"))
        batch_op.drop_index(batch_op.f("ix_duplicate_candidate_org_path"))
        batch_op.drop_index(batch_op.f("ix_duplicate_candidate_left_id"))
        batch_op.drop_index(batch_op.f("ix_duplicate_candidate_entity_type"))

    op.drop_table("duplicate_candidate")
