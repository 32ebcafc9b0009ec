"""Review by other people: a submitted record moves one step per decision until APPROVED, or
stops at REJECTED.

No one reviews what they submitted, and no one reviews the same record twice, so every approval
comes from a different person; a rejection needs a comment. Certificates take two approvals,
credit requests one; each kind of record names its steps and their columns in a ReviewFlow.
"""

from dataclasses import dataclass
from typing import Any

from hub.audit.writer import Author
from hub.db.enums import ReviewStatus
from hub.db.types import utcnow
from hub.errors import ErrorCode, fail


@dataclass(frozen=True)
class ReviewStep:
    """One approval: the columns that record it and the status it leads to."""

    reviewer: str
    reviewed_at: str
    comment: str
    approved: ReviewStatus


@dataclass(frozen=True)
class ReviewFlow:
    """The steps of a kind of record, keyed by the status that awaits each."""

    noun: str
    steps: dict[ReviewStatus, ReviewStep]

    def resubmission(self, author: Author) -> dict[str, Any]:
        """The values that put a record (back) at the start of review, submitted by `author`."""
        cleared = {
            column: None
            for step in self.steps.values()
            for column in (step.reviewer, step.reviewed_at, step.comment)
        }
        return {"review_status": ReviewStatus.SUBMITTED, "submitted_by": author.actor, **cleared}


def _check_reviewer(flow: ReviewFlow, row: Any, author: Author) -> None:
    if author.actor == row.submitted_by:
        raise fail("id", ErrorCode.SAME_REVIEWER, f"The submitter cannot review the {flow.noun}.")
    if any(author.actor == getattr(row, step.reviewer) for step in flow.steps.values()):
        raise fail(
            "id", ErrorCode.SAME_REVIEWER, "The second review must come from another person."
        )


def decision(
    flow: ReviewFlow, row: Any, author: Author, approve: bool, comment: str | None
) -> dict[str, Any]:
    """The changes one approval or rejection makes to `row`, or the user error refusing it."""
    comment = (comment or "").strip() or None
    if not approve and comment is None:
        raise fail("comment", ErrorCode.REQUIRED, f"Say why the {flow.noun} is rejected.")
    if row.review_status not in flow.steps:
        status = row.review_status.value
        raise fail("id", ErrorCode.INVALID_TRANSITION, f"A {status} {flow.noun} is not in review.")
    _check_reviewer(flow, row, author)
    step = flow.steps[row.review_status]
    return {
        "review_status": step.approved if approve else ReviewStatus.REJECTED,
        step.reviewer: author.actor,
        step.reviewed_at: utcnow(),
        step.comment: comment,
    }
