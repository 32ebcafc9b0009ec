"""Credit control: approved profiles, the requests that change them, ERP receivables."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import CreditRequestKind, CreditTier, RecordStatus, ReviewStatus
from hub.db.types import JsonDocument, Money, UtcDateTime


class CreditProfile(EntityMixin, Base):
    """The approved rating, limit and terms of an institution; a group's profile also covers
    those of its branches that have none of their own.

    Rows change only by approving a CreditRequest, never by a direct edit.
    """

    __tablename__ = "credit_profile"
    __table_args__ = (
        CheckConstraint("credit_limit >= 0", name="limit_positive"),
        CheckConstraint("payment_terms_days >= 0", name="terms_positive"),
        CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name="valid_to_after_from",
        ),
    )

    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), unique=True
    )
    rating: Mapped[str] = mapped_column(String(8))
    credit_limit: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=0)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, index=True)
    approved_by: Mapped[str] = mapped_column(String(200))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The tier last stored by evaluation, with its reason codes and the day it was entered; a
    # change is an audit event (CREDIT_STATUS), so webhook subscribers learn of a new hold.
    credit_status: Mapped[CreditTier | None] = mapped_column(
        enum_type(CreditTier, "credit_tier"), index=True
    )
    credit_reasons: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    credit_status_since: Mapped[date | None] = mapped_column(Date)
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "credit_profile_status"), default=RecordStatus.ACTIVE
    )


class CreditRequest(EntityMixin, Base):
    """A requested change of rating, limit and terms, or a time-limited override of a hold,
    reviewed by a second person before it takes effect."""

    __tablename__ = "credit_request"
    __table_args__ = (
        CheckConstraint("credit_limit IS NULL OR credit_limit >= 0", name="limit_positive"),
        CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name="valid_to_after_from",
        ),
    )

    kind: Mapped[CreditRequestKind] = mapped_column(
        enum_type(CreditRequestKind, "credit_request_kind"), index=True
    )
    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    rating: Mapped[str | None] = mapped_column(String(8))
    credit_limit: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3))
    payment_terms_days: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    override_until: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    reason: Mapped[str] = mapped_column(String(1000))
    review_status: Mapped[ReviewStatus] = mapped_column(
        enum_type(ReviewStatus, "credit_review_status"), default=ReviewStatus.SUBMITTED, index=True
    )
    submitted_by: Mapped[str | None] = mapped_column(String(200))
    reviewer: Mapped[str | None] = mapped_column(String(200))
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    review_comment: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "credit_request_status"), default=RecordStatus.ACTIVE, index=True
    )


class Receivable(EntityMixin, Base):
    """An ERP receivable document still (or no longer) outstanding, as the ERP saw it on
    `as_of`; one row per source document, so re-sending a document updates it."""

    __tablename__ = "receivable"
    __table_args__ = (UniqueConstraint("source_system", "document_number"),)

    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    source_system: Mapped[str] = mapped_column(String(64))
    document_number: Mapped[str] = mapped_column(String(64))
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    due_on: Mapped[date] = mapped_column(Date, index=True)
    as_of: Mapped[date] = mapped_column(Date)
    document_date: Mapped[date | None] = mapped_column(Date)
