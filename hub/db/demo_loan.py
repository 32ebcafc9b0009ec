"""Demo units (样机) lent to an institution and due back."""

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import LoanStatus
from hub.db.types import UtcDateTime


class DemoLoan(EntityMixin, Base):
    """One stay of a demo unit at an institution: requested, approved by a second person,
    returned with a note on its condition. A device's loans are its custody history."""

    __tablename__ = "demo_loan"
    __table_args__ = (
        CheckConstraint("due_back_on >= starts_on", name="due_after_start"),
        CheckConstraint(
            "returned_on IS NULL OR returned_on >= starts_on", name="returned_after_start"
        ),
    )

    device_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("device.id"), index=True)
    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    # Free text until departments are records of their own (科室, e.g. 心血管内科).
    department: Mapped[str | None] = mapped_column(String(100))
    purpose: Mapped[str | None] = mapped_column(String(500))
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    due_back_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[LoanStatus] = mapped_column(
        enum_type(LoanStatus, "loan_status"), default=LoanStatus.REQUESTED, index=True
    )
    # Two people: whoever asks for the unit cannot approve the loan.
    requested_by: Mapped[str | None] = mapped_column(String(200))
    approved_by: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    approval_comment: Mapped[str | None] = mapped_column(String(1000))
    returned_on: Mapped[date | None] = mapped_column(Date, index=True)
    returned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    return_condition: Mapped[str | None] = mapped_column(String(1000))
