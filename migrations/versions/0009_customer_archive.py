"""customer archive: departments, interactions, trainings (issue 16)

Revision ID: 0009
Revises: 0010
Create Date: 2026-12-03 07:54:05.335846
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hub.db.types

revision: str = "0009"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "department",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("institution_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("local_name", sa.String(length=100), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "CLINICAL",
                "ADMINISTRATIVE",
                name="department_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "ACTIVE",
                "ARCHIVED",
                "MERGED",
                name="department_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("merged_into_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("org_path", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_department_institution_id_institution"),
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["department.id"],
            name=op.f("fk_department_merged_into_id_department"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint(
            "institution_id", "code", name=op.f("uq_department_institution_id_code")
        ),
    )
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_department_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_department_code"), ["code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_department_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_department_merged_into_id"), ["merged_into_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_department_org_path"), ["org_path"], unique=False)
        batch_op.create_index(batch_op.f("ix_department_status"), ["status"], unique=False)

    op.create_table(
        "interaction",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("institution_id", sa.Uuid(), nullable=False),
        sa.Column("department_id", sa.Uuid(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "VISIT",
                "CALL",
                "DEMO",
                "MEETING",
                "TRAINING",
                "COMPLAINT",
                "TENDER",
                name="interaction_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("occurred_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "IN_PERSON",
                "PHONE",
                "VIDEO",
                "WECHAT",
                "EMAIL",
                "TENDER_PLATFORM",
                "OTHER",
                name="interaction_channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("our_person", sa.String(length=100), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=500), nullable=True),
        sa.Column("next_follow_up_on", sa.Date(), nullable=True),
        sa.Column("follow_up_alert", sa.String(length=32), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "ACTIVE",
                "ARCHIVED",
                "MERGED",
                name="interaction_status",
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
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
            name=op.f("fk_interaction_department_id_department"),
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_interaction_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction")),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interaction_follow_up_alert"), ["follow_up_alert"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interaction_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_interaction_kind"), ["kind"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_interaction_next_follow_up_on"), ["next_follow_up_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interaction_occurred_at"), ["occurred_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_interaction_org_path"), ["org_path"], unique=False)
        batch_op.create_index(batch_op.f("ix_interaction_our_person"), ["our_person"], unique=False)
        batch_op.create_index(batch_op.f("ix_interaction_status"), ["status"], unique=False)

    op.create_table(
        "training",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("institution_id", sa.Uuid(), nullable=False),
        sa.Column("department_id", sa.Uuid(), nullable=False),
        sa.Column("device_model_id", sa.Uuid(), nullable=False),
        sa.Column("trainer", sa.String(length=100), nullable=False),
        sa.Column("trained_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "ACTIVE",
                "ARCHIVED",
                "MERGED",
                name="training_status",
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
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_training_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["device_model_id"],
            ["device_model.id"],
            name=op.f("fk_training_device_model_id_device_model"),
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_training_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training")),
    )
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_device_model_id"), ["device_model_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_training_org_path"), ["org_path"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_trained_on"), ["trained_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_trainer"), ["trainer"], unique=False)

    op.create_table(
        "interaction_participant",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("interaction_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("org_path", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_interaction_participant_contact_id_contact"),
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interaction.id"],
            name=op.f("fk_interaction_participant_interaction_id_interaction"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction_participant")),
    )
    with op.batch_alter_table("interaction_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_participant_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interaction_participant_interaction_id"),
            ["interaction_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_interaction_participant_org_path"), ["org_path"], unique=False
        )

    op.create_table(
        "training_attendee",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("training_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("certificate_number", sa.String(length=64), nullable=True),
        sa.Column("certificate_expires_on", sa.Date(), nullable=True),
        sa.Column("created_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hub.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("org_path", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_training_attendee_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["training_id"], ["training.id"], name=op.f("fk_training_attendee_training_id_training")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_attendee")),
    )
    with op.batch_alter_table("training_attendee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_attendee_certificate_expires_on"),
            ["certificate_expires_on"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_training_attendee_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_attendee_org_path"), ["org_path"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_attendee_training_id"), ["training_id"], unique=False
        )

    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("department_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_contact_department_id"), ["department_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_contact_department_id_department"),
            "department",
            ["department_id"],
            ["id"],
        )

    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.add_column(sa.Column("department_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_device_department_id"), ["department_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_device_department_id_department"),
            "department",
            ["department_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_device_department_id_department"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_device_department_id"))
        batch_op.drop_column("department_id")

    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_contact_department_id_department"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_contact_department_id"))
        batch_op.drop_column("department_id")

    with op.batch_alter_table("training_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_attendee_training_id"))
        batch_op.drop_index(batch_op.f("ix_training_attendee_org_path"))
        batch_op.drop_index(batch_op.f("ix_training_attendee_contact_id"))
        batch_op.drop_index(batch_op.f("ix_training_attendee_certificate_expires_on"))

    op.drop_table("training_attendee")
    with op.batch_alter_table("interaction_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_participant_org_path"))
        batch_op.drop_index(batch_op.f("ix_interaction_participant_interaction_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_participant_contact_id"))

    op.drop_table("interaction_participant")
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_trainer"))
        batch_op.drop_index(batch_op.f("ix_training_trained_on"))
        batch_op.drop_index(batch_op.f("ix_training_status"))
        batch_op.drop_index(batch_op.f("ix_training_org_path"))
        batch_op.drop_index(batch_op.f("ix_training_institution_id"))
        batch_op.drop_index(batch_op.f("ix_training_device_model_id"))
        batch_op.drop_index(batch_op.f("ix_training_department_id"))

    op.drop_table("training")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_status"))
        batch_op.drop_index(batch_op.f("ix_interaction_our_person"))
        batch_op.drop_index(batch_op.f("ix_interaction_org_path"))
        batch_op.drop_index(batch_op.f("ix_interaction_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_interaction_next_follow_up_on"))
        batch_op.drop_index(batch_op.f("ix_interaction_kind"))
        batch_op.drop_index(batch_op.f("ix_interaction_institution_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_follow_up_alert"))
        batch_op.drop_index(batch_op.f("ix_interaction_department_id"))

    op.drop_table("interaction")
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_department_status"))
        batch_op.drop_index(batch_op.f("ix_department_org_path"))
        batch_op.drop_index(batch_op.f("ix_department_merged_into_id"))
        batch_op.drop_index(batch_op.f("ix_department_institution_id"))
        batch_op.drop_index(batch_op.f("ix_department_code"))
        batch_op.drop_index(batch_op.f("ix_department_category"))

    op.drop_table("department")
