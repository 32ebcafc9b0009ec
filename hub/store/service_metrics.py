"""Service KPIs per group, computed by the database in one statement.

A ticket counts in the period for what happened in it: opened (opened_at), responded
(responded_at) and resolved (resolved_at) in [start, end). Times are from opening, in minutes;
p90 is the nearest-rank percentile (the smallest value with at least 90 % of the values at or
below it), written with window functions so that SQLite and PostgreSQL give the same answer.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.device import Device, DeviceModel
from hub.db.elapsed import minutes_between
from hub.db.enums import TicketKind
from hub.db.institution import Institution
from hub.db.listing import Scope, unrestricted
from hub.db.ticket import Ticket


class MetricsGroup(StrEnum):
    """What service KPIs are broken down by."""

    REGION = "REGION"  # the province of the institution (first two digits of its region code)
    DEVICE_MODEL = "DEVICE_MODEL"
    ENGINEER = "ENGINEER"
    INSTITUTION = "INSTITUTION"


@dataclass(frozen=True)
class Metrics:
    """The KPIs of one group over one period (durations in minutes)."""

    key: str | None
    label: str | None
    opened: int
    resolved: int
    mean_response_minutes: float | None
    p90_response_minutes: float | None
    mean_resolution_minutes: float | None
    p90_resolution_minutes: float | None
    first_time_fixes: int
    sla_measured: int
    sla_met: int
    repeat_failures: int
    satisfaction_responses: int
    mean_satisfaction: float | None

    @property
    def first_time_fix_rate(self) -> float | None:
        """Share of the resolved tickets fixed at the first visit."""
        return self.first_time_fixes / self.resolved if self.resolved else None

    @property
    def sla_attainment(self) -> float | None:
        """Share of the resolved tickets with deadlines that met both of them."""
        return self.sla_met / self.sla_measured if self.sla_measured else None


def _group_columns(group: MetricsGroup) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """(key, label) of a group."""
    if group is MetricsGroup.REGION:
        province = func.substr(Institution.region_code, 1, 2)
        return province, province
    if group is MetricsGroup.DEVICE_MODEL:
        return DeviceModel.id, DeviceModel.name
    if group is MetricsGroup.ENGINEER:
        engineer = func.coalesce(Ticket.engineer, Ticket.assignee)
        return engineer, engineer
    return Institution.id, Institution.name


def _within(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def _p90(value: Any, rank: Any, count: Any) -> ColumnElement[Any]:
    # Nearest rank: the first value whose rank r satisfies r >= 0.9 n, i.e. 10 r >= 9 n.
    return func.min(case((and_(value.is_not(None), rank * 10 >= count * 9), value)))


def statement(
    group: MetricsGroup,
    start: datetime,
    end: datetime,
    scope: Scope = unrestricted,
    conditions: Sequence[ColumnElement[bool]] = (),
) -> Any:
    """The SELECT computing every KPI per group for tickets active in [start, end)."""
    key, label = _group_columns(group)
    opened = _within(Ticket.opened_at, start, end)
    responded = _within(Ticket.responded_at, start, end)
    resolved = _within(Ticket.resolved_at, start, end)
    met = and_(
        Ticket.resolved_at <= Ticket.due_at,
        or_(Ticket.respond_by.is_(None), Ticket.responded_at <= Ticket.respond_by),
    )
    facts = (
        select(
            key.label("key"),
            label.label("label"),
            _flag(opened).label("opened"),
            _flag(resolved).label("resolved"),
            case((responded, minutes_between(Ticket.opened_at, Ticket.responded_at))).label(
                "response"
            ),
            case((resolved, minutes_between(Ticket.opened_at, Ticket.resolved_at))).label(
                "resolution"
            ),
            _flag(and_(resolved, Ticket.first_time_fix.is_(True))).label("first_fix"),
            _flag(and_(resolved, Ticket.due_at.is_not(None))).label("sla_measured"),
            _flag(and_(resolved, Ticket.due_at.is_not(None), met)).label("sla_met"),
            case(
                (
                    and_(opened, Ticket.kind == TicketKind.REPAIR, Ticket.device_id.is_not(None)),
                    Ticket.device_id,
                )
            ).label("repaired_device"),
            case((resolved, Ticket.satisfaction)).label("satisfaction"),
        )
        .select_from(Ticket)
        .join(Institution, Institution.id == Ticket.institution_id)
        .outerjoin(Device, Device.id == Ticket.device_id)
        .outerjoin(DeviceModel, DeviceModel.id == Device.device_model_id)
        .where(or_(opened, responded, resolved), *conditions, *scope(Ticket))
        .subquery("facts")
    )
    ranked = select(
        facts,
        *(
            column
            for name in ("response", "resolution")
            for column in (
                func.row_number()
                .over(
                    partition_by=(facts.c.key, facts.c[name].is_(None)),
                    order_by=facts.c[name],
                )
                .label(f"{name}_rank"),
                func.count(facts.c[name]).over(partition_by=facts.c.key).label(f"{name}_count"),
            )
        ),
    ).subquery("ranked")
    c = ranked.c
    return (
        select(
            c.key,
            func.min(c.label).label("label"),
            func.sum(c.opened).label("opened"),
            func.sum(c.resolved).label("resolved"),
            func.avg(c.response).label("mean_response"),
            _p90(c.response, c.response_rank, c.response_count).label("p90_response"),
            func.avg(c.resolution).label("mean_resolution"),
            _p90(c.resolution, c.resolution_rank, c.resolution_count).label("p90_resolution"),
            func.sum(c.first_fix).label("first_fixes"),
            func.sum(c.sla_measured).label("sla_measured"),
            func.sum(c.sla_met).label("sla_met"),
            (func.count(c.repaired_device) - func.count(c.repaired_device.distinct())).label(
                "repeat_failures"
            ),
            func.count(c.satisfaction).label("satisfaction_responses"),
            func.avg(c.satisfaction * literal(1.0)).label("mean_satisfaction"),
        )
        .group_by(c.key)
        .order_by(c.key)
    )


def _number(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def _key(value: Any) -> str | None:
    return None if value is None else str(value)


async def compute(
    session: AsyncSession,
    group: MetricsGroup,
    start: datetime,
    end: datetime,
    scope: Scope = unrestricted,
    conditions: Sequence[ColumnElement[bool]] = (),
) -> list[Metrics]:
    """The KPIs per group, tickets without the grouping value (no device, no engineer) under a
    group with key None."""
    rows = (await session.execute(statement(group, start, end, scope, conditions))).all()
    return [
        Metrics(
            key=_key(row.key),
            label=_key(row.label),
            opened=int(row.opened or 0),
            resolved=int(row.resolved or 0),
            mean_response_minutes=_number(row.mean_response),
            p90_response_minutes=_number(row.p90_response),
            mean_resolution_minutes=_number(row.mean_resolution),
            p90_resolution_minutes=_number(row.p90_resolution),
            first_time_fixes=int(row.first_fixes or 0),
            sla_measured=int(row.sla_measured or 0),
            sla_met=int(row.sla_met or 0),
            repeat_failures=int(row.repeat_failures or 0),
            satisfaction_responses=int(row.satisfaction_responses or 0),
            mean_satisfaction=_number(row.mean_satisfaction),
        )
        for row in rows
    ]


async def by_institution(
    session: AsyncSession,
    institution_ids: Sequence[uuid.UUID],
    start: datetime,
    end: datetime,
    scope: Scope = unrestricted,
) -> dict[uuid.UUID, Metrics]:
    """The KPIs of each of these institutions, in one statement."""
    found = await compute(
        session,
        MetricsGroup.INSTITUTION,
        start,
        end,
        scope,
        [Ticket.institution_id.in_(list(institution_ids))],
    )
    return {uuid.UUID(metrics.key): metrics for metrics in found if metrics.key is not None}
