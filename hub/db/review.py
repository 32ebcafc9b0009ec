"""The columns of a four-eyes review: who submitted, then two different reviewers."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from hub.db.base import enum_type
from hub.db.enums import ReviewStatus
from hub.db.types import UtcDateTime


class FourEyesReview:
    """SUBMITTED → FIRST_APPROVED → APPROVED, or REJECTED, with reviewer and comment per step."""

    @declared_attr
    def review_status(cls) -> Mapped[ReviewStatus]:
        # The constraint is named per table, as the certificate table always had it.
        return mapped_column(
            enum_type(ReviewStatus, "review_status"), default=ReviewStatus.SUBMITTED, index=True
        )

    submitted_by: Mapped[str | None] = mapped_column(String(200))
    first_reviewer: Mapped[str | None] = mapped_column(String(200))
    first_reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    first_comment: Mapped[str | None] = mapped_column(String(1000))
    second_reviewer: Mapped[str | None] = mapped_column(String(200))
    second_reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    second_comment: Mapped[str | None] = mapped_column(String(1000))
