"""Contacts: the people at an institution."""

import uuid

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import ContactRole, RecordStatus


class Contact(EntityMixin, Base):
    """A person at an institution; `id_number` is PII kept only for legal representatives."""

    __tablename__ = "contact"

    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    name: Mapped[str] = mapped_column(String(100), index=True)
    role: Mapped[ContactRole] = mapped_column(
        enum_type(ContactRole, "contact_role"), default=ContactRole.OTHER, index=True
    )
    title: Mapped[str | None] = mapped_column(String(100))
    # The department as the source wrote it; `department_id` is the coded record it names
    # (null while the text matches no dictionary entry: a steward's to-do, never dropped).
    department: Mapped[str | None] = mapped_column(String(100))
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("department.id"), index=True
    )
    mobile: Mapped[str | None] = mapped_column(String(32), index=True)
    office_phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "contact_status"), default=RecordStatus.ACTIVE, index=True
    )
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("contact.id"), index=True
    )
