"""Devices: physical units by model and serial number, where they are and their service dates."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.base import ROOT_ORG_PATH
from hub.db.device import Batch, Device, DeviceModel
from hub.db.enums import DeviceStatus
from hub.db.listing import Listing, before, equals, on_or_after, one_of, prefix, text_contains
from hub.errors import ErrorCode, ErrorCollector, fail
from hub.quality.invalid import Invalid
from hub.quality.udi import Udi, parse_udi
from hub.store import catalogue, departments, institutions, records
from hub.store.source_records import SourceKey, upsert

LISTING = Listing(
    model=Device,
    filters={
        "serial_contains": text_contains(Device.serial_number),
        "device_model_id": equals(Device.device_model_id),
        "batch_id": equals(Device.batch_id),
        "institution_id": equals(Device.institution_id),
        "statuses": one_of(Device.status),
        "udi": equals(Device.udi),
        "org_path_prefix": prefix(Device.org_path),
        "warranty_ends_before": before(Device.warranty_ends_on),
        "warranty_ends_on_or_after": on_or_after(Device.warranty_ends_on),
        "maintenance_due_before": before(Device.next_maintenance_on),
        "installed_on_or_after": on_or_after(Device.installed_on),
    },
    order_fields={
        "SERIAL_NUMBER": Device.serial_number,
        "INSTALLED_ON": Device.installed_on,
        "WARRANTY_ENDS_ON": Device.warranty_ends_on,
        "NEXT_MAINTENANCE_ON": Device.next_maintenance_on,
        "CREATED_AT": Device.created_at,
    },
    default_order="SERIAL_NUMBER",
    default_scope=lambda: Device.status != DeviceStatus.ARCHIVED,
    scope_overridden_by=frozenset({"statuses"}),
)

_REQUIRED = {"device_model_id", "serial_number"}
# The serial number may come from the UDI, so it is checked after the UDI is read.
_SERIAL = "serial_number"
# A change to any of these is checked against the stored or given UDI.
_UDI_PARTS = frozenset({"udi", _SERIAL, "batch_id", "device_model_id"})


async def _udi_batch(
    session: AsyncSession, values: dict[str, Any], current: Device | None, udi: Udi
) -> Batch | None:
    batch_id = records.effective(values, current, "batch_id")
    if batch_id is not None:
        return await session.get(Batch, batch_id)
    model_id = records.effective(values, current, "device_model_id")
    if udi.lot is None or model_id is None:
        return None
    batch = await catalogue.batch_by_lot(session, model_id, udi.lot)
    if batch is not None:
        values["batch_id"] = batch.id
    return batch


async def _check_udi(session: AsyncSession, values: dict[str, Any], current: Device | None) -> None:
    """Fill the serial number and batch from a GS1 UDI, or check they agree with it."""
    try:
        udi = parse_udi(records.effective(values, current, "udi"))
    except Invalid as error:
        raise fail("udi", error.code, error.message) from error
    errors = ErrorCollector()
    serial = records.effective(values, current, _SERIAL)
    if udi.serial is not None and serial is None:
        values[_SERIAL] = udi.serial
    elif udi.serial is not None and serial != udi.serial:
        errors.add(_SERIAL, ErrorCode.MISMATCH, "The serial number differs from the UDI's (21).")
    model_id = records.effective(values, current, "device_model_id")
    model = await session.get(DeviceModel, model_id) if model_id else None
    if model is not None and model.udi_di and udi.gtin and udi.gtin != model.udi_di:
        errors.add("udi", ErrorCode.MISMATCH, "The UDI's GTIN (01) is not the model's UDI-DI.")
    batch = await _udi_batch(session, values, current, udi)
    if batch is not None and udi.lot is not None and batch.lot_number != udi.lot:
        errors.add("batch_id", ErrorCode.MISMATCH, "The batch's lot differs from the UDI's (10).")
    if batch is not None and udi.expires_on and batch.expires_on not in (None, udi.expires_on):
        errors.add("udi", ErrorCode.MISMATCH, "The UDI's expiry date (17) is not the batch's.")
    errors.raise_if_any()


async def _check_department(
    session: AsyncSession, values: dict[str, Any], current: Device | None
) -> None:
    department_id = records.effective(values, current, "department_id")
    if department_id is not None and values.keys() & {"department_id", "institution_id"}:
        holder_id = records.effective(values, current, "institution_id")
        await departments.require_at(session, department_id, holder_id, "department_id")


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: Device | None
) -> dict[str, Any]:
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(Device, values, required - {_SERIAL})
    if values.get("usage_reading") is not None and values["usage_reading"] < 0:
        raise fail("usage_reading", ErrorCode.INVALID, "A meter reading cannot be negative.")
    if values.keys() & _UDI_PARTS and records.effective(values, current, "udi") is not None:
        await _check_udi(session, values, current)
    if _SERIAL in required and values.get(_SERIAL) is None:
        raise fail(_SERIAL, ErrorCode.REQUIRED, "serial_number must not be blank.")
    if values.get("device_model_id") is not None:
        await catalogue.live_model(session, values["device_model_id"], "device_model_id")
    model_id = records.effective(values, current, "device_model_id")
    batch_id = records.effective(values, current, "batch_id")
    if batch_id is not None and ("batch_id" in values or "device_model_id" in values):
        batch = await records.require(session, Batch, batch_id, "batch_id")
        if batch.device_model_id != model_id:
            raise fail("batch_id", ErrorCode.MISMATCH, "The batch belongs to another device model.")
    if "institution_id" in values:
        holder_id = values["institution_id"]
        holder = (
            await institutions.live(session, holder_id, "institution_id") if holder_id else None
        )
        values["org_path"] = holder.org_path if holder else ROOT_ORG_PATH
        if current is not None and "department_id" not in values:
            values["department_id"] = None  # a unit that changes hands leaves its department
    await _check_department(session, values, current)
    records.check_order(values, current, "installed_on", "warranty_ends_on")
    await records.check_unique(
        session,
        Device,
        values,
        ("device_model_id", "serial_number"),
        exclude_id=current.id if current else None,
        current=current,
    )
    return values


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Device:
    """Validate and insert a device; it takes its holder's organisation unit."""
    return await records.create_with(session, author, Device, values, _validate)


async def update_by_id(
    session: AsyncSession,
    author: Author,
    device_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Device:
    """Validate and apply changes to a device."""
    return await records.update_with(
        session, author, Device, device_id, values, expected_version, _validate
    )


async def by_serial(
    session: AsyncSession, device_model_id: uuid.UUID, serial_number: str
) -> Device | None:
    """The device of a model with that serial number."""
    statement = select(Device).where(
        Device.device_model_id == device_model_id, Device.serial_number == serial_number.strip()
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def upsert_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> Device:
    """Create or update the device a source ID refers to (matching model and serial)."""
    given = {k: v for k, v in values.items() if v is not None}

    async def match() -> Device | None:
        if not (given.get("device_model_id") and given.get("serial_number")):
            return None
        return await by_serial(session, given["device_model_id"], given["serial_number"])

    return await upsert(
        session,
        author,
        key,
        Device,
        match=match,
        create=lambda: create(session, author, given),
        update=lambda row: records.revise(session, author, row, given, None, _validate),
    )
