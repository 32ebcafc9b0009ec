"""Service tickets, with the state machine enforced on every status change."""

import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.contact import Contact
from hub.db.device import Device
from hub.db.enums import TicketStatus
from hub.db.listing import Listing, before, equals, on_or_after, one_of, prefix, text_contains
from hub.db.ticket import Ticket
from hub.errors import ErrorCode, fail
from hub.store import institutions, records
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


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: Ticket | None
) -> dict[str, Any]:
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(Ticket, values, required)
    if current is not None and current.status in TERMINAL:
        raise fail("id", ErrorCode.INVALID_STATE, f"The ticket is {current.status.value}.")
    if current is None:
        # Imported history keeps its own opening time; new tickets open now.
        values.setdefault("opened_at", datetime.now(UTC))
        values.setdefault("number", new_number(values["opened_at"]))
        values["status"] = TicketStatus.OPEN
    else:
        _check_status(values, current)
    if values.get("institution_id") is not None:
        holder = await institutions.live(session, values["institution_id"], "institution_id")
        values["org_path"] = holder.org_path
    await _check_links(session, values, current)
    records.check_order(values, current, "opened_at", "due_at")
    await records.check_unique(
        session, Ticket, values, ("number",), exclude_id=current.id if current else None
    )
    return values


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Ticket:
    """Validate and open a ticket (status OPEN; a number is generated when none is given)."""
    return await records.create_with(session, author, Ticket, values, _validate)


async def update_by_id(
    session: AsyncSession,
    author: Author,
    ticket_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Ticket:
    """Validate and apply changes; a status change must follow the state machine."""
    return await records.update_with(
        session, author, Ticket, ticket_id, values, expected_version, _validate
    )


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
