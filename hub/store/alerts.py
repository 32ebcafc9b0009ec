"""Alerts: certificates expiring, contracts and warranties ending, maintenance due, SLAs missed."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from hub.db.certificate import Certificate
from hub.db.contract import Contract
from hub.db.device import Device
from hub.db.enums import ContractStatus
from hub.db.listing import Listing, Scope, unrestricted, where_clauses
from hub.db.ticket import Ticket
from hub.store import certificates, contracts, devices, service_levels, tickets
from hub.store.maintenance_due import china_day


class AlertKind(StrEnum):
    CERTIFICATE_EXPIRING = "CERTIFICATE_EXPIRING"
    CONTRACT_ENDING = "CONTRACT_ENDING"
    WARRANTY_ENDING = "WARRANTY_ENDING"
    MAINTENANCE_DUE = "MAINTENANCE_DUE"
    SLA_BREACHED = "SLA_BREACHED"


@dataclass(frozen=True)
class Alert:
    """Something that falls due on a date, about one record of one institution."""

    kind: AlertKind
    due_on: date
    days_left: int
    institution_id: uuid.UUID | None
    record: Any
    label: str


@dataclass(frozen=True)
class _Source:
    listing: Listing
    due: InstrumentedAttribute[Any]
    # Overdue maintenance is still due; an expired certificate is no longer "expiring".
    includes_overdue: bool
    label: str
    extra: tuple[ColumnElement[bool], ...] = ()


_SOURCES: dict[AlertKind, _Source] = {
    AlertKind.CERTIFICATE_EXPIRING: _Source(
        certificates.LISTING,
        Certificate.valid_to,
        False,
        "number",
        (Certificate.institution_id.is_not(None),),
    ),
    AlertKind.CONTRACT_ENDING: _Source(
        contracts.LISTING,
        Contract.ends_on,
        False,
        "number",
        (Contract.status.in_([ContractStatus.ACTIVE, ContractStatus.DRAFT]),),
    ),
    AlertKind.WARRANTY_ENDING: _Source(
        devices.LISTING, Device.warranty_ends_on, False, "serial_number"
    ),
    AlertKind.MAINTENANCE_DUE: _Source(
        devices.LISTING, Device.next_maintenance_on, True, "serial_number"
    ),
}


async def _alerts_of(
    session: AsyncSession, kind: AlertKind, on: date, until: date, scope: Scope
) -> list[Alert]:
    source = _SOURCES[kind]
    window = [source.due <= until] + ([] if source.includes_overdue else [source.due >= on])
    statement = select(source.listing.model).where(
        *where_clauses(source.listing, {}),
        *window,
        *source.extra,
        *scope(source.listing.model),
    )
    return [
        Alert(
            kind=kind,
            due_on=getattr(row, source.due.key),
            days_left=(getattr(row, source.due.key) - on).days,
            institution_id=row.institution_id,
            record=row,
            label=getattr(row, source.label),
        )
        for row in (await session.execute(statement)).scalars()
    ]


async def _sla_breaches(session: AsyncSession, on: date, scope: Scope) -> list[Alert]:
    """Running tickets past a deadline, whatever the window: a breach is already due."""
    now = datetime.now(UTC)
    statement = select(Ticket).where(
        service_levels.overdue(now), *where_clauses(tickets.LISTING, {}), *scope(Ticket)
    )
    found = []
    for row in (await session.execute(statement)).scalars():
        unanswered = row.responded_at is None and row.respond_by is not None
        missed = row.respond_by if unanswered and row.respond_by < now else row.due_at
        due_on = china_day(missed)
        found.append(
            Alert(
                kind=AlertKind.SLA_BREACHED,
                due_on=due_on,
                days_left=(due_on - on).days,
                institution_id=row.institution_id,
                record=row,
                label=row.number,
            )
        )
    return found


async def upcoming(
    session: AsyncSession,
    on: date,
    within_days: int,
    kinds: Iterable[AlertKind] | None = None,
    scope: Scope = unrestricted,
) -> list[Alert]:
    """Every alert due within the window (and overdue maintenance, missed SLAs), earliest first,
    among the rows `scope` lets through."""
    until = on + timedelta(days=within_days)
    found: list[Alert] = []
    for kind in kinds or list(AlertKind):
        if kind is AlertKind.SLA_BREACHED:
            found.extend(await _sla_breaches(session, on, scope))
        else:
            found.extend(await _alerts_of(session, kind, on, until, scope))
    return sorted(found, key=lambda alert: (alert.due_on, alert.kind.value, alert.label))
