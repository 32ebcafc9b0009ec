"""GraphQL presentation of device models and batches."""

import uuid
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from hub.authz.row_scope import read_scope
from hub.context.request import Info
from hub.db import device as device_db
from hub.db.device import Batch as BatchRow
from hub.db.device import DeviceModel as DeviceModelRow
from hub.db.enums import BatchStatus, DeviceClass, RecordStatus
from hub.db.maintenance import MaintenancePlan as MaintenancePlanRow
from hub.quality.customer_rules import load_customer_rules
from hub.schema import relations
from hub.schema.node import Record, registers, to_node
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import catalogue, devices, maintenance_plans, recall

if TYPE_CHECKING:
    from hub.schema.device import Device
    from hub.schema.institution import Institution
    from hub.schema.maintenance import MaintenancePlan


@registers(DeviceModelRow)
@strawberry.type(description="A registered product line (one 注册证 or 备案).")
class DeviceModel(Record):
    name: str | None
    manufacturer: str | None
    device_class: DeviceClass | None
    category_code: str | None = strawberry.field(
        description="Catalogue category: 2017 code such as 07-03, or a 2002 code such as 6840."
    )
    registration_number: str | None = strawberry.field(description="注册证号 or 备案号.")
    udi_di: str | None = strawberry.field(description="UDI device identifier (GTIN-14).")
    status: RecordStatus | None

    @strawberry.field(
        description="Whether the rules file ([training]) requires a trained operator: such a "
        "model shipped to a department without one gets OPERATOR_NOT_TRAINED at the dock."
    )
    def requires_trained_operator(self, info: Info) -> bool | None:
        training = load_customer_rules(info.context.settings.rules_file).training
        return training.requires_trained_operator(self.row.device_class, self.row.category_code)

    @strawberry.field(description="Its preventive maintenance plan.")
    async def maintenance_plan(
        self, info: Info
    ) -> Annotated["MaintenancePlan", strawberry.lazy("hub.schema.maintenance")] | None:
        plans = await relations.many(
            info, maintenance_plans.LISTING, MaintenancePlanRow.device_model_id, self.row.id, 1
        )
        return plans[0] if plans else None

    @strawberry.field
    async def batches(self, info: Info, first: int | None = None) -> list["Batch"] | None:
        return await relations.many(
            info, catalogue.BATCH_LISTING, BatchRow.device_model_id, self.row.id, first
        )


@registers(BatchRow)
@strawberry.type(description="A production lot of one device model.")
class Batch(Record):
    lot_number: str | None
    manufactured_on: date | None
    expires_on: date | None
    status: BatchStatus | None

    @strawberry.field
    async def device_model(self, info: Info) -> DeviceModel | None:
        return await relations.one(info, DeviceModelRow, self.row.device_model_id)

    @strawberry.field(description="Units of this lot: the recall trace.")
    async def devices(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Device", strawberry.lazy("hub.schema.device")]] | None:
        return await relations.many(
            info, devices.LISTING, device_db.Device.batch_id, self.row.id, first
        )

    @strawberry.field(
        description="Every institution a unit of this lot has reached: holders now and every "
        "borrower of a demo unit. Who to call in a recall."
    )
    async def institutions(
        self, info: Info
    ) -> list[Annotated["Institution", strawberry.lazy("hub.schema.institution")]] | None:
        permissions = info.context.permissions

        async def load(batch_ids: list[uuid.UUID]) -> list[list[Any]]:
            async with info.context.database.reader() as session:
                found = await recall.places(
                    session, batch_ids, lambda model: read_scope(permissions, model)
                )
            return [found.get(batch_id, []) for batch_id in batch_ids]

        rows = await info.context.loaders.batch("recall_places", load).load(self.row.id)
        return [to_node(row) for row in rows]


@strawberry.input
class DeviceModelFilter:
    name_contains: str | None = None
    manufacturer_contains: str | None = None
    device_classes: list[DeviceClass] | None = None
    category_prefix: str | None = None
    registration_number: str | None = None
    udi_di: str | None = None
    statuses: list[RecordStatus] | None = None


@strawberry.input
class BatchFilter:
    device_model_id: strawberry.ID | None = None
    lot_number: str | None = None
    statuses: list[BatchStatus] | None = None
    expires_before: date | None = None
    expires_on_or_after: date | None = None
    manufactured_before: date | None = None
    manufactured_on_or_after: date | None = None


DeviceModelOrder = order_input("DeviceModel", catalogue.MODEL_LISTING)
BatchOrder = order_input("Batch", catalogue.BATCH_LISTING)


@strawberry.input
class CreateDeviceModelInput:
    name: str
    manufacturer: str
    device_class: DeviceClass
    category_code: str | None = None
    registration_number: str | None = None
    udi_di: str | None = None


@strawberry.input(description="Only the fields given are changed; null clears a field.")
class UpdateDeviceModelInput:
    id: strawberry.ID
    expected_version: int | None = None
    name: str | None = strawberry.UNSET
    manufacturer: str | None = strawberry.UNSET
    device_class: DeviceClass | None = strawberry.UNSET
    category_code: str | None = strawberry.UNSET
    registration_number: str | None = strawberry.UNSET
    udi_di: str | None = strawberry.UNSET


@strawberry.input
class CreateBatchInput:
    device_model_id: strawberry.ID
    lot_number: str
    manufactured_on: date | None = None
    expires_on: date | None = None


@strawberry.input(description="Only the fields given are changed; null clears a field.")
class UpdateBatchInput:
    id: strawberry.ID
    expected_version: int | None = None
    lot_number: str | None = strawberry.UNSET
    manufactured_on: date | None = strawberry.UNSET
    expires_on: date | None = strawberry.UNSET
    status: BatchStatus | None = strawberry.UNSET


DeviceModelPayload = payload_type(DeviceModel, "device_model")
BatchPayload = payload_type(Batch, "batch")
