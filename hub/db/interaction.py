"""Interactions: visits, calls, demos, meetings, trainings, complaints and tender events."""

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import InteractionChannel, InteractionKind, RecordStatus
from hub.db.types import UtcDateTime


class Interaction(EntityMixin, Base):
    """One contact between our people and a customer, with what comes next.

    `follow_up_alert` is the follow-up rule currently raised about this interaction (set and
    cleared by `hub follow-ups`), so that raising and clearing reach the change feed once each.
    """

    __tablename__ = "interaction"

    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("department.id"), index=True
    )
    kind: Mapped[InteractionKind] = mapped_column(
        enum_type(InteractionKind, "interaction_kind"), index=True
    )
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    channel: Mapped[InteractionChannel | None] = mapped_column(
        enum_type(InteractionChannel, "interaction_channel")
    )
    our_person: Mapped[str] = mapped_column(String(100), index=True)
    summary: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(500))
    next_follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)
    follow_up_alert: Mapped[str | None] = mapped_column(String(32), index=True)
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "interaction_status"), default=RecordStatus.ACTIVE, index=True
    )


class InteractionParticipant(EntityMixin, Base):
    """A customer contact who took part in an interaction."""

    __tablename__ = "interaction_participant"

    interaction_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("interaction.id"), index=True
    )
    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("contact.id"), index=True)
