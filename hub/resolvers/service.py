"""Service KPIs and SLA breaches."""

from datetime import UTC, datetime
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.context.request import Info
from hub.resolvers import mutations
from hub.resolvers.quality import scope_of
from hub.schema.node import to_node
from hub.schema.service import (
    From,
    RecordSlaBreachesPayload,
    ServiceMetrics,
    To,
    period,
    present_metrics,
)
from hub.store import service_levels, service_metrics
from hub.store.service_metrics import MetricsGroup


async def service_metrics_query(
    info: Info, start: From, to: To, group_by: MetricsGroup
) -> list[ServiceMetrics]:
    """Service KPIs per group over the period, over the tickets the caller may read."""
    first, after = period(start, to)
    async with info.context.database.reader() as session:
        found = await service_metrics.compute(session, group_by, first, after, scope_of(info))
    return [present_metrics(metrics, group_by) for metrics in found]


async def record_sla_breaches(info: Info) -> RecordSlaBreachesPayload:
    """Stamp every running ticket that missed a deadline, once (SLA_BREACH in the feed)."""

    async def write(session: AsyncSession, author: Author) -> dict[str, Any]:
        breached = await service_levels.record_breaches(session, author, datetime.now(UTC))
        return {"breached": [to_node(row) for row in breached]}

    return await mutations.run_returning(info, RecordSlaBreachesPayload, write)  # type: ignore[no-any-return]


QUERY_FIELDS = {
    "service_metrics": strawberry.field(
        resolver=service_metrics_query,
        description="Service KPIs per region, device model, engineer or institution: tickets "
        "opened and resolved, response and resolution times (mean, p90), first-time fix, SLA "
        "attainment, repeat failures and satisfaction, computed by the database.",
    ),
}

MUTATION_FIELDS = {
    "record_sla_breaches": strawberry.field(
        resolver=record_sla_breaches,
        description="Record every new SLA breach in the change feed (run it on a schedule, or "
        "`hub plan sla`).",
    ),
}
