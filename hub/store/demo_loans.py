"""Demo units (样机) on loan: request, approval by a second person, return, custody history."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.demo_loan import DemoLoan
from hub.db.device import Device
from hub.db.enums import DeviceStatus, LoanStatus
from hub.db.listing import Listing, before, equals, one_of, prefix
from hub.db.types import utcnow
from hub.errors import ErrorCode, fail
from hub.store import institutions, records
from hub.store.review import ReviewFlow, Step, review
from hub.store.source_records import SourceKey, upsert

LISTING = Listing(
    model=DemoLoan,
    filters={
        "device_id": equals(DemoLoan.device_id),
        "institution_id": equals(DemoLoan.institution_id),
        "statuses": one_of(DemoLoan.status),
        "due_back_before": before(DemoLoan.due_back_on),
        "org_path_prefix": prefix(DemoLoan.org_path),
    },
    order_fields={
        "STARTS_ON": DemoLoan.starts_on,
        "DUE_BACK_ON": DemoLoan.due_back_on,
        "CREATED_AT": DemoLoan.created_at,
    },
    default_order="STARTS_ON",
)

FLOW = ReviewFlow(
    noun="demo loan",
    status="status",
    submitter="requested_by",
    rejected=LoanStatus.REJECTED,
    steps=(
        Step(
            LoanStatus.REQUESTED,
            LoanStatus.APPROVED,
            "approved_by",
            "approved_at",
            "approval_comment",
        ),
    ),
    submitter_word="requester",
)
OUT = LoanStatus.APPROVED
"""The status of a loan whose unit is at the borrower."""
WENT_OUT = (LoanStatus.APPROVED, LoanStatus.RETURNED)
"""Statuses of loans whose unit actually left: its custody history."""

_REQUIRED = {"device_id", "institution_id", "starts_on", "due_back_on"}
_OPEN = (LoanStatus.REQUESTED, LoanStatus.APPROVED)
_UNLENDABLE = (DeviceStatus.RETIRED, DeviceStatus.ARCHIVED, DeviceStatus.IN_REPAIR)


async def on_loan(
    session: AsyncSession, device_id: uuid.UUID, *, other_than: uuid.UUID | None = None
) -> DemoLoan | None:
    """The approved, not yet returned loan of a unit, if it is out."""
    statement = select(DemoLoan).where(DemoLoan.device_id == device_id, DemoLoan.status == OUT)
    if other_than is not None:
        statement = statement.where(DemoLoan.id != other_than)
    return (await session.execute(statement.limit(1))).scalar_one_or_none()


async def _check_device(session: AsyncSession, device_id: uuid.UUID) -> None:
    device = await records.require(session, Device, device_id, "device_id")
    if device.status in _UNLENDABLE:
        message = f"A {device.status.value} unit cannot be lent."
        raise fail("device_id", ErrorCode.INVALID_STATE, message)
    if await on_loan(session, device_id) is not None:
        raise fail("device_id", ErrorCode.INVALID_STATE, "The unit is already on loan.")


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: DemoLoan | None
) -> dict[str, Any]:
    if current is not None and current.status not in _OPEN:
        message = f"A {current.status.value} loan cannot be changed."
        raise fail("id", ErrorCode.INVALID_STATE, message)
    if current is not None and current.status is OUT and "starts_on" in values:
        raise fail("starts_on", ErrorCode.INVALID_STATE, "The unit is already out.")
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(DemoLoan, values, required)
    if current is None:
        await _check_device(session, values["device_id"])
    if values.get("institution_id") is not None:
        borrower = await institutions.live(session, values["institution_id"], "institution_id")
        values["org_path"] = borrower.org_path
    records.check_order(values, current, "starts_on", "due_back_on")
    return values


async def request(session: AsyncSession, author: Author, values: dict[str, Any]) -> DemoLoan:
    """Ask to lend a demo unit; the loan waits for another person's approval."""
    values = {**FLOW.resubmission(author), **{k: v for k, v in values.items() if v is not None}}
    return await records.create_with(session, author, DemoLoan, values, _validate)


async def update_by_id(
    session: AsyncSession,
    author: Author,
    loan_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> DemoLoan:
    """Change an open loan: department, purpose, dates (the start only before it is out)."""
    return await records.update_with(
        session, author, DemoLoan, loan_id, values, expected_version, _validate
    )


async def decide(
    session: AsyncSession,
    author: Author,
    loan_id: uuid.UUID,
    approve: bool,
    comment: str | None,
    expected_version: int | None,
) -> DemoLoan:
    """Approve (the unit goes out) or reject a requested loan; not by its requester."""
    loan = await records.require(session, DemoLoan, loan_id, "id")
    if approve and await on_loan(session, loan.device_id, other_than=loan.id) is not None:
        raise fail("id", ErrorCode.INVALID_STATE, "The unit is already on loan elsewhere.")
    decided: DemoLoan = await review(
        session, author, FLOW, DemoLoan, loan_id, approve, comment, expected_version
    )
    return decided


async def record_return(
    session: AsyncSession,
    author: Author,
    loan_id: uuid.UUID,
    returned_on: date,
    condition: str,
    expected_version: int | None,
) -> DemoLoan:
    """The unit came back on `returned_on`, in the condition described."""
    loan = await records.require_target(session, DemoLoan, loan_id)
    if loan.status is not OUT:
        message = f"A {loan.status.value} loan has no unit out to return."
        raise fail("id", ErrorCode.INVALID_TRANSITION, message)
    cleaned = records.clean_text(
        DemoLoan,
        {"return_condition": condition, "returned_on": returned_on},
        {"return_condition", "returned_on"},
    )
    if returned_on < loan.starts_on:
        raise fail("returned_on", ErrorCode.INVALID, "returned_on must be on or after starts_on.")
    values = {**cleaned, "status": LoanStatus.RETURNED, "returned_at": utcnow()}
    return await records.apply(
        session, author, loan, values, expected_version=expected_version, action="RETURN"
    )


async def upsert_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> DemoLoan:
    """Create or update the loan a source ID refers to (matching unit, borrower and start)."""
    given = {k: v for k, v in values.items() if v is not None}

    async def match() -> DemoLoan | None:
        if not all(given.get(k) for k in ("device_id", "institution_id", "starts_on")):
            return None
        statement = select(DemoLoan).where(
            DemoLoan.device_id == given["device_id"],
            DemoLoan.institution_id == given["institution_id"],
            DemoLoan.starts_on == given["starts_on"],
        )
        return (await session.execute(statement.limit(1))).scalar_one_or_none()

    updatable = {k: v for k, v in given.items() if k != "device_id"}

    async def update(row: DemoLoan) -> DemoLoan:
        if all(getattr(row, k) == v for k, v in updatable.items()):
            return row  # a re-sent row of a closed loan is not a change to refuse
        return await records.revise(session, author, row, updatable, None, _validate)

    return await upsert(
        session,
        author,
        key,
        DemoLoan,
        match=match,
        create=lambda: request(session, author, given),
        update=update,
    )
