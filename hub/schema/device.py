"""GraphQL presentation of devices."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import contract as contract_db
from hub.db import demo_loan as demo_loan_db
from hub.db import department as department_db
from hub.db import institution as institution_db
from hub.db import ticket as ticket_db
from hub.db.device import Batch as BatchRow
from hub.db.device import Device as DeviceRow
from hub.db.device import DeviceModel as DeviceModelRow
from hub.db.enums import DeviceStatus, TicketStatus
from hub.schema import relations
from hub.schema.catalogue import Batch, DeviceModel
from hub.schema.common_inputs import SourceInput
from hub.schema.node import Record, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import contracts, demo_loans, devices, tickets

if TYPE_CHECKING:
    from hub.schema.contract import Contract
    from hub.schema.demo_loan import DemoLoan
    from hub.schema.department import Department
    from hub.schema.institution import Institution
    from hub.schema.ticket import Ticket


_DEVICE_MODEL = relations.One(DeviceModelRow, "device_model_id")
_BATCH = relations.One(BatchRow, "batch_id")
_HOLDER = relations.One(institution_db.Institution, "institution_id")
_TICKETS = relations.Many(tickets.LISTING, ticket_db.Ticket.device_id)


@registers(DeviceRow)
@strawberry.type(description="One physical unit, identified by model and serial number.")
class Device(Record):
    serial_number: str | None
    udi: str | None = strawberry.field(description="The full UDI as scanned.")
    installed_on: date | None
    warranty_ends_on: date | None
    next_maintenance_on: date | None = strawberry.field(
        description="Next preventive maintenance; kept by the model's maintenance plan if any."
    )
    usage_reading: int | None = strawberry.field(
        description="The usage meter (hours, exposures, tests) as last reported."
    )
    status: DeviceStatus | None

    @strawberry.field(metadata=_DEVICE_MODEL.metadata)
    async def device_model(self, info: Info) -> DeviceModel | None:
        return await _DEVICE_MODEL.resolve(info, self.row)

    @strawberry.field(metadata=_BATCH.metadata)
    async def batch(self, info: Info) -> Batch | None:
        return await _BATCH.resolve(info, self.row)

    @strawberry.field(description="The holder's department the unit is installed in.")
    async def department(
        self, info: Info
    ) -> Annotated["Department", strawberry.lazy("hub.schema.department")] | None:
        return await relations.one(info, department_db.Department, self.row.department_id)

    @strawberry.field(
        description="The institution holding the device; null while in stock.",
        metadata=_HOLDER.metadata,
    )
    async def institution(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None:
        return await _HOLDER.resolve(info, self.row)

    @strawberry.field(metadata=_TICKETS.metadata)
    async def tickets(
        self,
        info: Info,
        statuses: list[TicketStatus] | None = None,
        first: int | None = None,
    ) -> list[Annotated["Ticket", strawberry.lazy("hub.schema.ticket")]] | None:
        return await _TICKETS.resolve(info, self.row, first, statuses=statuses)

    @strawberry.field(description="Contracts covering this device.")
    async def contracts(
        self, info: Info
    ) -> list[Annotated["Contract", strawberry.lazy("hub.schema.contract")]] | None:
        link = contract_db.contract_device
        return await relations.linked(
            info, link, link.c.device_id, link.c.contract_id, contracts.LISTING, self.row.id
        )

    @strawberry.field(
        description="Where this demo unit has been: its approved and returned loans, oldest first."
    )
    async def custody(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["DemoLoan", strawberry.lazy("hub.schema.demo_loan")]] | None:
        return await relations.many(
            info,
            demo_loans.LISTING,
            demo_loan_db.DemoLoan.device_id,
            self.row.id,
            first,
            statuses=list(demo_loans.WENT_OUT),
        )


@strawberry.input
class DeviceFilter:
    serial_contains: str | None = None
    device_model_id: strawberry.ID | None = None
    batch_id: strawberry.ID | None = None
    institution_id: strawberry.ID | None = None
    statuses: list[DeviceStatus] | None = None
    udi: str | None = None
    org_path_prefix: str | None = None
    warranty_ends_before: date | None = None
    warranty_ends_on_or_after: date | None = None
    maintenance_due_before: date | None = None
    installed_on_or_after: date | None = None


DeviceOrder = order_input("Device", devices.LISTING)


@strawberry.input
class CreateDeviceInput:
    device_model_id: strawberry.ID
    serial_number: str
    batch_id: strawberry.ID | None = None
    udi: str | None = None
    institution_id: strawberry.ID | None = None
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="The holder's department it is installed in."
    )
    installed_on: date | None = None
    warranty_ends_on: date | None = None
    next_maintenance_on: date | None = None
    usage_reading: int | None = None
    status: DeviceStatus | None = None


@strawberry.input(description="Only the fields given are changed; null clears a field.")
class UpdateDeviceInput:
    id: strawberry.ID
    expected_version: int | None = None
    serial_number: str | None = strawberry.UNSET
    batch_id: strawberry.ID | None = strawberry.UNSET
    udi: str | None = strawberry.UNSET
    institution_id: strawberry.ID | None = strawberry.UNSET
    department_id: strawberry.ID | None = strawberry.UNSET
    installed_on: date | None = strawberry.UNSET
    warranty_ends_on: date | None = strawberry.UNSET
    next_maintenance_on: date | None = strawberry.UNSET
    usage_reading: int | None = strawberry.UNSET
    status: DeviceStatus | None = strawberry.UNSET


@strawberry.input(description="Create or update the device a source-system ID refers to.")
class UpsertDeviceInput(CreateDeviceInput):
    source: SourceInput


DevicePayload = payload_type(Device, "device")
