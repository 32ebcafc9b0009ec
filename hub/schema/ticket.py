"""GraphQL presentation of service tickets."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import contact as contact_db
from hub.db import device as device_db
from hub.db import institution as institution_db
from hub.db.enums import TicketKind, TicketPriority, TicketStatus
from hub.db.ticket import Ticket as TicketRow
from hub.schema import relations
from hub.schema.node import Record, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import tickets
from hub.store.ticket_workflow import TRANSITIONS

if TYPE_CHECKING:
    from hub.schema.contact import Contact
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
    due_at: datetime | None = strawberry.field(description="SLA deadline.")
    resolved_at: datetime | None
    assignee: str | None
    summary: str | None
    resolution: str | None

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


TicketPayload = payload_type(Ticket, "ticket")
