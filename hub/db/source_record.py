"""Cross-references from source systems' IDs to hub records."""

import uuid

from sqlalchemy import Index, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin


class SourceRecord(EntityMixin, Base):
    """(source_system, source_id) → (entity_type, entity_id): the CRM's 8812 is our X."""

    __tablename__ = "source_record"
    __table_args__ = (
        UniqueConstraint("source_system", "source_id"),
        Index("ix_source_record_entity", "entity_type", "entity_id"),
    )

    source_system: Mapped[str] = mapped_column(String(64), index=True)
    source_id: Mapped[str] = mapped_column(String(128))
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
