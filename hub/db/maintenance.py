"""Maintenance plans: how often each device model must be serviced, and what to check."""

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import RecordStatus
from hub.db.types import JsonDocument


class MaintenancePlan(EntityMixin, Base):
    """Preventive maintenance of one device model: every N days and/or every N units of use."""

    __tablename__ = "maintenance_plan"
    __table_args__ = (
        CheckConstraint(
            "interval_days IS NOT NULL OR interval_usage IS NOT NULL", name="has_interval"
        ),
        CheckConstraint("interval_days IS NULL OR interval_days > 0", name="days_positive"),
        CheckConstraint("interval_usage IS NULL OR interval_usage > 0", name="usage_positive"),
    )

    device_model_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("device_model.id"), unique=True
    )
    interval_days: Mapped[int | None] = mapped_column(Integer)
    interval_usage: Mapped[int | None] = mapped_column(Integer)
    usage_unit: Mapped[str | None] = mapped_column(String(32))
    checklist: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "maintenance_plan_status"), default=RecordStatus.ACTIVE, index=True
    )
