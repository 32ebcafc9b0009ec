"""service operations: maintenance plans, SLA terms on contracts, the service record on tickets

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 07:53:48.965977
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import hub.db.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    op.create_table(
        "maintenance_plan",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("device_model_id", sa.Uuid(), nullable=False),
        sa.Column("interval_days", sa.Integer(), nullable=True),
        sa.Column("interval_usage", sa.Integer(), nullable=True),
        sa.Column("usage_unit", sa.String(length=32), nullable=True),
        sa.Column("checklist", _JSON, nullable=False),
        sa.Column(
            "status",
            _enum("maintenance_plan_status", "ACTIVE", "ARCHIVED", "MERGED"),
            nullable=False,
        ),
        sa.Column("created_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("org_path", sa.String(length=255), nullable=False),
        sa.CheckConstraint(
            "interval_days IS NOT NULL OR interval_usage IS NOT NULL",
            name=op.f("ck_maintenance_plan_has_interval"),
        ),
        sa.CheckConstraint(
            "interval_days IS NULL OR interval_days > 0",
            name=op.f("ck_maintenance_plan_days_positive"),
        ),
        sa.CheckConstraint(
            "interval_usage IS NULL OR interval_usage > 0",
            name=op.f("ck_maintenance_plan_usage_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["device_model_id"],
            ["device_model.id"],
            name=op.f("fk_maintenance_plan_device_model_id_device_model"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maintenance_plan")),
        sa.UniqueConstraint("device_model_id", name=op.f("uq_maintenance_plan_device_model_id")),
    )
    with op.batch_alter_table("maintenance_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_maintenance_plan_org_path"), ["org_path"])
        batch_op.create_index(batch_op.f("ix_maintenance_plan_status"), ["status"])

    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("service_levels", _JSON, nullable=False, server_default=sa.text("'{}'"))
        )

    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.add_column(sa.Column("usage_reading", sa.Integer(), nullable=True))

    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_contract_id", sa.Uuid(), nullable=True))
        for column in ("respond_by", "responded_at", "sla_breached_at"):
            batch_op.add_column(
                sa.Column(column, hub.db.types.UtcDateTime(timezone=True), nullable=True)
            )
        batch_op.add_column(
            sa.Column(
                "resolution_code",
                _enum(
                    "resolution_code",
                    "PART_REPLACED",
                    "REPAIRED",
                    "ADJUSTED",
                    "SOFTWARE_UPDATED",
                    "MAINTENANCE_DONE",
                    "REMOTE_FIX",
                    "USER_TRAINED",
                    "NO_FAULT_FOUND",
                    "OTHER",
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("parts_used", _JSON, nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(sa.Column("engineer", sa.String(length=100), nullable=True))
        batch_op.add_column(
            sa.Column("visits", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch_op.add_column(sa.Column("first_time_fix", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("usage_reading", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("satisfaction", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("satisfaction_comment", sa.String(length=1000), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_ticket_engineer"), ["engineer"])
        batch_op.create_index(batch_op.f("ix_ticket_service_contract_id"), ["service_contract_id"])
        batch_op.create_index(batch_op.f("ix_ticket_sla_breached_at"), ["sla_breached_at"])
        batch_op.create_foreign_key(
            batch_op.f("fk_ticket_service_contract_id_contract"),
            "contract",
            ["service_contract_id"],
            ["id"],
        )
        batch_op.create_check_constraint(
            "respond_by_after_opened", "respond_by IS NULL OR respond_by >= opened_at"
        )
        batch_op.create_check_constraint("visits_not_negative", "visits >= 0")
        batch_op.create_check_constraint(
            "satisfaction_range", "satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5"
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_constraint("ck_ticket_satisfaction_range", type_="check")
        batch_op.drop_constraint("ck_ticket_visits_not_negative", type_="check")
        batch_op.drop_constraint("ck_ticket_respond_by_after_opened", type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_ticket_service_contract_id_contract"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_ticket_sla_breached_at"))
        batch_op.drop_index(batch_op.f("ix_ticket_service_contract_id"))
        batch_op.drop_index(batch_op.f("ix_ticket_engineer"))
        for column in (
            "satisfaction_comment",
            "satisfaction",
            "usage_reading",
            "first_time_fix",
            "visits",
            "engineer",
            "parts_used",
            "resolution_code",
            "sla_breached_at",
            "responded_at",
            "respond_by",
            "service_contract_id",
        ):
            batch_op.drop_column(column)

    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_column("usage_reading")

    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_column("service_levels")

    with op.batch_alter_table("maintenance_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_maintenance_plan_status"))
        batch_op.drop_index(batch_op.f("ix_maintenance_plan_org_path"))
    op.drop_table("maintenance_plan")
