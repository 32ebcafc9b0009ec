"""GraphQL presentation of contracts."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import institution as institution_db
from hub.db.contract import Contract as ContractRow
from hub.db.contract import contract_device
from hub.db.enums import ContractKind, ContractStatus
from hub.schema import relations
from hub.schema.node import Record, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.schema.service import ServiceLevel, ServiceLevelInput, service_levels_of
from hub.store import contracts, devices

if TYPE_CHECKING:
    from hub.schema.device import Device
    from hub.schema.institution import Institution


@registers(ContractRow)
@strawberry.type(description="A sales, service or distribution-authorisation contract.")
class Contract(Record):
    number: str | None
    kind: ContractKind | None
    starts_on: date | None
    ends_on: date | None
    amount: Decimal | None
    currency: str | None
    status: ContractStatus | None

    @strawberry.field(description="SLA targets per priority (SERVICE contracts).")
    def service_levels(self) -> list[ServiceLevel] | None:
        return service_levels_of(self.row.service_levels)

    @strawberry.field
    async def institution(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)

    @strawberry.field(description="Devices the contract covers.")
    async def devices(
        self, info: Info
    ) -> list[Annotated["Device", strawberry.lazy("hub.schema.device")]] | None:
        link = contract_device
        return await relations.linked(
            info, link, link.c.contract_id, link.c.device_id, devices.LISTING, self.row.id
        )


@strawberry.input
class ContractFilter:
    number_contains: str | None = None
    institution_id: strawberry.ID | None = None
    kinds: list[ContractKind] | None = None
    statuses: list[ContractStatus] | None = None
    org_path_prefix: str | None = None
    ends_before: date | None = None
    ends_on_or_after: date | None = None
    starts_on_or_after: date | None = None


ContractOrder = order_input("Contract", contracts.LISTING)


@strawberry.input
class CreateContractInput:
    number: str
    institution_id: strawberry.ID
    kind: ContractKind
    starts_on: date | None = None
    ends_on: date | None = None
    amount: Decimal | None = None
    currency: str | None = strawberry.field(default=None, description="Default CNY.")
    status: ContractStatus | None = None
    device_ids: list[strawberry.ID] | None = None
    service_levels: list[ServiceLevelInput] | None = strawberry.field(
        default=None, description="SERVICE contracts: one target per priority."
    )


@strawberry.input(description="Only the fields given are changed; `deviceIds` replaces the set.")
class UpdateContractInput:
    id: strawberry.ID
    expected_version: int | None = None
    number: str | None = strawberry.UNSET
    institution_id: strawberry.ID | None = strawberry.UNSET
    kind: ContractKind | None = strawberry.UNSET
    starts_on: date | None = strawberry.UNSET
    ends_on: date | None = strawberry.UNSET
    amount: Decimal | None = strawberry.UNSET
    currency: str | None = strawberry.UNSET
    status: ContractStatus | None = strawberry.UNSET
    device_ids: list[strawberry.ID] | None = strawberry.UNSET
    service_levels: list[ServiceLevelInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces every target."
    )


ContractPayload = payload_type(Contract, "contract")
