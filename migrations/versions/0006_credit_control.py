"""credit control: profiles, reviewed requests, ERP receivables; the `credit` role

Revision ID: 0006
Revises: 0009
Create Date: 2026-12-03 07:57:40.924052
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import hub.db.types

revision: str = "0006"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_ROLES = ("admin", "steward", "auditor", "crm", "wms", "service", "sales")


def _roles(roles: tuple[str, ...], before: tuple[str, ...]) -> None:
    # Role columns are VARCHARs with a CHECK listing the roles; batch mode rebuilds them.
    for table, name in (("api_key", "role"), ("webhook", "webhook_role")):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "role",
                existing_type=_role_type(before, name),
                type_=_role_type(roles, name),
                existing_nullable=False,
            )


def _role_type(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    _roles((*_ROLES, "credit"), _ROLES)
    op.create_table(
        "credit_profile",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("institution_id", sa.Uuid(), nullable=False),
        sa.Column("rating", sa.String(length=8), nullable=False),
        sa.Column("credit_limit", hub.db.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("payment_terms_days", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        sa.Column("approved_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column(
            "credit_status",
            sa.Enum(
                "NORMAL",
                "WARNING",
                "HOLD",
                name="credit_tier",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "credit_reasons",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("credit_status_since", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "ACTIVE",
                "ARCHIVED",
                "MERGED",
                name="credit_profile_status",
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
        sa.CheckConstraint("credit_limit >= 0", name=op.f("ck_credit_profile_limit_positive")),
        sa.CheckConstraint(
            "payment_terms_days >= 0", name=op.f("ck_credit_profile_terms_positive")
        ),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name=op.f("ck_credit_profile_valid_to_after_from"),
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_credit_profile_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_profile")),
        sa.UniqueConstraint("institution_id", name=op.f("uq_credit_profile_institution_id")),
    )
    with op.batch_alter_table("credit_profile", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_credit_profile_credit_status"), ["credit_status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_credit_profile_org_path"), ["org_path"], unique=False)
        batch_op.create_index(batch_op.f("ix_credit_profile_valid_to"), ["valid_to"], unique=False)

    op.create_table(
        "credit_request",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "CHANGE",
                "OVERRIDE",
                name="credit_request_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("institution_id", sa.Uuid(), nullable=False),
        sa.Column("rating", sa.String(length=8), nullable=True),
        sa.Column("credit_limit", hub.db.types.Money(precision=18, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("payment_terms_days", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("override_until", hub.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=1000), nullable=False),
        sa.Column(
            "review_status",
            sa.Enum(
                "SUBMITTED",
                "FIRST_APPROVED",
                "APPROVED",
                "REJECTED",
                name="credit_review_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("submitted_by", sa.String(length=200), nullable=True),
        sa.Column("reviewer", sa.String(length=200), nullable=True),
        sa.Column("reviewed_at", hub.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("review_comment", sa.String(length=1000), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "ACTIVE",
                "ARCHIVED",
                "MERGED",
                name="credit_request_status",
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
            "credit_limit IS NULL OR credit_limit >= 0",
            name=op.f("ck_credit_request_limit_positive"),
        ),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name=op.f("ck_credit_request_valid_to_after_from"),
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_credit_request_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_request")),
    )
    with op.batch_alter_table("credit_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_credit_request_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_credit_request_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_credit_request_org_path"), ["org_path"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_credit_request_override_until"), ["override_until"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_credit_request_review_status"), ["review_status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_credit_request_status"), ["status"], unique=False)

    op.create_table(
        "receivable",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("institution_id", sa.Uuid(), nullable=False),
        sa.Column("source_system", sa.String(length=64), nullable=False),
        sa.Column("document_number", sa.String(length=64), nullable=False),
        sa.Column("amount", hub.db.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("created_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("org_path", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_receivable_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receivable")),
        sa.UniqueConstraint(
            "source_system",
            "document_number",
            name=op.f("uq_receivable_source_system_document_number"),
        ),
    )
    with op.batch_alter_table("receivable", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receivable_due_on"), ["due_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_receivable_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_receivable_org_path"), ["org_path"], unique=False)


def downgrade() -> None:
    _roles(_ROLES, (*_ROLES, "credit"))
    with op.batch_alter_table("receivable", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receivable_org_path"))
        batch_op.drop_index(batch_op.f("ix_receivable_institution_id"))
        batch_op.drop_index(batch_op.f("ix_receivable_due_on"))

    op.drop_table("receivable")
    with op.batch_alter_table("credit_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credit_request_status"))
        batch_op.drop_index(batch_op.f("ix_credit_request_review_status"))
        batch_op.drop_index(batch_op.f("ix_credit_request_override_until"))
        batch_op.drop_index(batch_op.f("ix_credit_request_org_path"))
        batch_op.drop_index(batch_op.f("ix_credit_request_kind"))
        batch_op.drop_index(batch_op.f("ix_credit_request_institution_id"))

    op.drop_table("credit_request")
    with op.batch_alter_table("credit_profile", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credit_profile_valid_to"))
        batch_op.drop_index(batch_op.f("ix_credit_profile_org_path"))
        batch_op.drop_index(batch_op.f("ix_credit_profile_credit_status"))

    op.drop_table("credit_profile")
