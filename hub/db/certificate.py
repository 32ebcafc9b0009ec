"""Certificates: licences, filings and personal documents, with scope and validity."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import CertificateKind, RecordStatus
from hub.db.review import FourEyesReview
from hub.db.types import JsonDocument


class Certificate(FourEyesReview, EntityMixin, Base):
    """A qualification held by an institution or, for personal documents, by a contact."""

    __tablename__ = "certificate"
    __table_args__ = (
        CheckConstraint(
            "(institution_id IS NULL) <> (contact_id IS NULL)", name="exactly_one_holder"
        ),
        CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name="valid_to_after_from",
        ),
    )

    institution_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    contact_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("contact.id"), index=True)
    kind: Mapped[CertificateKind] = mapped_column(
        enum_type(CertificateKind, "certificate_kind"), index=True
    )
    number: Mapped[str] = mapped_column(String(64), index=True)
    issuer: Mapped[str | None] = mapped_column(String(200))
    valid_from: Mapped[date | None] = mapped_column(Date, index=True)
    valid_to: Mapped[date | None] = mapped_column(Date, index=True)
    # {"deviceClasses": ["II", "III"], "categories": ["07", "6840"]}
    scope: Mapped[dict[str, Any]] = mapped_column(JsonDocument, default=dict)
    document: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "certificate_status"), default=RecordStatus.ACTIVE, index=True
    )
