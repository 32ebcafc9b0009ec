"""SLAs by contract: the targets a SERVICE contract sets per priority, the deadlines they give a
ticket, where a ticket stands against them, and recording breaches in the change feed."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.contract import Contract, contract_device
from hub.db.enums import ContractKind, ContractStatus, SlaStatus, TicketPriority, TicketStatus
from hub.db.ticket import Ticket
from hub.errors import ErrorCode, ErrorCollector, fail
from hub.store import records

RESPONSE = "response_hours"
RESOLUTION = "resolution_hours"
# Tickets someone still has to work on: their deadlines are running.
RUNNING = (TicketStatus.OPEN, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS)
BREACH = "SLA_BREACH"
"""The audit action of a ticket's first missed deadline."""


def levels_document(levels: Sequence[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The stored form of a list of {priority, response_hours, resolution_hours}, validated:
    one entry per priority, whole positive hours, a response no later than the resolution."""
    errors = ErrorCollector()
    document: dict[str, dict[str, int]] = {}
    for index, level in enumerate(levels):
        path = ("service_levels", str(index))
        priority = TicketPriority(level["priority"])
        response, resolution = level.get(RESPONSE), level.get(RESOLUTION)
        if priority.value in document:
            errors.add(path, ErrorCode.DUPLICATE, f"{priority.value} is given twice.")
        elif not all(isinstance(h, int) and h > 0 for h in (response, resolution)):
            errors.add(path, ErrorCode.INVALID, "Targets are whole hours above zero.")
        elif response > resolution:  # type: ignore[operator]
            errors.add(path, ErrorCode.INVALID, "The response target exceeds the resolution's.")
        else:
            document[priority.value] = {RESPONSE: response, RESOLUTION: resolution}  # type: ignore[dict-item]
    errors.raise_if_any()
    return document


def check_contract(values: dict[str, Any], current: Contract | None) -> None:
    """Service levels belong to SERVICE contracts only."""
    levels = records.effective(values, current, "service_levels")
    kind = records.effective(values, current, "kind")
    if levels and kind is not ContractKind.SERVICE:
        raise fail("service_levels", ErrorCode.INVALID, "Only SERVICE contracts carry SLAs.")


async def covering_contract(
    session: AsyncSession, device_id: uuid.UUID, day: date
) -> Contract | None:
    """The active SERVICE contract with service levels that covers the device on the day (the
    one running longest, when several do)."""
    statement = (
        select(Contract)
        .join(contract_device, contract_device.c.contract_id == Contract.id)
        .where(
            contract_device.c.device_id == device_id,
            Contract.kind == ContractKind.SERVICE,
            Contract.status == ContractStatus.ACTIVE,
            or_(Contract.starts_on.is_(None), Contract.starts_on <= day),
            or_(Contract.ends_on.is_(None), Contract.ends_on >= day),
        )
        .order_by(Contract.ends_on.desc(), Contract.number)
    )
    for contract in (await session.execute(statement)).scalars():
        if contract.service_levels:
            return contract
    return None


def deadlines(
    contract: Contract, priority: TicketPriority, opened_at: datetime
) -> dict[str, Any] | None:
    """The ticket values a contract's targets for `priority` give (None: no target for it)."""
    level = contract.service_levels.get(priority.value)
    if level is None:
        return None
    return {
        "service_contract_id": contract.id,
        "respond_by": opened_at + timedelta(hours=level[RESPONSE]),
        "due_at": opened_at + timedelta(hours=level[RESOLUTION]),
    }


def _missed(deadline: datetime | None, done_at: datetime | None, now: datetime) -> bool:
    return deadline is not None and (done_at or now) > deadline


def _late_share(opened_at: datetime, deadline: datetime, now: datetime) -> float:
    window = (deadline - opened_at).total_seconds()
    return 1.0 if window <= 0 else (now - opened_at).total_seconds() / window


def status_of(ticket: Ticket, now: datetime, at_risk_share: float) -> SlaStatus | None:
    """BREACHED once a deadline was missed; AT_RISK when a running deadline has used
    `at_risk_share` of its time; else ON_TRACK. None without deadlines or when cancelled."""
    if ticket.respond_by is None and ticket.due_at is None:
        return None
    if ticket.status is TicketStatus.CANCELLED or (
        ticket.status is TicketStatus.ARCHIVED and ticket.resolved_at is None
    ):
        return None
    if _missed(ticket.respond_by, ticket.responded_at, now) or _missed(
        ticket.due_at, ticket.resolved_at, now
    ):
        return SlaStatus.BREACHED
    if ticket.resolved_at is not None:
        return SlaStatus.ON_TRACK
    running = [ticket.due_at] + ([ticket.respond_by] if ticket.responded_at is None else [])
    if any(
        deadline is not None and _late_share(ticket.opened_at, deadline, now) >= at_risk_share
        for deadline in running
    ):
        return SlaStatus.AT_RISK
    return SlaStatus.ON_TRACK


def overdue(now: datetime) -> ColumnElement[bool]:
    """Running tickets past a deadline: not responded by `respond_by`, or not resolved by
    `due_at`."""
    return and_(
        Ticket.status.in_(RUNNING),
        or_(
            Ticket.due_at < now,
            and_(Ticket.responded_at.is_(None), Ticket.respond_by < now),
        ),
    )


async def record_breaches(session: AsyncSession, author: Author, now: datetime) -> list[Ticket]:
    """Stamp `sla_breached_at` on every running ticket that has missed a deadline and was not
    stamped yet: one SLA_BREACH event each in the change feed. Running it again adds nothing."""
    statement = (
        select(Ticket)
        .where(overdue(now), Ticket.sla_breached_at.is_(None))
        .order_by(Ticket.due_at, Ticket.number)
    )
    breached = list((await session.execute(statement)).scalars())
    for ticket in breached:
        await records.apply(session, author, ticket, {"sla_breached_at": now}, action=BREACH)
    return breached
