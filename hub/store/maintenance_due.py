"""When each device is next due for maintenance, and the plan run that opens those tickets.

A device's plan is its model's. The next due day is the interval after the later of its
installation and its last completed MAINTENANCE ticket; a usage interval makes it due at once
when the meter has run that far since the last maintenance. Devices whose model has no plan keep
the `next_maintenance_on` typed into their record.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from hub.audit.writer import Author
from hub.db.device import Device, DeviceModel
from hub.db.enums import DeviceStatus, RecordStatus, TicketKind
from hub.db.listing import Scope, unrestricted
from hub.db.maintenance import MaintenancePlan
from hub.db.ticket import Ticket
from hub.store import records

_CHINA = ZoneInfo("Asia/Shanghai")
_IN_SERVICE = (DeviceStatus.INSTALLED, DeviceStatus.IN_REPAIR)


class DueReason(StrEnum):
    """What makes a device due: the calendar, the usage meter, or a date typed in by hand."""

    INTERVAL_DAYS = "INTERVAL_DAYS"
    USAGE = "USAGE"
    RECORDED_DATE = "RECORDED_DATE"


@dataclass(frozen=True)
class DueMaintenance:
    """One device's next maintenance."""

    device: Device
    model: DeviceModel
    plan: MaintenancePlan | None
    due_on: date
    reason: DueReason
    usage_since_last: int | None

    def days_left(self, on: date) -> int:
        """Days until due (negative when overdue)."""
        return (self.due_on - on).days


def china_day(moment: datetime) -> date:
    """The calendar day in China of a UTC moment."""
    return moment.astimezone(_CHINA).date()


def _completed(ticket: type[Ticket]) -> ColumnElement[bool]:
    return and_(ticket.kind == TicketKind.MAINTENANCE, ticket.resolved_at.is_not(None))


def _statement(conditions: Sequence[ColumnElement[bool]], scope: Scope) -> Select[Any]:
    done = aliased(Ticket)
    last_done = (
        select(func.max(done.resolved_at))
        .where(done.device_id == Device.id, _completed(done))
        .scalar_subquery()
    )
    meter = aliased(Ticket)
    last_meter = (
        select(meter.usage_reading)
        .where(meter.device_id == Device.id, _completed(meter))
        .order_by(meter.resolved_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(Device, DeviceModel, MaintenancePlan, last_done, last_meter)
        .join(DeviceModel, DeviceModel.id == Device.device_model_id)
        .outerjoin(
            MaintenancePlan,
            and_(
                MaintenancePlan.device_model_id == Device.device_model_id,
                MaintenancePlan.status == RecordStatus.ACTIVE,
            ),
        )
        .where(
            Device.status.in_(_IN_SERVICE),
            Device.institution_id.is_not(None),
            *conditions,
            *scope(Device),
        )
        .order_by(Device.serial_number, Device.id)
    )


def next_due(
    device: Device,
    model: DeviceModel,
    plan: MaintenancePlan | None,
    last_done: datetime | None,
    last_meter: int | None,
    on: date,
) -> DueMaintenance | None:
    """The device's next maintenance as seen on day `on` (None: nothing scheduled)."""
    if plan is None:
        if device.next_maintenance_on is None:
            return None
        return DueMaintenance(
            device, model, None, device.next_maintenance_on, DueReason.RECORDED_DATE, None
        )
    candidates: list[tuple[date, DueReason]] = []
    since = max(
        (day for day in (device.installed_on, last_done and china_day(last_done)) if day),
        default=None,
    )
    if plan.interval_days is not None and since is not None:
        candidates.append((since + timedelta(days=plan.interval_days), DueReason.INTERVAL_DAYS))
    used = None
    if plan.interval_usage is not None and device.usage_reading is not None:
        used = device.usage_reading - (last_meter or 0)
        if used >= plan.interval_usage:
            candidates.append((on, DueReason.USAGE))
    if not candidates:
        return None
    due_on, reason = min(candidates)
    return DueMaintenance(device, model, plan, due_on, reason, used)


async def schedule(
    session: AsyncSession,
    on: date,
    conditions: Sequence[ColumnElement[bool]] = (),
    scope: Scope = unrestricted,
) -> list[DueMaintenance]:
    """The next maintenance of every device in service (matching `conditions`), in one
    statement, earliest first."""
    rows = (await session.execute(_statement(conditions, scope))).all()
    found = [
        due
        for device, model, plan, last_done, last_meter in rows
        if (due := next_due(device, model, plan, last_done, last_meter, on)) is not None
    ]
    return sorted(found, key=lambda due: (due.due_on, due.device.serial_number))


async def due_within(
    session: AsyncSession,
    on: date,
    within_days: int,
    conditions: Sequence[ColumnElement[bool]] = (),
    scope: Scope = unrestricted,
) -> list[DueMaintenance]:
    """Devices due by `on + within_days`, overdue ones included."""
    until = on + timedelta(days=within_days)
    return [due for due in await schedule(session, on, conditions, scope) if due.due_on <= until]


async def refresh(
    session: AsyncSession,
    author: Author,
    on: date,
    conditions: Sequence[ColumnElement[bool]] = (),
) -> None:
    """Store each planned device's computed due day in `next_maintenance_on` (alerts and lists
    read it), audited where it changes."""
    for due in await schedule(session, on, conditions):
        if due.plan is not None:
            await records.apply(session, author, due.device, {"next_maintenance_on": due.due_on})
