"""Query and mutation fields of device models and batches."""

import strawberry

from hub.context.request import Info
from hub.db.device import Batch as BatchRow
from hub.db.device import DeviceModel as DeviceModelRow
from hub.global_ids import decode_id
from hub.resolvers import lookups
from hub.resolvers.fields import archive_field, connection_field, create_field, update_field
from hub.schema.catalogue import (
    Batch,
    BatchFilter,
    BatchOrder,
    BatchPayload,
    CreateBatchInput,
    CreateDeviceModelInput,
    DeviceModel,
    DeviceModelFilter,
    DeviceModelOrder,
    DeviceModelPayload,
    UpdateBatchInput,
    UpdateDeviceModelInput,
)
from hub.store import catalogue


async def batch_by_lot(info: Info, device_model_id: strawberry.ID, lot_number: str) -> Batch | None:
    """The batch of a device model with that lot number."""
    return await lookups.by_key(
        info,
        lambda session: catalogue.batch_by_lot(
            session, decode_id(device_model_id, "DeviceModel", "deviceModelId"), lot_number
        ),
    )


QUERY_FIELDS = {
    "device_models": connection_field(
        DeviceModel,
        catalogue.MODEL_LISTING,
        DeviceModelFilter,
        DeviceModelOrder,
        "Device models, filtered and ordered.",
    ),
    "batches": connection_field(
        Batch, catalogue.BATCH_LISTING, BatchFilter, BatchOrder, "Batches, filtered and ordered."
    ),
    "batch": strawberry.field(resolver=batch_by_lot, description="A batch by model and lot."),
}

MUTATION_FIELDS = {
    "create_device_model": create_field(
        DeviceModelPayload, CreateDeviceModelInput, catalogue.create_model, "Add a device model."
    ),
    "update_device_model": update_field(
        DeviceModelPayload,
        UpdateDeviceModelInput,
        "DeviceModel",
        catalogue.update_model,
        "Change a device model.",
    ),
    "archive_device_model": archive_field(
        DeviceModelPayload, DeviceModelRow, "Archive a device model."
    ),
    "create_batch": create_field(
        BatchPayload, CreateBatchInput, catalogue.create_batch, "Add a batch."
    ),
    "update_batch": update_field(
        BatchPayload, UpdateBatchInput, "Batch", catalogue.update_batch, "Change a batch."
    ),
    "archive_batch": archive_field(BatchPayload, BatchRow, "Archive a batch."),
}
