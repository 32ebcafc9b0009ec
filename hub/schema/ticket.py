"""GraphQL presentation of service tickets."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import contact as contact_db
from hub.db import contract as contract_db
from hub.db import device as device_db
from hub.db import institution as institution_db
from hub.db.enums import ResolutionCode, SlaStatus, TicketKind, TicketPriority, TicketStatus
from hub.db.ticket import Ticket as TicketRow
from hub.quality.service_rules import load_service_rules
from hub.schema import relations
from hub.schema.node import Record, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import service_levels, tickets
from hub.store.ticket_workflow import TRANSITIONS

if TYPE_CHECKING:
    from hub.schema.contact import Contact
    from hub.schema.contract import Contract
    from hub.schema.device import Device
    from hub.schema.institution import Institution


@registers(TicketRow)
@strawberry.type(description="A service ticket; its status follows a fixed state machine.")
class Ticket(Record):
    number: str | None
    kind: TicketKind | None
    priority: TicketPriority | None
    status: TicketStatus | None
    opened_at: datetime | None
    due_at: datetime | None = strawberry.field(description="SLA deadline for resolution.")
    respond_by: datetime | None = strawberry.field(description="SLA deadline for starting work.")
    responded_at: datetime | None = strawberry.field(description="When work first started.")
    sla_breached_at: datetime | None = strawberry.field(
        description="When a missed deadline was recorded (an SLA_BREACH event in the feed)."
    )
    resolved_at: datetime | None
    assignee: str | None
    summary: str | None
    resolution: str | None
    resolution_code: ResolutionCode | None
    parts_used: list[str] | None = strawberry.field(description="Part numbers used.")
    engineer: str | None = strawberry.field(description="Who resolved it (default: the assignee).")
    visits: int | None = strawberry.field(description="Visits so far; each start of work counts.")
    first_time_fix: bool | None = strawberry.field(
        description="Resolved at the first visit and not reopened (nor failed again) within the "
        "rules file's window; null until resolved."
    )
    usage_reading: int | None = strawberry.field(
        description="The device's usage meter at a maintenance."
    )
    satisfaction: int | None = strawberry.field(description="Customer score 1-5, given at closing.")
    satisfaction_comment: str | None

    @strawberry.field(description="ON_TRACK, AT_RISK or BREACHED against the SLA deadlines now.")
    def sla_status(self, info: Info) -> SlaStatus | None:
        rules = load_service_rules(info.context.settings.rules_file)
        return service_levels.status_of(self.row, datetime.now(UTC), rules.at_risk_share)

    @strawberry.field(description="The SERVICE contract whose targets set the deadlines.")
    async def service_contract(
        self, info: Info
    ) -> Annotated["Contract", strawberry.lazy("hub.schema.contract")] | None:
        return await relations.one(info, contract_db.Contract, self.row.service_contract_id)

    @strawberry.field(description="Statuses this ticket may move to next.")
    def next_statuses(self) -> list[TicketStatus] | None:
        allowed = TRANSITIONS[self.row.status]
        return [s for s in TicketStatus if s in allowed and s != TicketStatus.ARCHIVED]

    @strawberry.field
    async def institution(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)

    @strawberry.field
    async def device(
        self, info: Info
    ) -> Annotated["Device", strawberry.lazy("hub.schema.device")] | None:
        return await relations.one(info, device_db.Device, self.row.device_id)

    @strawberry.field
    async def contact(
        self, info: Info
    ) -> Annotated["Contact", strawberry.lazy("hub.schema.contact")] | None:
        return await relations.one(info, contact_db.Contact, self.row.contact_id)


@strawberry.input
class TicketFilter:
    summary_contains: str | None = None
    number: str | None = None
    institution_id: strawberry.ID | None = None
    device_id: strawberry.ID | None = None
    kinds: list[TicketKind] | None = None
    priorities: list[TicketPriority] | None = None
    statuses: list[TicketStatus] | None = None
    assignee: str | None = None
    engineer: str | None = None
    org_path_prefix: str | None = None
    due_before: datetime | None = None
    opened_on_or_after: datetime | None = None


TicketOrder = order_input("Ticket", tickets.LISTING)


@strawberry.input(description="Opens a ticket in status OPEN.")
class CreateTicketInput:
    institution_id: strawberry.ID
    kind: TicketKind
    summary: str
    number: str | None = strawberry.field(default=None, description="Generated when omitted.")
    device_id: strawberry.ID | None = None
    contact_id: strawberry.ID | None = None
    priority: TicketPriority | None = None
    due_at: datetime | None = None
    assignee: str | None = None
    respond_by: datetime | None = strawberry.field(
        default=None, description="Default, with dueAt: from the device's SERVICE contract."
    )
    opened_at: datetime | None = strawberry.field(
        default=None, description="When importing history; default: now."
    )


@strawberry.input(description="Only the fields given are changed; `status` must be a legal move.")
class UpdateTicketInput:
    id: strawberry.ID
    expected_version: int | None = None
    status: TicketStatus | None = strawberry.UNSET
    device_id: strawberry.ID | None = strawberry.UNSET
    contact_id: strawberry.ID | None = strawberry.UNSET
    kind: TicketKind | None = strawberry.UNSET
    priority: TicketPriority | None = strawberry.UNSET
    due_at: datetime | None = strawberry.UNSET
    assignee: str | None = strawberry.UNSET
    summary: str | None = strawberry.UNSET
    resolution: str | None = strawberry.UNSET
    resolution_code: ResolutionCode | None = strawberry.UNSET
    parts_used: list[str] | None = strawberry.UNSET
    engineer: str | None = strawberry.UNSET
    visits: int | None = strawberry.field(
        default=strawberry.UNSET, description="Default: one more each time work starts."
    )
    usage_reading: int | None = strawberry.UNSET
    satisfaction: int | None = strawberry.field(
        default=strawberry.UNSET, description="1-5; only together with status CLOSED."
    )
    satisfaction_comment: str | None = strawberry.UNSET


TicketPayload = payload_type(Ticket, "ticket")
