"""The append-only audit trail, which doubles as the change feed."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base
from hub.db.types import JsonDocument, UtcDateTime, utcnow


class AuditEvent(Base):
    """One change to one record; `seq` orders the change feed."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity_id", "seq"),)

    # SQLite only auto-increments an INTEGER PRIMARY KEY, PostgreSQL wants BIGINT for the feed.
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(128), index=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    entity_type: Mapped[str] = mapped_column(String(32), index=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    org_path: Mapped[str] = mapped_column(String(255), index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(JsonDocument, default=dict)
    request_id: Mapped[str | None] = mapped_column(String(64), index=True)
