"""Query and mutation fields of demo loans."""

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.context.request import Info
from hub.global_ids import decode_id
from hub.resolvers import mutations
from hub.resolvers.fields import (
    connection_field,
    create_field,
    review_field,
    update_field,
    upsert_field,
)
from hub.schema.demo_loan import (
    DemoLoan,
    DemoLoanFilter,
    DemoLoanOrder,
    DemoLoanPayload,
    RequestDemoLoanInput,
    ReturnDemoLoanInput,
    ReviewDemoLoanInput,
    UpdateDemoLoanInput,
    UpsertDemoLoanInput,
)
from hub.store import demo_loans


async def return_demo_loan(info: Info, input: ReturnDemoLoanInput) -> DemoLoanPayload:  # type: ignore[valid-type]
    """Record that a lent unit came back, and in what condition."""

    async def write(session: AsyncSession, author: Author) -> object:
        return await demo_loans.record_return(
            session,
            author,
            decode_id(input.id, "DemoLoan", "id"),
            input.returned_on,
            input.condition,
            input.expected_version,
        )

    return await mutations.run(info, DemoLoanPayload, write)


QUERY_FIELDS = {
    "demo_loans": connection_field(
        DemoLoan,
        demo_loans.LISTING,
        DemoLoanFilter,
        DemoLoanOrder,
        "Demo loans, filtered (e.g. statuses: [APPROVED], dueBackBefore) and ordered.",
    ),
}

MUTATION_FIELDS = {
    "request_demo_loan": create_field(
        DemoLoanPayload,
        RequestDemoLoanInput,
        demo_loans.request,
        "Ask to lend a demo unit; the caller is the requester.",
    ),
    "update_demo_loan": update_field(
        DemoLoanPayload,
        UpdateDemoLoanInput,
        "DemoLoan",
        demo_loans.update_by_id,
        "Change an open loan (e.g. extend its due-back date).",
    ),
    "review_demo_loan": review_field(
        DemoLoanPayload,
        ReviewDemoLoanInput,
        "DemoLoan",
        demo_loans.decide,
        "Approve (the unit goes out) or reject a loan; never by its requester.",
    ),
    "return_demo_loan": strawberry.field(
        resolver=return_demo_loan, description="The unit is back, with a note on its condition."
    ),
    "upsert_demo_loan": upsert_field(
        DemoLoanPayload,
        UpsertDemoLoanInput,
        demo_loans.upsert_from_source,
        "Create or update the loan a source-system ID refers to.",
    ),
}
