"""The product catalogue: device models and their production batches."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.device import Batch, DeviceModel
from hub.db.enums import BatchStatus, RecordStatus
from hub.db.listing import Listing, before, equals, on_or_after, one_of, prefix, text_contains
from hub.errors import ErrorCollector
from hub.quality.catalogue_codes import check_category_code
from hub.quality.invalid import check_field, normalised
from hub.quality.nmpa_numbers import check_product_number
from hub.quality.rules import current_rules
from hub.quality.text import normalise_name
from hub.quality.udi import check_gtin
from hub.store import records
from hub.store.source_records import SourceKey, upsert

MODEL_LISTING = Listing(
    model=DeviceModel,
    filters={
        "name_contains": text_contains(DeviceModel.name),
        "manufacturer_contains": text_contains(DeviceModel.manufacturer),
        "device_classes": one_of(DeviceModel.device_class),
        "category_prefix": prefix(DeviceModel.category_code),
        "registration_number": equals(DeviceModel.registration_number),
        "udi_di": equals(DeviceModel.udi_di),
        "statuses": one_of(DeviceModel.status),
    },
    order_fields={
        "NAME": DeviceModel.name,
        "MANUFACTURER": DeviceModel.manufacturer,
        "CATEGORY_CODE": DeviceModel.category_code,
        "CREATED_AT": DeviceModel.created_at,
    },
    default_order="NAME",
    default_scope=lambda: DeviceModel.status == RecordStatus.ACTIVE,
    scope_overridden_by=frozenset({"statuses"}),
)

BATCH_LISTING = Listing(
    model=Batch,
    filters={
        "device_model_id": equals(Batch.device_model_id),
        "lot_number": equals(Batch.lot_number),
        "statuses": one_of(Batch.status),
        "expires_before": before(Batch.expires_on),
        "expires_on_or_after": on_or_after(Batch.expires_on),
        "manufactured_before": before(Batch.manufactured_on),
        "manufactured_on_or_after": on_or_after(Batch.manufactured_on),
    },
    order_fields={
        "LOT_NUMBER": Batch.lot_number,
        "MANUFACTURED_ON": Batch.manufactured_on,
        "EXPIRES_ON": Batch.expires_on,
        "CREATED_AT": Batch.created_at,
    },
    default_order="LOT_NUMBER",
    default_scope=lambda: Batch.status != BatchStatus.ARCHIVED,
    scope_overridden_by=frozenset({"statuses"}),
)

_MODEL_REQUIRED = {"name", "manufacturer", "device_class"}
_BATCH_REQUIRED = {"device_model_id", "lot_number"}


async def _validate_model(
    session: AsyncSession, values: dict[str, Any], current: DeviceModel | None
) -> dict[str, Any]:
    required = _MODEL_REQUIRED if current is None else _MODEL_REQUIRED & values.keys()
    values = records.clean_text(DeviceModel, values, required)
    errors = ErrorCollector()
    check_field(errors, values, "name", normalise_name)
    check_field(errors, values, "manufacturer", normalise_name)
    check_field(errors, values, "udi_di", check_gtin)
    check_field(
        errors, values, "category_code", lambda code: check_category_code(code, current_rules())
    )
    if "registration_number" in values or "device_class" in values:
        device_class = records.effective(values, current, "device_class")
        number = records.effective(values, current, "registration_number")
        checked = {"registration_number": number}
        check_field(
            errors, checked, "registration_number", lambda n: check_product_number(n, device_class)
        )
        if "registration_number" in values:
            values["registration_number"] = checked["registration_number"]
    errors.raise_if_any()
    await records.check_unique(
        session, DeviceModel, values, ("udi_di",), exclude_id=current.id if current else None
    )
    return values


async def create_model(
    session: AsyncSession, author: Author, values: dict[str, Any]
) -> DeviceModel:
    """Validate and insert a device model."""
    return await records.create_with(session, author, DeviceModel, values, _validate_model)


async def update_model(
    session: AsyncSession,
    author: Author,
    model_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> DeviceModel:
    """Validate and apply changes to a device model."""
    return await records.update_with(
        session, author, DeviceModel, model_id, values, expected_version, _validate_model
    )


async def upsert_model_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> DeviceModel:
    """Create or update the device model a source ID refers to (matching its UDI-DI, else its
    registration number and name: one 注册证 may cover several models)."""
    given = {k: v for k, v in values.items() if v is not None}

    async def match() -> DeviceModel | None:
        if given.get("udi_di"):
            condition = DeviceModel.udi_di == normalised(check_gtin, given["udi_di"].strip())
        elif given.get("registration_number") and given.get("name"):
            condition = (
                DeviceModel.registration_number == given["registration_number"].strip()
            ) & (DeviceModel.name == normalised(normalise_name, given["name"].strip()))
        else:
            return None
        statement = select(DeviceModel).where(condition, DeviceModel.status == RecordStatus.ACTIVE)
        return (await session.execute(statement.limit(1))).scalar_one_or_none()

    return await upsert(
        session,
        author,
        key,
        DeviceModel,
        match=match,
        create=lambda: create_model(session, author, given),
        update=lambda row: records.revise(session, author, row, given, None, _validate_model),
    )


async def live_model(session: AsyncSession, model_id: uuid.UUID, field: str) -> DeviceModel:
    """A device model that exists and is not archived."""
    model = await records.require(session, DeviceModel, model_id, field)
    records.require_live(model, field)
    return model


async def _validate_batch(
    session: AsyncSession, values: dict[str, Any], current: Batch | None
) -> dict[str, Any]:
    required = _BATCH_REQUIRED if current is None else _BATCH_REQUIRED & values.keys()
    values = records.clean_text(Batch, values, required)
    if values.get("device_model_id") is not None:
        await live_model(session, values["device_model_id"], "device_model_id")
    records.check_order(values, current, "manufactured_on", "expires_on", strict=True)
    await records.check_unique(
        session,
        Batch,
        values,
        ("device_model_id", "lot_number"),
        exclude_id=current.id if current else None,
        current=current,
    )
    return values


async def create_batch(session: AsyncSession, author: Author, values: dict[str, Any]) -> Batch:
    """Validate and insert a batch (lot numbers are unique per model)."""
    return await records.create_with(session, author, Batch, values, _validate_batch)


async def update_batch(
    session: AsyncSession,
    author: Author,
    batch_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Batch:
    """Validate and apply changes to a batch."""
    return await records.update_with(
        session, author, Batch, batch_id, values, expected_version, _validate_batch
    )


async def batch_by_lot(
    session: AsyncSession, device_model_id: uuid.UUID, lot_number: str
) -> Batch | None:
    """The batch of a model with that lot number."""
    statement = select(Batch).where(
        Batch.device_model_id == device_model_id, Batch.lot_number == lot_number.strip()
    )
    return (await session.execute(statement)).scalar_one_or_none()
