"""Service tickets, with the state machine enforced on every status change."""

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.contact import Contact
from hub.db.contract import Contract
from hub.db.device import Device
from hub.db.enums import TicketKind, TicketPriority, TicketStatus
from hub.db.listing import Listing, before, equals, on_or_after, one_of, prefix, text_contains
from hub.db.ticket import Ticket
from hub.errors import ErrorCode, fail
from hub.quality.service_rules import ServiceRules, current_service_rules
from hub.store import institutions, maintenance_due, records, service_levels
from hub.store.ticket_workflow import TERMINAL, can_move

LISTING = Listing(
    model=Ticket,
    filters={
        "summary_contains": text_contains(Ticket.summary),
        "number": equals(Ticket.number),
        "institution_id": equals(Ticket.institution_id),
        "device_id": equals(Ticket.device_id),
        "kinds": one_of(Ticket.kind),
        "priorities": one_of(Ticket.priority),
        "statuses": one_of(Ticket.status),
        "assignee": equals(Ticket.assignee),
        "engineer": equals(Ticket.engineer),
        "org_path_prefix": prefix(Ticket.org_path),
        "due_before": before(Ticket.due_at),
        "opened_on_or_after": on_or_after(Ticket.opened_at),
    },
    order_fields={
        "NUMBER": Ticket.number,
        "OPENED_AT": Ticket.opened_at,
        "DUE_AT": Ticket.due_at,
        "PRIORITY": Ticket.priority,
        "UPDATED_AT": Ticket.updated_at,
    },
    default_order="OPENED_AT",
    default_scope=lambda: Ticket.status != TicketStatus.ARCHIVED,
    scope_overridden_by=frozenset({"statuses"}),
)

_REQUIRED = {"institution_id", "kind", "summary"}
_LONGEST_PART_NUMBER = 64
REPEAT_FAILURE = "REPEAT_FAILURE"
"""The audit action that withdraws an earlier ticket's first-time fix: its device failed again."""


def new_number(now: datetime) -> str:
    """A fresh ticket number such as `TK-20261122-3F9A1C`."""
    return f"TK-{now:%Y%m%d}-{secrets.token_hex(3).upper()}"


async def _check_links(
    session: AsyncSession, values: dict[str, Any], current: Ticket | None
) -> None:
    institution_id = records.effective(values, current, "institution_id")
    device_id = records.effective(values, current, "device_id")
    contact_id = records.effective(values, current, "contact_id")
    if device_id is not None and ("device_id" in values or "institution_id" in values):
        device = await records.require(session, Device, device_id, "device_id")
        if device.institution_id != institution_id:
            raise fail(
                "device_id", ErrorCode.MISMATCH, "The device is held by another institution."
            )
    if contact_id is not None and ("contact_id" in values or "institution_id" in values):
        contact = await records.require(session, Contact, contact_id, "contact_id")
        if contact.institution_id != institution_id:
            raise fail(
                "contact_id", ErrorCode.MISMATCH, "The contact works at another institution."
            )


def _check_status(values: dict[str, Any], current: Ticket) -> None:
    target = values.get("status")
    if target is None or target == current.status:
        values.pop("status", None)
        return
    if target == TicketStatus.ARCHIVED or not can_move(current.status, target):
        raise fail(
            "status",
            ErrorCode.INVALID_TRANSITION,
            f"A ticket cannot go from {current.status.value} to {target.value}.",
        )
    if target == TicketStatus.OPEN:
        values["assignee"] = None  # handed back to the queue
    if target == TicketStatus.ASSIGNED and not records.effective(values, current, "assignee"):
        raise fail("assignee", ErrorCode.REQUIRED, "An assigned ticket needs an assignee.")
    if target == TicketStatus.RESOLVED:
        if not records.effective(values, current, "resolution"):
            raise fail("resolution", ErrorCode.REQUIRED, "A resolved ticket needs a resolution.")
        values["resolved_at"] = datetime.now(UTC)
    if target == TicketStatus.IN_PROGRESS and current.status == TicketStatus.RESOLVED:
        values["resolved_at"] = None


def _service_record(
    values: dict[str, Any], current: Ticket, now: datetime, rules: ServiceRules
) -> None:
    """Keep the service record that first-time fix and the SLA are computed from."""
    target = values.get("status")
    if values.keys() & {"satisfaction", "satisfaction_comment"} and target != TicketStatus.CLOSED:
        raise fail(
            "satisfaction", ErrorCode.INVALID_STATE, "Satisfaction is captured when closing."
        )
    if target == TicketStatus.IN_PROGRESS:
        if current.responded_at is None:
            values["responded_at"] = now
        if "visits" not in values:  # each start of work on site is a visit
            values["visits"] = current.visits + 1
        resolved_at = current.resolved_at if current.status == TicketStatus.RESOLVED else None
        window = timedelta(days=rules.first_time_fix_days)
        if resolved_at is not None and now - resolved_at <= window:  # reopened: not fixed
            values["first_time_fix"] = False
    if target == TicketStatus.RESOLVED:
        values.setdefault("engineer", records.effective(values, current, "assignee"))
        visits = records.effective(values, current, "visits")
        values["first_time_fix"] = current.first_time_fix is not False and visits <= 1
        if (
            current.sla_breached_at is None
            and service_levels.status_of(current, now, rules.at_risk_share)
            is service_levels.SlaStatus.BREACHED
        ):
            values["sla_breached_at"] = now


def _check_record_values(values: dict[str, Any]) -> None:
    satisfaction = values.get("satisfaction")
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise fail("satisfaction", ErrorCode.INVALID, "Satisfaction is a score from 1 to 5.")
    if "visits" in values and (values["visits"] is None or values["visits"] < 0):
        raise fail("visits", ErrorCode.INVALID, "Visits are a count from 0.")
    if values.get("usage_reading") is not None and values["usage_reading"] < 0:
        raise fail("usage_reading", ErrorCode.INVALID, "A meter reading cannot be negative.")
    if "parts_used" in values:
        parts = [part.strip() for part in values["parts_used"] or [] if part.strip()]
        for index, part in enumerate(parts):
            if len(part) > _LONGEST_PART_NUMBER:
                raise fail(
                    ("parts_used", str(index)),
                    ErrorCode.TOO_LONG,
                    f"A part number is at most {_LONGEST_PART_NUMBER} characters.",
                )
        values["parts_used"] = parts


async def _contract_deadlines(session: AsyncSession, values: dict[str, Any]) -> None:
    """A new ticket on a device under a SERVICE contract takes its deadlines from the contract,
    unless the caller set them."""
    if values.get("device_id") is None or values.keys() & {"due_at", "respond_by"}:
        return
    opened_at: datetime = values["opened_at"]
    day = maintenance_due.china_day(opened_at)
    contract = await service_levels.covering_contract(session, values["device_id"], day)
    if contract is not None:
        priority = values.get("priority") or TicketPriority.NORMAL
        values.update(service_levels.deadlines(contract, priority, opened_at) or {})


async def _repriced_deadlines(
    session: AsyncSession, values: dict[str, Any], current: Ticket
) -> None:
    """A running ticket whose priority changes takes its contract's targets for the new one,
    counted from its opening."""
    priority = values.get("priority")
    if priority is None or priority == current.priority or current.service_contract_id is None:
        return
    if current.status not in service_levels.RUNNING or values.keys() & {"due_at", "respond_by"}:
        return
    contract = await session.get(Contract, current.service_contract_id)
    if contract is not None:
        values.update(service_levels.deadlines(contract, priority, current.opened_at) or {})


async def _meter_at_maintenance(
    session: AsyncSession, values: dict[str, Any], current: Ticket
) -> None:
    """A completed maintenance notes the device's meter, so a usage plan counts from it."""
    done = values.get("status") == TicketStatus.RESOLVED
    if not done or current.kind is not TicketKind.MAINTENANCE or current.device_id is None:
        return
    if values.get("usage_reading") is None:
        device = await session.get(Device, current.device_id)
        values["usage_reading"] = device.usage_reading if device else None


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: Ticket | None
) -> dict[str, Any]:
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(Ticket, values, required)
    if current is not None and current.status in TERMINAL:
        raise fail("id", ErrorCode.INVALID_STATE, f"The ticket is {current.status.value}.")
    _check_record_values(values)
    if current is None:
        # Imported history keeps its own opening time; new tickets open now.
        values.setdefault("opened_at", datetime.now(UTC))
        values.setdefault("number", new_number(values["opened_at"]))
        values["status"] = TicketStatus.OPEN
        await _contract_deadlines(session, values)
    else:
        _check_status(values, current)
        _service_record(values, current, datetime.now(UTC), current_service_rules())
        await _repriced_deadlines(session, values, current)
        await _meter_at_maintenance(session, values, current)
    if values.get("institution_id") is not None:
        holder = await institutions.live(session, values["institution_id"], "institution_id")
        values["org_path"] = holder.org_path
    await _check_links(session, values, current)
    records.check_order(values, current, "opened_at", "due_at")
    records.check_order(values, current, "opened_at", "respond_by")
    await records.check_unique(
        session, Ticket, values, ("number",), exclude_id=current.id if current else None
    )
    return values


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Ticket:
    """Validate and open a ticket (status OPEN; a number is generated when none is given).

    A device under a SERVICE contract gives the ticket its SLA deadlines; a repair of a device
    fixed within the first-time-fix window withdraws that fix's first-time-fix mark.
    """
    ticket = await records.create_with(session, author, Ticket, values, _validate)
    await _withdraw_first_time_fixes(session, author, ticket, current_service_rules())
    return ticket


_HISTORY_FACTS = (
    "responded_at",
    "resolved_at",
    "assignee",
    "engineer",
    "resolution",
    "resolution_code",
    "parts_used",
    "visits",
    "first_time_fix",
    "usage_reading",
    "satisfaction",
    "satisfaction_comment",
)


async def record_closed(session: AsyncSession, author: Author, values: dict[str, Any]) -> Ticket:
    """Insert a finished (CLOSED) ticket from history, such as a migration from the old service
    system: its times and service record as given, its deadlines from its SERVICE contract
    unless given. First-time fix defaults to "one visit at most"."""
    facts = {key: values.pop(key) for key in _HISTORY_FACTS if values.get(key) is not None}
    for key, given in (("opened_at", values), ("resolved_at", facts)):
        if given.get(key) is None:
            raise fail(key, ErrorCode.REQUIRED, f"A closed ticket needs {key}.")
    checked = await _validate(session, values, None)
    _check_record_values(facts)
    checked |= facts | {"status": TicketStatus.CLOSED}
    checked.setdefault("engineer", checked.get("assignee"))
    checked.setdefault("first_time_fix", checked.get("visits", 0) <= 1)
    records.check_order(checked, None, "opened_at", "responded_at")
    records.check_order(checked, None, "responded_at", "resolved_at")
    records.check_order(checked, None, "opened_at", "resolved_at")
    ticket = await records.insert(session, author, Ticket(**checked))
    await _withdraw_first_time_fixes(session, author, ticket, current_service_rules())
    return ticket


async def _withdraw_first_time_fixes(
    session: AsyncSession, author: Author, ticket: Ticket, rules: ServiceRules
) -> None:
    """A new repair of a device withdraws the first-time fix of its repairs resolved within
    the window before."""
    if ticket.kind is not TicketKind.REPAIR or ticket.device_id is None:
        return
    since = ticket.opened_at - timedelta(days=rules.first_time_fix_days)
    statement = select(Ticket).where(
        Ticket.device_id == ticket.device_id,
        Ticket.id != ticket.id,
        Ticket.kind == TicketKind.REPAIR,
        Ticket.first_time_fix.is_(True),
        Ticket.resolved_at >= since,
        Ticket.resolved_at <= ticket.opened_at,
    )
    for earlier in (await session.execute(statement)).scalars():
        await records.apply(
            session, author, earlier, {"first_time_fix": False}, action=REPEAT_FAILURE
        )


async def update_by_id(
    session: AsyncSession,
    author: Author,
    ticket_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Ticket:
    """Validate and apply changes; a status change must follow the state machine.

    Starting work stamps the response and counts a visit; resolving records the engineer and
    whether it was a first-time fix; a maintenance ticket's status moves its device's next due
    day.
    """
    ticket = await records.update_with(
        session, author, Ticket, ticket_id, values, expected_version, _validate
    )
    if "status" in values and ticket.kind is TicketKind.MAINTENANCE and ticket.device_id:
        today = maintenance_due.china_day(datetime.now(UTC))
        await maintenance_due.refresh(session, author, today, [Device.id == ticket.device_id])
    return ticket


async def archive(
    session: AsyncSession, author: Author, ticket_id: uuid.UUID, expected_version: int | None
) -> Ticket:
    """Archive a CLOSED or CANCELLED ticket."""
    ticket = await records.require_target(session, Ticket, ticket_id)
    if not can_move(ticket.status, TicketStatus.ARCHIVED):
        raise fail(
            "id", ErrorCode.INVALID_TRANSITION, "Only closed or cancelled tickets can be archived."
        )
    return await records.apply(
        session,
        author,
        ticket,
        {"status": TicketStatus.ARCHIVED},
        expected_version=expected_version,
        action="ARCHIVE",
    )


async def by_number(session: AsyncSession, number: str) -> Ticket | None:
    """The ticket with that number."""
    statement = select(Ticket).where(Ticket.number == number.strip())
    return (await session.execute(statement)).scalar_one_or_none()
