"""Four-eyes review of certificates: SUBMITTED → FIRST_APPROVED → APPROVED, or REJECTED.

The two approvals come from two different people, neither of them the submitter; a rejection
needs a comment. Only APPROVED certificates count toward qualification.
"""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.certificate import Certificate
from hub.db.enums import ReviewStatus
from hub.db.types import utcnow
from hub.errors import ErrorCode, fail
from hub.store import qualifications, records

# Which review step each awaiting status is, and where approval leads.
_STEPS = {
    ReviewStatus.SUBMITTED: ("first", ReviewStatus.FIRST_APPROVED),
    ReviewStatus.FIRST_APPROVED: ("second", ReviewStatus.APPROVED),
}
# Changing any of these sends an already reviewed certificate back to review.
REVIEWED_FIELDS = frozenset(
    {"kind", "number", "valid_from", "valid_to", "scope", "institution_id", "contact_id"}
)


def resubmission(author: Author) -> dict[str, Any]:
    """The values that put a certificate (back) at the start of review."""
    return {
        "review_status": ReviewStatus.SUBMITTED,
        "submitted_by": author.actor,
        **{
            f"{step}_{field}": None
            for step in ("first", "second")
            for field in ("reviewer", "reviewed_at", "comment")
        },
    }


def _check_reviewer(certificate: Certificate, author: Author) -> None:
    if author.actor == certificate.submitted_by:
        raise fail("id", ErrorCode.SAME_REVIEWER, "The submitter cannot review the certificate.")
    if author.actor == certificate.first_reviewer:
        raise fail(
            "id", ErrorCode.SAME_REVIEWER, "The second review must come from another person."
        )


async def review(
    session: AsyncSession,
    author: Author,
    certificate_id: uuid.UUID,
    approve: bool,
    comment: str | None,
    expected_version: int | None,
) -> Certificate:
    """Approve or reject the certificate at its current review step."""
    certificate = await records.require(session, Certificate, certificate_id, "id")
    records.require_live(certificate)
    comment = (comment or "").strip() or None
    if not approve and comment is None:
        raise fail("comment", ErrorCode.REQUIRED, "Say why the certificate is rejected.")
    if certificate.review_status not in _STEPS:
        status = certificate.review_status.value
        raise fail("id", ErrorCode.INVALID_TRANSITION, f"A {status} certificate is not in review.")
    _check_reviewer(certificate, author)
    step, approved = _STEPS[certificate.review_status]
    changes = {
        "review_status": approved if approve else ReviewStatus.REJECTED,
        f"{step}_reviewer": author.actor,
        f"{step}_reviewed_at": utcnow(),
        f"{step}_comment": comment,
    }
    action = "APPROVE" if approve else "REJECT"
    await records.apply(
        session, author, certificate, changes, expected_version=expected_version, action=action
    )
    await qualifications.requalify(session, author, certificate.institution_id)
    return certificate
