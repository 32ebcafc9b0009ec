"""Contracts and the set of devices each one covers."""

import re
import uuid
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author, record_event
from hub.db.contract import Contract, contract_device
from hub.db.device import Device
from hub.db.enums import ContractStatus
from hub.db.listing import Listing, before, equals, on_or_after, one_of, prefix, text_contains
from hub.errors import ErrorCode, fail
from hub.store import institutions, records, row_scope, service_levels

LISTING = Listing(
    model=Contract,
    filters={
        "number_contains": text_contains(Contract.number),
        "institution_id": equals(Contract.institution_id),
        "kinds": one_of(Contract.kind),
        "statuses": one_of(Contract.status),
        "org_path_prefix": prefix(Contract.org_path),
        "ends_before": before(Contract.ends_on),
        "ends_on_or_after": on_or_after(Contract.ends_on),
        "starts_on_or_after": on_or_after(Contract.starts_on),
    },
    order_fields={
        "NUMBER": Contract.number,
        "STARTS_ON": Contract.starts_on,
        "ENDS_ON": Contract.ends_on,
        "AMOUNT": Contract.amount,
        "CREATED_AT": Contract.created_at,
    },
    default_order="NUMBER",
    default_scope=lambda: Contract.status != ContractStatus.ARCHIVED,
    scope_overridden_by=frozenset({"statuses"}),
)

_REQUIRED = {"number", "institution_id", "kind"}
_CURRENCY = re.compile(r"^[A-Z]{3}$")


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: Contract | None
) -> dict[str, Any]:
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(Contract, values, required)
    if "service_levels" in values:
        values["service_levels"] = service_levels.levels_document(values["service_levels"] or [])
    service_levels.check_contract(values, current)
    if values.get("currency") is not None:
        values["currency"] = values["currency"].upper()
        if not _CURRENCY.match(values["currency"]):
            raise fail("currency", ErrorCode.INVALID, "A currency is an ISO 4217 code like CNY.")
    if values.get("amount") is not None and values["amount"] < 0:
        raise fail("amount", ErrorCode.INVALID, "The amount cannot be negative.")
    if values.get("institution_id") is not None:
        holder = await institutions.live(session, values["institution_id"], "institution_id")
        values["org_path"] = holder.org_path
    records.check_order(values, current, "starts_on", "ends_on")
    await records.check_unique(
        session, Contract, values, ("number",), exclude_id=current.id if current else None
    )
    return values


async def _existing_devices(session: AsyncSession, device_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    unique_ids = list(dict.fromkeys(device_ids))
    devices = (await session.execute(select(Device).where(Device.id.in_(unique_ids)))).scalars()
    found = {device.id for device in devices if row_scope.readable(session, device)}
    missing = [str(device_id) for device_id in unique_ids if device_id not in found]
    if missing:
        raise fail("device_ids", ErrorCode.NOT_FOUND, f"No device with id {', '.join(missing)}.")
    return unique_ids


async def covered_device_ids(session: AsyncSession, contract_id: uuid.UUID) -> list[uuid.UUID]:
    """The ids of the devices a contract covers."""
    statement = select(contract_device.c.device_id).where(
        contract_device.c.contract_id == contract_id
    )
    return sorted((await session.execute(statement)).scalars(), key=str)


async def _replace_devices(
    session: AsyncSession, author: Author, contract: Contract, device_ids: list[uuid.UUID]
) -> None:
    wanted = await _existing_devices(session, device_ids)
    before = await covered_device_ids(session, contract.id)
    if set(before) == set(wanted):
        return
    await session.execute(
        delete(contract_device).where(contract_device.c.contract_id == contract.id)
    )
    if wanted:
        await session.execute(
            insert(contract_device),
            [{"contract_id": contract.id, "device_id": device_id} for device_id in wanted],
        )
    after = sorted(wanted, key=str)
    changes = {"device_ids": {"before": [str(i) for i in before], "after": [str(i) for i in after]}}
    await record_event(session, author, "UPDATE_DEVICES", contract, changes)


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Contract:
    """Validate and insert a contract with the devices it covers."""
    device_ids = values.pop("device_ids", None) or []
    contract = await records.create_with(session, author, Contract, values, _validate)
    if device_ids:
        await _replace_devices(session, author, contract, device_ids)
    return contract


async def update_by_id(
    session: AsyncSession,
    author: Author,
    contract_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Contract:
    """Validate and apply changes; `device_ids`, when given, replaces the covered set."""
    device_ids = values.pop("device_ids", None)
    contract = await records.update_with(
        session, author, Contract, contract_id, values, expected_version, _validate
    )
    if device_ids is not None:
        await _replace_devices(session, author, contract, device_ids)
    return contract


async def by_number(session: AsyncSession, number: str) -> Contract | None:
    """The contract with that number."""
    statement = select(Contract).where(Contract.number == number.strip())
    return (await session.execute(statement)).scalar_one_or_none()
