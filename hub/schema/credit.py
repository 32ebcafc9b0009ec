"""GraphQL presentation of credit control: profiles, requests, receivables and the status."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import institution as institution_db
from hub.db.credit import CreditProfile as CreditProfileRow
from hub.db.credit import CreditRequest as CreditRequestRow
from hub.db.credit import Receivable as ReceivableRow
from hub.db.enums import CreditRequestKind, CreditTier, RecordStatus, ReviewStatus
from hub.quality.clock import today
from hub.schema import relations
from hub.schema.certificate import ReviewDecision
from hub.schema.common_inputs import SourceInput
from hub.schema.node import Record, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.schema.quality import QualificationReason, reasons_of
from hub.store import credit_requests, receivables
from hub.store.credit_standing import Standing

if TYPE_CHECKING:
    from hub.schema.institution import Institution

_INSTITUTION = Annotated["Institution", strawberry.lazy("hub.schema.institution")]


@registers(CreditProfileRow)
@strawberry.type(
    description="An institution's approved rating, limit and terms; on a group it also covers "
    "the branches without a profile of their own. Changed only by approving a CreditRequest."
)
class CreditProfile(Record):
    rating: str | None
    credit_limit: Decimal | None
    currency: str | None
    payment_terms_days: int | None
    valid_from: date | None
    valid_to: date | None
    approved_by: str | None = strawberry.field(description="Who approved the current terms.")
    approved_at: datetime | None
    credit_status: CreditTier | None = strawberry.field(
        description="The status stored by the last evaluation; its changes are in the change feed."
    )
    credit_status_since: date | None
    status: RecordStatus | None

    @strawberry.field(description="What the rating means, from the rules file.")
    def rating_meaning(self, info: Info) -> str | None:
        return info.context.credit_rules.grades.get(self.row.rating)

    @strawberry.field(description="Reason codes of the stored status.")
    def credit_reasons(self) -> list[str] | None:
        return list(self.row.credit_reasons or [])

    @strawberry.field
    async def institution(self, info: Info) -> _INSTITUTION | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)


@registers(CreditRequestRow)
@strawberry.type(
    description="A requested change of rating, limit and terms, or a time-limited override of "
    "a credit hold; it takes effect when another person approves it."
)
class CreditRequest(Record):
    kind: CreditRequestKind | None
    rating: str | None
    credit_limit: Decimal | None
    currency: str | None
    payment_terms_days: int | None
    valid_from: date | None
    valid_to: date | None
    override_until: datetime | None = strawberry.field(description="When an override ends.")
    reason: str | None = strawberry.field(description="Why it was asked for.")
    review_status: ReviewStatus | None
    submitted_by: str | None
    reviewer: str | None = strawberry.field(description="Who approved or rejected it.")
    reviewed_at: datetime | None
    review_comment: str | None
    status: RecordStatus | None

    @strawberry.field
    async def institution(self, info: Info) -> _INSTITUTION | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)


@registers(ReceivableRow)
@strawberry.type(description="An ERP receivable document as the ERP saw it on `asOf`.")
class Receivable(Record):
    source_system: str | None
    document_number: str | None = strawberry.field(description="单据号 in the source system.")
    amount: Decimal | None = strawberry.field(description="Outstanding; 0 once paid off.")
    currency: str | None
    due_on: date | None
    as_of: date | None = strawberry.field(description="The day the ERP reported this.")
    document_date: date | None

    @strawberry.field(description="Days past due today (0 when not due or paid off).")
    def days_overdue(self) -> int | None:
        if self.row.amount <= 0:
            return 0
        return max((today() - self.row.due_on).days, 0)

    @strawberry.field
    async def institution(self, info: Info) -> _INSTITUTION | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)


@strawberry.type(
    description="A customer's credit standing, derived by the credit rules from its account's "
    "profile and receivables (the group's, for a branch without a profile of its own)."
)
class CreditStatus:
    status: CreditTier
    utilisation: float | None = strawberry.field(
        description="Exposure / limit (1.0 = the whole limit); null without a usable limit."
    )
    exposure: Decimal | None = strawberry.field(description="Outstanding receivables.")
    overdue_amount: Decimal | None
    oldest_overdue_days: int | None
    reasons: list[QualificationReason]
    on: date
    account_id: strawberry.Private[object]

    @strawberry.field(description="The institution whose profile governs (a group, a branch).")
    async def account(self, info: Info) -> _INSTITUTION | None:
        return await relations.one(info, institution_db.Institution, self.account_id)

    @classmethod
    def of(cls, found: Standing, on: date) -> "CreditStatus":
        """Present a computed standing."""
        standing = found.standing
        used = standing.utilisation
        return cls(
            status=standing.status,
            utilisation=None if used is None else float(used.quantize(Decimal("0.0001"))),
            exposure=standing.exposure,
            overdue_amount=standing.overdue_amount,
            oldest_overdue_days=standing.oldest_overdue_days,
            reasons=reasons_of(standing.reasons),
            on=on,
            account_id=found.account_id,
        )


@strawberry.input
class CreditRequestFilter:
    institution_id: strawberry.ID | None = None
    kinds: list[CreditRequestKind] | None = None
    review_statuses: list[ReviewStatus] | None = None
    statuses: list[RecordStatus] | None = None


@strawberry.input
class CreditProfileFilter:
    institution_id: strawberry.ID | None = None
    ratings: list[str] | None = None
    credit_statuses: list[CreditTier] | None = None


@strawberry.input
class ReceivableFilter:
    institution_id: strawberry.ID | None = None
    document_number: str | None = None
    due_before: date | None = None
    due_on_or_after: date | None = None


CreditRequestOrder = order_input("CreditRequest", credit_requests.LISTING)
CreditProfileOrder = order_input("CreditProfile", credit_requests.PROFILE_LISTING)
ReceivableOrder = order_input("Receivable", receivables.LISTING)


@strawberry.input(description="Ask for new credit terms; on a group's head they cover branches.")
class RequestCreditChangeInput:
    institution_id: strawberry.ID
    rating: str = strawberry.field(description="A grade of the rules file, e.g. A.")
    credit_limit: Decimal
    reason: str
    currency: str | None = strawberry.field(default=None, description="Default CNY.")
    payment_terms_days: int | None = strawberry.field(default=None, description="Default 0.")
    valid_from: date | None = None
    valid_to: date | None = None


@strawberry.input(description="Ask to ship despite a credit hold until a time.")
class RequestCreditOverrideInput:
    institution_id: strawberry.ID
    override_until: datetime
    reason: str


@strawberry.input(description="Approve or reject a credit request; not by its submitter.")
class ReviewCreditRequestInput:
    id: strawberry.ID
    decision: ReviewDecision
    comment: str | None = strawberry.field(default=None, description="Required to reject.")
    expected_version: int | None = None


@strawberry.input(
    description="One receivable document from the ERP: source {system, id: document number}."
)
class UpsertReceivableInput:
    source: SourceInput
    institution_id: strawberry.ID
    amount: Decimal = strawberry.field(description="Outstanding now; 0 when paid off.")
    due_on: date
    currency: str | None = strawberry.field(default=None, description="Default CNY.")
    as_of: date | None = strawberry.field(default=None, description="Default today.")
    document_date: date | None = None


CreditRequestPayload = payload_type(CreditRequest, "credit_request")
ReceivablePayload = payload_type(Receivable, "receivable")
