"""Institutions: hospitals, clinics, distributors, pharmacies and their branches."""

import uuid
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import InstitutionKind, InstitutionStatus, QualificationStatus
from hub.db.types import JsonDocument, Money


class Institution(EntityMixin, Base):
    """A legal entity or a branch of one; `parent_id` builds the group hierarchy."""

    __tablename__ = "institution"
    __table_args__ = (
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        CheckConstraint(
            "(status = 'MERGED') = (merged_into_id IS NOT NULL)", name="merged_has_target"
        ),
        CheckConstraint("credit_limit IS NULL OR credit_limit >= 0", name="credit_limit_positive"),
    )

    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[InstitutionKind] = mapped_column(
        enum_type(InstitutionKind, "institution_kind"), index=True
    )
    grade: Mapped[str | None] = mapped_column(String(32), index=True)
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    region_code: Mapped[str | None] = mapped_column(String(6), index=True)
    address: Mapped[str | None] = mapped_column(String(500))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    status: Mapped[InstitutionStatus] = mapped_column(
        enum_type(InstitutionStatus, "institution_status"),
        default=InstitutionStatus.ACTIVE,
        index=True,
    )
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    tags: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    credit_rating: Mapped[str | None] = mapped_column(String(8))
    credit_limit: Mapped[Decimal | None] = mapped_column(Money)
    # The status last computed by re-screening (null: never screened); a change is an audit
    # event, so the change feed tells a WMS when a customer stops being qualified.
    qualification_status: Mapped[QualificationStatus | None] = mapped_column(
        enum_type(QualificationStatus, "qualification_status"), index=True
    )
