"""Reviews by other people, shared by certificates, authorisation letters, demo loans and
credit requests: each step is approved by someone other than the submitter and the earlier
reviewers, and a rejection needs a comment."""

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.base import EntityMixin
from hub.db.enums import ReviewStatus
from hub.db.types import utcnow
from hub.errors import ErrorCode, fail
from hub.store import records


@dataclass(frozen=True)
class Step:
    """One review step: the status it awaits, where approval leads, and its columns."""

    awaiting: StrEnum
    approved: StrEnum
    reviewer: str
    reviewed_at: str
    comment: str


@dataclass(frozen=True)
class ReviewFlow:
    """The steps of one kind of review and the columns it writes."""

    noun: str
    status: str
    submitter: str
    rejected: StrEnum
    steps: tuple[Step, ...]
    submitter_word: str = "submitter"

    def step_awaiting(self, status: StrEnum) -> Step | None:
        """The step a row in `status` is waiting for, if any."""
        return next((step for step in self.steps if step.awaiting == status), None)

    def resubmission(self, author: Author) -> dict[str, Any]:
        """The values that put a row (back) at the start of review, submitted by `author`."""
        cleared = {
            column: None
            for step in self.steps
            for column in (step.reviewer, step.reviewed_at, step.comment)
        }
        return {self.status: self.steps[0].awaiting, self.submitter: author.actor, **cleared}


def four_eyes(noun: str) -> ReviewFlow:
    """SUBMITTED → FIRST_APPROVED → APPROVED, or REJECTED (the FourEyesReview columns)."""
    return ReviewFlow(
        noun=noun,
        status="review_status",
        submitter="submitted_by",
        rejected=ReviewStatus.REJECTED,
        steps=tuple(
            Step(awaiting, approved, f"{step}_reviewer", f"{step}_reviewed_at", f"{step}_comment")
            for step, awaiting, approved in (
                ("first", ReviewStatus.SUBMITTED, ReviewStatus.FIRST_APPROVED),
                ("second", ReviewStatus.FIRST_APPROVED, ReviewStatus.APPROVED),
            )
        ),
    )


def _check_reviewer(flow: ReviewFlow, row: Any, author: Author, step: Step) -> None:
    if author.actor == getattr(row, flow.submitter):
        message = f"The {flow.submitter_word} cannot review the {flow.noun}."
        raise fail("id", ErrorCode.SAME_REVIEWER, message)
    earlier = flow.steps[: flow.steps.index(step)]
    if any(author.actor == getattr(row, done.reviewer) for done in earlier):
        message = "Each review step must come from another person."
        if flow.steps.index(step) == 1:
            message = "The second review must come from another person."
        raise fail("id", ErrorCode.SAME_REVIEWER, message)


def decision(
    flow: ReviewFlow, row: Any, author: Author, approve: bool, comment: str | None
) -> dict[str, Any]:
    """The changes one approval or rejection makes to `row`, or the user error refusing it."""
    comment = (comment or "").strip() or None
    if not approve and comment is None:
        raise fail("comment", ErrorCode.REQUIRED, f"Say why the {flow.noun} is rejected.")
    status = getattr(row, flow.status)
    step = flow.step_awaiting(status)
    if step is None:
        message = f"A {status.value} {flow.noun} is not in review."
        raise fail("id", ErrorCode.INVALID_TRANSITION, message)
    _check_reviewer(flow, row, author, step)
    return {
        flow.status: step.approved if approve else flow.rejected,
        step.reviewer: author.actor,
        step.reviewed_at: utcnow(),
        step.comment: comment,
    }


async def review(
    session: AsyncSession,
    author: Author,
    flow: ReviewFlow,
    model: type[EntityMixin],
    row_id: uuid.UUID,
    approve: bool,
    comment: str | None,
    expected_version: int | None,
) -> Any:
    """Approve or reject the row at its current review step, as `author`."""
    row = await records.require(session, model, row_id, "id")
    records.require_live(row)
    changes = decision(flow, row, author, approve, comment)
    action = "APPROVE" if approve else "REJECT"
    return await records.apply(
        session, author, row, changes, expected_version=expected_version, action=action
    )
