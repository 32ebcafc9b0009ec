"""Query and mutation fields of credit control."""

from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.context.request import Info
from hub.credit.rules import current_credit_rules
from hub.db.credit import CreditRequest as CreditRequestRow
from hub.global_ids import decode_id
from hub.quality.clock import today
from hub.resolvers import mutations
from hub.resolvers.fields import Values, archive_field, connection_field, create_field, upsert_field
from hub.schema.certificate import ReviewDecision
from hub.schema.credit import (
    CreditProfile,
    CreditProfileFilter,
    CreditProfileOrder,
    CreditRequest,
    CreditRequestFilter,
    CreditRequestOrder,
    CreditRequestPayload,
    Receivable,
    ReceivableFilter,
    ReceivableOrder,
    ReceivablePayload,
    RequestCreditChangeInput,
    RequestCreditOverrideInput,
    ReviewCreditRequestInput,
    UpsertReceivableInput,
)
from hub.store import credit_requests, receivables


async def _request_change(session: AsyncSession, author: Author, values: Values) -> Any:
    return await credit_requests.request_change(session, author, values, current_credit_rules())


async def review_credit_request(
    info: Info,
    input: ReviewCreditRequestInput,
) -> CreditRequestPayload:  # type: ignore[valid-type]
    """Approve or reject a credit request as the calling actor (never its submitter)."""
    rules = info.context.credit_rules

    async def write(session: AsyncSession, author: Author) -> Any:
        return await credit_requests.review(
            session,
            author,
            decode_id(input.id, "CreditRequest", "id"),
            approve=input.decision is ReviewDecision.APPROVE,
            comment=input.comment,
            expected_version=input.expected_version,
            rules=rules,
            on=today(),
        )

    return await mutations.run(info, CreditRequestPayload, write)


QUERY_FIELDS = {
    "credit_profiles": connection_field(
        CreditProfile,
        credit_requests.PROFILE_LISTING,
        CreditProfileFilter,
        CreditProfileOrder,
        "Credit profiles, e.g. those whose stored status is HOLD.",
    ),
    "credit_requests": connection_field(
        CreditRequest,
        credit_requests.LISTING,
        CreditRequestFilter,
        CreditRequestOrder,
        "Credit requests: the history of every profile and override.",
    ),
    "receivables": connection_field(
        Receivable,
        receivables.LISTING,
        ReceivableFilter,
        ReceivableOrder,
        "Receivables reported by the ERP.",
    ),
}

MUTATION_FIELDS = {
    "request_credit_change": create_field(
        CreditRequestPayload,
        RequestCreditChangeInput,
        _request_change,
        "Ask for a new rating, limit and terms; another person approves it.",
    ),
    "request_credit_override": create_field(
        CreditRequestPayload,
        RequestCreditOverrideInput,
        credit_requests.request_override,
        "Ask to ship despite a credit hold until a time; another person approves it.",
    ),
    "review_credit_request": strawberry.field(
        resolver=review_credit_request,
        description="Approve or reject a credit request: SUBMITTED → APPROVED, or REJECTED.",
    ),
    "archive_credit_request": archive_field(
        CreditRequestPayload,
        CreditRequestRow,
        "Withdraw a credit request, or end an override early.",
    ),
    "upsert_receivable": upsert_field(
        ReceivablePayload,
        UpsertReceivableInput,
        receivables.upsert_from_source,
        "Record an ERP receivable document; re-sending it updates it, an older fact is ignored.",
    ),
}
