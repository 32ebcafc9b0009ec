"""Credit requests: a change of rating, limit and terms, or a time-limited override of a hold.

Either takes effect only when another person approves it (see hub.store.review): an approved
change becomes the institution's credit profile, an approved override lets the dock ship to a
customer on hold until it ends. Requests are kept, so they are the profile's history.
"""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.credit.rules import CreditRules
from hub.db.credit import CreditProfile, CreditRequest
from hub.db.enums import CreditRequestKind, RecordStatus, ReviewStatus
from hub.db.listing import Listing, equals, one_of
from hub.db.types import utcnow
from hub.errors import ErrorCode, ErrorCollector, fail
from hub.store import credit_standing, institutions, records
from hub.store.amounts import check_amount, check_currency
from hub.store.review import ReviewFlow, Step, decision

LISTING = Listing(
    model=CreditRequest,
    filters={
        "institution_id": equals(CreditRequest.institution_id),
        "kinds": one_of(CreditRequest.kind),
        "review_statuses": one_of(CreditRequest.review_status),
        "statuses": one_of(CreditRequest.status),
    },
    order_fields={
        "CREATED_AT": CreditRequest.created_at,
        "REVIEWED_AT": CreditRequest.reviewed_at,
        "OVERRIDE_UNTIL": CreditRequest.override_until,
    },
    default_order="CREATED_AT",
    default_scope=lambda: CreditRequest.status == RecordStatus.ACTIVE,
    scope_overridden_by=frozenset({"statuses"}),
)
PROFILE_LISTING = Listing(
    model=CreditProfile,
    filters={
        "institution_id": equals(CreditProfile.institution_id),
        "ratings": one_of(CreditProfile.rating),
        "credit_statuses": one_of(CreditProfile.credit_status),
    },
    order_fields={"VALID_TO": CreditProfile.valid_to, "APPROVED_AT": CreditProfile.approved_at},
    default_order="VALID_TO",
    default_scope=lambda: CreditProfile.status == RecordStatus.ACTIVE,
)

FLOW = ReviewFlow(
    noun="credit request",
    status="review_status",
    submitter="submitted_by",
    rejected=ReviewStatus.REJECTED,
    steps=(
        Step(
            ReviewStatus.SUBMITTED,
            ReviewStatus.APPROVED,
            "reviewer",
            "reviewed_at",
            "review_comment",
        ),
    ),
)
# The fields an approved change copies onto the profile.
PROFILE_FIELDS = (
    "rating",
    "credit_limit",
    "currency",
    "payment_terms_days",
    "valid_from",
    "valid_to",
)


def _check_terms(values: dict[str, Any], rules: CreditRules) -> None:
    errors = ErrorCollector()
    if values.get("rating") is not None and values["rating"] not in rules.grades:
        grades = ", ".join(sorted(rules.grades))
        errors.add("rating", ErrorCode.UNKNOWN_CODE, f"The rating must be one of {grades}.")
    check_amount(errors, values, "credit_limit")
    check_currency(errors, values)
    if (values.get("payment_terms_days") or 0) < 0:
        errors.add("payment_terms_days", ErrorCode.INVALID, "Payment terms cannot be negative.")
    errors.raise_if_any()
    records.check_order(values, None, "valid_from", "valid_to")


async def _submit(
    session: AsyncSession, author: Author, values: dict[str, Any], required: set[str]
) -> CreditRequest:
    values = records.clean_text(CreditRequest, values, required | {"institution_id", "reason"})
    holder = await institutions.live(session, values["institution_id"], "institution_id")
    row = CreditRequest(**values, **FLOW.resubmission(author), org_path=holder.org_path)
    return await records.insert(session, author, row, action="REQUEST")


async def request_change(
    session: AsyncSession, author: Author, values: dict[str, Any], rules: CreditRules
) -> CreditRequest:
    """Ask for a new rating, limit and terms for an institution (or its group, on the parent)."""
    given = {key: value for key, value in values.items() if value is not None}
    given.setdefault("currency", credit_standing.DEFAULT_CURRENCY)
    given.setdefault("payment_terms_days", 0)
    _check_terms(given, rules)
    return await _submit(
        session, author, {**given, "kind": CreditRequestKind.CHANGE}, {"rating", "credit_limit"}
    )


async def request_override(
    session: AsyncSession, author: Author, values: dict[str, Any]
) -> CreditRequest:
    """Ask to ship to a customer despite a credit hold, until a given time."""
    given = {key: value for key, value in values.items() if value is not None}
    until = given.get("override_until")
    if until is not None and until <= utcnow():
        raise fail("override_until", ErrorCode.INVALID, "An override must end in the future.")
    return await _submit(
        session, author, {**given, "kind": CreditRequestKind.OVERRIDE}, {"override_until"}
    )


async def _apply_change(session: AsyncSession, author: Author, request: CreditRequest) -> None:
    terms = {name: getattr(request, name) for name in PROFILE_FIELDS}
    approval = {"approved_by": author.actor, "approved_at": utcnow()}
    statement = select(CreditProfile).where(CreditProfile.institution_id == request.institution_id)
    profile = (await session.execute(statement)).scalar_one_or_none()
    if profile is None:
        profile = CreditProfile(
            institution_id=request.institution_id,
            org_path=request.org_path,
            **terms,
            **approval,
        )
        await records.insert(session, author, profile, action="APPROVE")
    else:
        values = {**terms, **approval, "status": RecordStatus.ACTIVE}
        await records.apply(session, author, profile, values, action="APPROVE")


async def review(
    session: AsyncSession,
    author: Author,
    request_id: uuid.UUID,
    approve: bool,
    comment: str | None,
    expected_version: int | None,
    rules: CreditRules,
    on: date,
) -> CreditRequest:
    """Approve or reject a credit request; an approved change becomes the credit profile."""
    request = await records.require(session, CreditRequest, request_id, "id")
    records.require_live(request)
    changes = decision(FLOW, request, author, approve, comment)
    if approve and request.kind is CreditRequestKind.OVERRIDE:
        assert request.override_until is not None  # required on submission
        if request.override_until <= utcnow():
            raise fail("id", ErrorCode.INVALID_STATE, "The override's end has already passed.")
    action = "APPROVE" if approve else "REJECT"
    await records.apply(
        session, author, request, changes, expected_version=expected_version, action=action
    )
    if approve and request.kind is CreditRequestKind.CHANGE:
        await _apply_change(session, author, request)
        await credit_standing.store_standings(session, author, [request.institution_id], rules, on)
    return request


async def active_override(
    session: AsyncSession, institution_ids: list[uuid.UUID], at: datetime
) -> CreditRequest | None:
    """The approved, unexpired override on any of these institutions (a buyer and the account
    governing it) that runs longest, if there is one."""
    statement = (
        select(CreditRequest)
        .where(
            CreditRequest.institution_id.in_(institution_ids),
            CreditRequest.kind == CreditRequestKind.OVERRIDE,
            CreditRequest.review_status == ReviewStatus.APPROVED,
            CreditRequest.status == RecordStatus.ACTIVE,
            CreditRequest.override_until > at,
        )
        .order_by(CreditRequest.override_until.desc())
        .limit(1)
    )
    return (await session.execute(statement)).scalar_one_or_none()
