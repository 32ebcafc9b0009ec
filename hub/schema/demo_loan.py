"""GraphQL presentation of demo units on loan."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import device as device_db
from hub.db import institution as institution_db
from hub.db.demo_loan import DemoLoan as DemoLoanRow
from hub.db.enums import LoanStatus
from hub.schema import relations
from hub.schema.certificate import ReviewDecision
from hub.schema.common_inputs import SourceInput
from hub.schema.node import Record, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import demo_loans

if TYPE_CHECKING:
    from hub.schema.device import Device
    from hub.schema.institution import Institution

strawberry.enum(LoanStatus, description="Where a demo loan stands.")


@registers(DemoLoanRow)
@strawberry.type(
    description="A demo unit (样机) lent to an institution: requested, approved by a second "
    "person, returned with a condition note."
)
class DemoLoan(Record):
    department: str | None = strawberry.field(description="The borrowing department (科室).")
    purpose: str | None
    starts_on: date | None
    due_back_on: date | None
    status: LoanStatus | None
    requested_by: str | None
    approved_by: str | None = strawberry.field(
        description="Who approved (or rejected) it; never the requester."
    )
    approved_at: datetime | None
    approval_comment: str | None
    returned_on: date | None
    returned_at: datetime | None
    return_condition: str | None = strawberry.field(description="The unit's state on return.")

    @strawberry.field(description="The unit lent.")
    async def device(
        self, info: Info
    ) -> Annotated["Device", strawberry.lazy("hub.schema.device")] | None:
        return await relations.one(info, device_db.Device, self.row.device_id)

    @strawberry.field(description="The borrower.")
    async def institution(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)


@strawberry.input
class DemoLoanFilter:
    device_id: strawberry.ID | None = None
    institution_id: strawberry.ID | None = None
    statuses: list[LoanStatus] | None = None
    due_back_before: date | None = None
    org_path_prefix: str | None = None


DemoLoanOrder = order_input("DemoLoan", demo_loans.LISTING)


@strawberry.input(description="Ask to lend a demo unit; someone else approves it.")
class RequestDemoLoanInput:
    device_id: strawberry.ID
    institution_id: strawberry.ID
    starts_on: date
    due_back_on: date
    department: str | None = None
    purpose: str | None = None


@strawberry.input(description="Only the fields given are changed; null clears a field.")
class UpdateDemoLoanInput:
    id: strawberry.ID
    expected_version: int | None = None
    department: str | None = strawberry.UNSET
    purpose: str | None = strawberry.UNSET
    starts_on: date | None = strawberry.UNSET
    due_back_on: date | None = strawberry.UNSET


@strawberry.input(description="Create or update the loan a source-system ID refers to.")
class UpsertDemoLoanInput(RequestDemoLoanInput):
    source: SourceInput


@strawberry.input(description="The unit is back: when, and in what condition.")
class ReturnDemoLoanInput:
    id: strawberry.ID
    returned_on: date
    condition: str
    expected_version: int | None = None


DemoLoanPayload = payload_type(DemoLoan, "demo_loan")


@strawberry.input(description="Approve or reject a requested loan; not by its requester.")
class ReviewDemoLoanInput:
    id: strawberry.ID
    decision: ReviewDecision
    comment: str | None = strawberry.field(default=None, description="Required to reject.")
    expected_version: int | None = None
