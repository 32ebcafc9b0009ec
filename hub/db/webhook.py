"""Webhook subscriptions and their delivery queue (one row per event per webhook)."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import DeliveryStatus, Role
from hub.db.types import JsonDocument, UtcDateTime, utcnow


class Webhook(EntityMixin, Base):
    """A receiver URL, the secret that signs what it is sent, and whose eyes it sees through.

    `role` and `org_path` act like an API key's: deliveries carry only the events, and the
    fields of them, that a caller with that role and organisation unit could read.
    """

    __tablename__ = "webhook"
    # The secret must be kept as is to sign with, but never enters the audit trail; the cursor
    # moves with every event and says nothing about the configuration.
    __audit_exclude__ = frozenset({"secret", "cursor"})

    name: Mapped[str] = mapped_column(String(100), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(100))
    # Entity types (Institution, Contact, …) to send; empty means every type.
    entity_types: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    role: Mapped[Role] = mapped_column(enum_type(Role, "webhook_role"))
    # The highest change-feed seq already turned into deliveries for this webhook.
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)


class WebhookDelivery(Base):
    """One event to send to one webhook, with its retry state."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        # Enqueueing twice cannot send an event twice.
        UniqueConstraint("webhook_id", "event_seq"),
        # The dispatcher's question: the due, oldest pending delivery of each webhook.
        Index("ix_webhook_delivery_queue", "status", "webhook_id", "event_seq"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    webhook_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhook.id", ondelete="CASCADE"))
    event_seq: Mapped[int] = mapped_column(BigInteger)
    # The event as this webhook may see it, fixed when enqueued: every attempt sends the same.
    payload: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    status: Mapped[DeliveryStatus] = mapped_column(
        enum_type(DeliveryStatus, "delivery_status"), default=DeliveryStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When the next attempt may start; while an attempt runs, when its lease runs out.
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
