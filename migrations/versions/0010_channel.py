"""channel: demo loans and authorisation letters (issue 16)

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-03 07:53:43.766916
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import hub.db.types

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "authorisation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("grantor_id", sa.Uuid(), nullable=False),
        sa.Column("institution_id", sa.Uuid(), nullable=False),
        sa.Column(
            "device_model_ids",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "categories",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "regions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("hospital_id", sa.Uuid(), nullable=True),
        sa.Column("tender", sa.String(length=100), nullable=True),
        sa.Column("document", sa.String(length=500), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "ACTIVE",
                "ARCHIVED",
                "MERGED",
                name="authorisation_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("submitted_by", sa.String(length=200), nullable=True),
        sa.Column("first_reviewer", sa.String(length=200), nullable=True),
        sa.Column("first_reviewed_at", hub.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("first_comment", sa.String(length=1000), nullable=True),
        sa.Column("second_reviewer", sa.String(length=200), nullable=True),
        sa.Column("second_reviewed_at", hub.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("second_comment", sa.String(length=1000), nullable=True),
        sa.Column(
            "review_status",
            sa.Enum(
                "SUBMITTED",
                "FIRST_APPROVED",
                "APPROVED",
                "REJECTED",
                name="review_status",
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
            "grantor_id <> institution_id", name=op.f("ck_authorisation_not_self_granted")
        ),
        sa.CheckConstraint(
            "valid_to >= valid_from", name=op.f("ck_authorisation_valid_to_after_from")
        ),
        sa.ForeignKeyConstraint(
            ["grantor_id"], ["institution.id"], name=op.f("fk_authorisation_grantor_id_institution")
        ),
        sa.ForeignKeyConstraint(
            ["hospital_id"],
            ["institution.id"],
            name=op.f("fk_authorisation_hospital_id_institution"),
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_authorisation_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorisation")),
        sa.UniqueConstraint(
            "grantor_id", "number", name=op.f("uq_authorisation_grantor_id_number")
        ),
    )
    with op.batch_alter_table("authorisation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_authorisation_grantor_id"), ["grantor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_authorisation_hospital_id"), ["hospital_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_authorisation_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_authorisation_number"), ["number"], unique=False)
        batch_op.create_index(batch_op.f("ix_authorisation_org_path"), ["org_path"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_authorisation_review_status"), ["review_status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_authorisation_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_authorisation_valid_from"), ["valid_from"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_authorisation_valid_to"), ["valid_to"], unique=False)

    op.create_table(
        "demo_loan",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("institution_id", sa.Uuid(), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=True),
        sa.Column("purpose", sa.String(length=500), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("due_back_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "REQUESTED",
                "APPROVED",
                "REJECTED",
                "RETURNED",
                "CANCELLED",
                name="loan_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("requested_by", sa.String(length=200), nullable=True),
        sa.Column("approved_by", sa.String(length=200), nullable=True),
        sa.Column("approved_at", hub.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("approval_comment", sa.String(length=1000), nullable=True),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.Column("returned_at", hub.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("return_condition", sa.String(length=1000), nullable=True),
        sa.Column("created_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("org_path", sa.String(length=255), nullable=False),
        sa.CheckConstraint("due_back_on >= starts_on", name=op.f("ck_demo_loan_due_after_start")),
        sa.CheckConstraint(
            "returned_on IS NULL OR returned_on >= starts_on",
            name=op.f("ck_demo_loan_returned_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_demo_loan_device_id_device")
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_demo_loan_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demo_loan")),
    )
    with op.batch_alter_table("demo_loan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_demo_loan_device_id"), ["device_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_demo_loan_due_back_on"), ["due_back_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_demo_loan_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_demo_loan_org_path"), ["org_path"], unique=False)
        batch_op.create_index(batch_op.f("ix_demo_loan_returned_on"), ["returned_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_demo_loan_starts_on"), ["starts_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_demo_loan_status"), ["status"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("demo_loan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_demo_loan_status"))
        batch_op.drop_index(batch_op.f("ix_demo_loan_starts_on"))
        batch_op.drop_index(batch_op.f("ix_demo_loan_returned_on"))
        batch_op.drop_index(batch_op.f("ix_demo_loan_org_path"))
        batch_op.drop_index(batch_op.f("ix_demo_loan_institution_id"))
        batch_op.drop_index(batch_op.f("ix_demo_loan_due_back_on"))
        batch_op.drop_index(batch_op.f("ix_demo_loan_device_id"))

    op.drop_table("demo_loan")
    with op.batch_alter_table("authorisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_authorisation_valid_to"))
        batch_op.drop_index(batch_op.f("ix_authorisation_valid_from"))
        batch_op.drop_index(batch_op.f("ix_authorisation_status"))
        batch_op.drop_index(batch_op.f("ix_authorisation_review_status"))
        batch_op.drop_index(batch_op.f("ix_authorisation_org_path"))
        batch_op.drop_index(batch_op.f("ix_authorisation_number"))
        batch_op.drop_index(batch_op.f("ix_authorisation_institution_id"))
        batch_op.drop_index(batch_op.f("ix_authorisation_hospital_id"))
        batch_op.drop_index(batch_op.f("ix_authorisation_grantor_id"))

    op.drop_table("authorisation")
