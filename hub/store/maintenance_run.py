"""The plan run: open the MAINTENANCE tickets that fall due, once, assigned by region."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.enums import TicketKind, TicketStatus
from hub.db.institution import Institution
from hub.db.listing import Scope, unrestricted
from hub.db.ticket import Ticket
from hub.quality.service_rules import ServiceRules
from hub.store import tickets
from hub.store.maintenance_due import DueMaintenance, due_within

_CHINA = ZoneInfo("Asia/Shanghai")
_NOT_DONE = (TicketStatus.OPEN, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS)


def end_of_day(day: date) -> datetime:
    """The last second of a day in China, in UTC."""
    return datetime.combine(day, time(23, 59, 59), _CHINA).astimezone(UTC)


def ticket_number(due: DueMaintenance) -> str:
    """The number of the plan's ticket for this device and due day: the same on every run, so
    a second run finds it instead of opening another."""
    return f"PM-{due.due_on:%Y%m%d}-{due.device.id.hex[:10].upper()}"


@dataclass(frozen=True)
class PlanRun:
    """What one plan run did."""

    opened: list[Ticket]
    already_open: int


async def _already_handled(session: AsyncSession, due: list[DueMaintenance]) -> set[uuid.UUID]:
    device_ids = [item.device.id for item in due]
    numbers = [ticket_number(item) for item in due]
    statement = select(Ticket.device_id).where(
        Ticket.device_id.in_(device_ids),
        Ticket.kind == TicketKind.MAINTENANCE,
        (Ticket.status.in_(_NOT_DONE)) | Ticket.number.in_(numbers),
    )
    return set((await session.execute(statement)).scalars())


def _summary(due: DueMaintenance) -> str:
    label = due.model.name.split()[0]
    checklist = "；".join(due.plan.checklist) if due.plan and due.plan.checklist else ""
    text = f"{label}预防性维护（到期 {due.due_on:%Y-%m-%d}）"
    return f"{text}：{checklist}" if checklist else text


async def open_due_tickets(
    session: AsyncSession,
    author: Author,
    on: date,
    within_days: int,
    rules: ServiceRules,
    scope: Scope = unrestricted,
) -> PlanRun:
    """Open one MAINTENANCE ticket per device due within the window that has none open (nor one
    opened for this due day before), assigned to its region's engineer; idempotent."""
    due = await due_within(session, on, within_days, scope=scope)
    handled = await _already_handled(session, due) if due else set()
    holder_ids = {item.device.institution_id for item in due}
    regions = dict(
        (
            await session.execute(
                select(Institution.id, Institution.region_code).where(
                    Institution.id.in_(holder_ids)
                )
            )
        ).all()
    )
    now = datetime.now(UTC)
    opened: list[Ticket] = []
    for item in due:
        if item.device.id in handled:
            continue
        deadline = end_of_day(item.due_on)
        values = {
            "number": ticket_number(item),
            "institution_id": item.device.institution_id,
            "device_id": item.device.id,
            "kind": TicketKind.MAINTENANCE,
            "summary": _summary(item)[:500],
            # An overdue one takes the deadline of its service contract, if any.
            "due_at": deadline if deadline > now else None,
        }
        ticket = await tickets.create(session, author, values)
        engineer = rules.engineer_for(regions.get(item.device.institution_id))
        if engineer is not None:
            change = {"status": TicketStatus.ASSIGNED, "assignee": engineer}
            ticket = await tickets.update_by_id(session, author, ticket.id, change, None)
        opened.append(ticket)
    return PlanRun(opened=opened, already_open=len(due) - len(opened))
