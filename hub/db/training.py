"""Trainings on a device model, and who attended with which operator certificate."""

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import RecordStatus


class Training(EntityMixin, Base):
    """A training session on one device model for one department of an institution."""

    __tablename__ = "training"

    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    department_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("department.id"), index=True)
    device_model_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("device_model.id"), index=True
    )
    trainer: Mapped[str] = mapped_column(String(100), index=True)
    trained_on: Mapped[date] = mapped_column(Date, index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "training_status"), default=RecordStatus.ACTIVE, index=True
    )


class TrainingAttendee(EntityMixin, Base):
    """A contact who attended a training; an operator certificate may come with it."""

    __tablename__ = "training_attendee"

    training_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("training.id"), index=True)
    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("contact.id"), index=True)
    certificate_number: Mapped[str | None] = mapped_column(String(64))
    certificate_expires_on: Mapped[date | None] = mapped_column(Date, index=True)
