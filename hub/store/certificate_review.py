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
from hub.store import qualifications, records
from hub.store.review import ReviewFlow, ReviewStep, decision

FLOW = ReviewFlow(
    noun="certificate",
    steps={
        ReviewStatus.SUBMITTED: ReviewStep(
            "first_reviewer", "first_reviewed_at", "first_comment", ReviewStatus.FIRST_APPROVED
        ),
        ReviewStatus.FIRST_APPROVED: ReviewStep(
            "second_reviewer", "second_reviewed_at", "second_comment", ReviewStatus.APPROVED
        ),
    },
)
# Changing any of these sends an already reviewed certificate back to review.
REVIEWED_FIELDS = frozenset(
    {"kind", "number", "valid_from", "valid_to", "scope", "institution_id", "contact_id"}
)


def resubmission(author: Author) -> dict[str, Any]:
    """The values that put a certificate (back) at the start of review."""
    return FLOW.resubmission(author)


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
    changes = decision(FLOW, certificate, author, approve, comment)
    action = "APPROVE" if approve else "REJECT"
    await records.apply(
        session, author, certificate, changes, expected_version=expected_version, action=action
    )
    await qualifications.requalify(session, author, certificate.institution_id)
    return certificate
