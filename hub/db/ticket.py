"""Service tickets."""

import uuid
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import ResolutionCode, TicketKind, TicketPriority, TicketStatus
from hub.db.types import JsonDocument, UtcDateTime, utcnow


class Ticket(EntityMixin, Base):
    """A repair, maintenance, installation, training, complaint or inquiry ticket."""

    __tablename__ = "ticket"
    __table_args__ = (
        CheckConstraint("due_at IS NULL OR due_at >= opened_at", name="due_after_opened"),
        CheckConstraint(
            "respond_by IS NULL OR respond_by >= opened_at", name="respond_by_after_opened"
        ),
        CheckConstraint("visits >= 0", name="visits_not_negative"),
        CheckConstraint(
            "satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction_range"
        ),
    )

    number: Mapped[str] = mapped_column(String(64), unique=True)
    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("device.id"), index=True)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("contact.id"), index=True)
    kind: Mapped[TicketKind] = mapped_column(enum_type(TicketKind, "ticket_kind"), index=True)
    priority: Mapped[TicketPriority] = mapped_column(
        enum_type(TicketPriority, "ticket_priority"), default=TicketPriority.NORMAL, index=True
    )
    status: Mapped[TicketStatus] = mapped_column(
        enum_type(TicketStatus, "ticket_status"), default=TicketStatus.OPEN, index=True
    )
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    assignee: Mapped[str | None] = mapped_column(String(100), index=True)
    summary: Mapped[str] = mapped_column(String(500))
    resolution: Mapped[str | None] = mapped_column(Text)
    # The SLA: the service contract covering the device sets both deadlines at opening.
    service_contract_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("contract.id"), index=True
    )
    respond_by: Mapped[datetime | None] = mapped_column(UtcDateTime)
    responded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sla_breached_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    # The service record.
    resolution_code: Mapped[ResolutionCode | None] = mapped_column(
        enum_type(ResolutionCode, "resolution_code")
    )
    parts_used: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    engineer: Mapped[str | None] = mapped_column(String(100), index=True)
    visits: Mapped[int] = mapped_column(Integer, default=0)
    first_time_fix: Mapped[bool | None] = mapped_column(Boolean)
    usage_reading: Mapped[int | None] = mapped_column(Integer)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    satisfaction_comment: Mapped[str | None] = mapped_column(String(1000))
