"""Query and mutation fields of devices."""

import strawberry

from hub.context.request import Info
from hub.db.device import Device as DeviceRow
from hub.global_ids import decode_id
from hub.resolvers import lookups
from hub.resolvers.fields import (
    archive_field,
    connection_field,
    create_field,
    update_field,
    upsert_field,
)
from hub.schema.device import (
    CreateDeviceInput,
    Device,
    DeviceFilter,
    DeviceOrder,
    DevicePayload,
    UpdateDeviceInput,
    UpsertDeviceInput,
)
from hub.store import devices


async def device_by_serial(
    info: Info, serial_number: str, device_model_id: strawberry.ID
) -> Device | None:
    """The device of a model with that serial number."""
    return await lookups.by_key(
        info,
        lambda session: devices.by_serial(
            session, decode_id(device_model_id, "DeviceModel", "deviceModelId"), serial_number
        ),
    )


QUERY_FIELDS = {
    "devices": connection_field(
        Device, devices.LISTING, DeviceFilter, DeviceOrder, "Devices, filtered and ordered."
    ),
    "device": strawberry.field(
        resolver=device_by_serial, description="A device by serial number and model."
    ),
}

MUTATION_FIELDS = {
    "create_device": create_field(
        DevicePayload, CreateDeviceInput, devices.create, "Register a device."
    ),
    "update_device": update_field(
        DevicePayload, UpdateDeviceInput, "Device", devices.update_by_id, "Change a device."
    ),
    "archive_device": archive_field(DevicePayload, DeviceRow, "Archive a device."),
    "upsert_device": upsert_field(
        DevicePayload,
        UpsertDeviceInput,
        devices.upsert_from_source,
        "Create or update the device a source-system ID refers to.",
    ),
}
