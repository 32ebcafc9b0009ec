"""Maintenance plans: one per device model, an interval in days and/or usage, and a checklist."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.enums import RecordStatus
from hub.db.listing import Listing, equals, one_of
from hub.db.maintenance import MaintenancePlan
from hub.errors import ErrorCode, ErrorCollector, fail
from hub.store import catalogue, records

LISTING = Listing(
    model=MaintenancePlan,
    filters={
        "device_model_id": equals(MaintenancePlan.device_model_id),
        "statuses": one_of(MaintenancePlan.status),
    },
    order_fields={
        "INTERVAL_DAYS": MaintenancePlan.interval_days,
        "CREATED_AT": MaintenancePlan.created_at,
    },
    default_order="CREATED_AT",
    default_scope=lambda: MaintenancePlan.status == RecordStatus.ACTIVE,
    scope_overridden_by=frozenset({"statuses"}),
)

_REQUIRED = {"device_model_id"}
_LONGEST_ITEM = 200


def _check_intervals(values: dict[str, Any], current: MaintenancePlan | None) -> None:
    errors = ErrorCollector()
    for key in ("interval_days", "interval_usage"):
        value = values.get(key)
        if value is not None and value <= 0:
            errors.add(key, ErrorCode.INVALID, f"{key} must be above zero.")
    errors.raise_if_any()
    days = records.effective(values, current, "interval_days")
    usage = records.effective(values, current, "interval_usage")
    if days is None and usage is None:
        raise fail("interval_days", ErrorCode.REQUIRED, "A plan needs an interval in days or use.")
    if usage is not None and not records.effective(values, current, "usage_unit"):
        raise fail("usage_unit", ErrorCode.REQUIRED, "A usage interval needs its unit.")


def _checklist(items: list[str] | None) -> list[str]:
    cleaned = [item.strip() for item in items or [] if item.strip()]
    for index, item in enumerate(cleaned):
        if len(item) > _LONGEST_ITEM:
            raise fail(
                ("checklist", str(index)),
                ErrorCode.TOO_LONG,
                f"A checklist item is at most {_LONGEST_ITEM} characters.",
            )
    return list(dict.fromkeys(cleaned))


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: MaintenancePlan | None
) -> dict[str, Any]:
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(MaintenancePlan, values, required)
    if "checklist" in values:
        values["checklist"] = _checklist(values["checklist"])
    _check_intervals(values, current)
    if values.get("device_model_id") is not None:
        await catalogue.live_model(session, values["device_model_id"], "device_model_id")
    await records.check_unique(
        session,
        MaintenancePlan,
        values,
        ("device_model_id",),
        exclude_id=current.id if current else None,
    )
    return values


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> MaintenancePlan:
    """Validate and insert the maintenance plan of a device model."""
    return await records.create_with(session, author, MaintenancePlan, values, _validate)


async def update_by_id(
    session: AsyncSession,
    author: Author,
    plan_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> MaintenancePlan:
    """Validate and apply changes to a plan."""
    return await records.update_with(
        session, author, MaintenancePlan, plan_id, values, expected_version, _validate
    )


async def of_model(session: AsyncSession, device_model_id: uuid.UUID) -> MaintenancePlan | None:
    """The live plan of a device model."""
    statement = select(MaintenancePlan).where(
        MaintenancePlan.device_model_id == device_model_id,
        MaintenancePlan.status == RecordStatus.ACTIVE,
    )
    return (await session.execute(statement)).scalar_one_or_none()
