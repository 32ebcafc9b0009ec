"""Four-eyes review of certificates: SUBMITTED → FIRST_APPROVED → APPROVED, or REJECTED.

The two approvals come from two different people, neither of them the submitter; a rejection
needs a comment. Only APPROVED certificates count toward qualification.
"""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.certificate import Certificate
from hub.store import qualifications
from hub.store.review import four_eyes
from hub.store.review import review as review_step

FLOW = four_eyes("certificate")
# Changing any of these sends an already reviewed certificate back to review.
REVIEWED_FIELDS = frozenset(
    {"kind", "number", "valid_from", "valid_to", "scope", "institution_id", "contact_id"}
)
resubmission = FLOW.resubmission


async def review(
    session: AsyncSession,
    author: Author,
    certificate_id: uuid.UUID,
    approve: bool,
    comment: str | None,
    expected_version: int | None,
) -> Certificate:
    """Approve or reject the certificate at its current review step."""
    certificate: Certificate = await review_step(
        session, author, FLOW, Certificate, certificate_id, approve, comment, expected_version
    )
    await qualifications.requalify(session, author, certificate.institution_id)
    return certificate
