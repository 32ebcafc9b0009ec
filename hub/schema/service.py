"""GraphQL presentation of SLA targets, SLA breaches and service KPIs."""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

import strawberry

from hub.db.enums import SlaStatus, TicketPriority
from hub.global_ids import encode_id
from hub.quality.regions import PROVINCE_PREFIXES
from hub.schema.errors import UserError
from hub.schema.graphql_errors import BadUserInput
from hub.store.service_levels import RESOLUTION, RESPONSE
from hub.store.service_metrics import Metrics, MetricsGroup

if TYPE_CHECKING:
    from hub.schema.ticket import Ticket

strawberry.enum(SlaStatus, description="Where a ticket stands against its SLA deadlines.")
strawberry.enum(
    MetricsGroup, name="ServiceMetricsGroup", description="What service KPIs are broken down by."
)

_MINUTES_PER_HOUR = 60
_CHINA = ZoneInfo("Asia/Shanghai")
MAX_PERIOD_DAYS = 3660

From = Annotated[date, strawberry.argument(name="from", description="First day (China).")]
To = Annotated[date, strawberry.argument(description="Last day, included (China).")]


def period(start: date, end: date) -> tuple[datetime, datetime]:
    """[first day 00:00, day after the last 00:00) in China, as UTC moments."""
    if end < start:
        raise BadUserInput("`to` must not be before `from`.")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise BadUserInput(f"A period is at most {MAX_PERIOD_DAYS} days.")
    first = datetime.combine(start, time(), _CHINA).astimezone(UTC)
    after = datetime.combine(end + timedelta(days=1), time(), _CHINA).astimezone(UTC)
    return first, after


@strawberry.type(description="A SERVICE contract's targets for one ticket priority (clock hours).")
class ServiceLevel:
    priority: TicketPriority
    response_hours: int = strawberry.field(description="From opening to work starting.")
    resolution_hours: int = strawberry.field(description="From opening to resolution.")


def service_levels_of(document: dict[str, dict[str, int]] | None) -> list[ServiceLevel]:
    """GraphQL service levels from a contract's stored targets, in priority order."""
    stored = document or {}
    return [
        ServiceLevel(
            priority=priority,
            response_hours=stored[priority.value][RESPONSE],
            resolution_hours=stored[priority.value][RESOLUTION],
        )
        for priority in TicketPriority
        if priority.value in stored
    ]


@strawberry.input(description="A target for one priority.")
class ServiceLevelInput:
    priority: TicketPriority
    response_hours: int
    resolution_hours: int


def levels_input(levels: list[ServiceLevelInput] | None) -> list[dict[str, Any]] | None:
    """The store's form of service-level inputs."""
    if levels is None:
        return None
    return [
        {
            "priority": level.priority,
            RESPONSE: level.response_hours,
            RESOLUTION: level.resolution_hours,
        }
        for level in levels
    ]


def _hours(minutes: float | None) -> float | None:
    return None if minutes is None else round(minutes / _MINUTES_PER_HOUR, 2)


@strawberry.type(description="Service KPIs of one group over a period.")
class ServiceMetrics:
    key: str | None = strawberry.field(
        description="Province code, device-model or institution ID, or engineer; null: none."
    )
    label: str | None = strawberry.field(description="Province, model, institution or engineer.")
    opened: int
    resolved: int
    mean_response_hours: float | None = strawberry.field(description="Opening to work starting.")
    p90_response_hours: float | None = strawberry.field(description="Nearest-rank 90th percentile.")
    mean_resolution_hours: float | None = strawberry.field(description="MTTR: opening to resolved.")
    p90_resolution_hours: float | None = strawberry.field(
        description="Nearest-rank 90th percentile."
    )
    first_time_fixes: int
    first_time_fix_rate: float | None = strawberry.field(
        description="Resolved at the first visit and not reopened within the window, of resolved."
    )
    sla_measured: int = strawberry.field(description="Resolved tickets with SLA deadlines.")
    sla_met: int
    sla_attainment: float | None = strawberry.field(description="slaMet / slaMeasured.")
    repeat_failures: int = strawberry.field(
        description="Repairs opened beyond the first one per device."
    )
    satisfaction_responses: int
    mean_satisfaction: float | None = strawberry.field(description="Of the 1-5 closing scores.")

    @classmethod
    def of(cls, metrics: Metrics, group: MetricsGroup, key: str | None) -> "ServiceMetrics":
        """Present computed KPIs; `key` is the group's key as the API shows it."""
        label = metrics.label
        if group is MetricsGroup.REGION and label is not None:
            label = PROVINCE_PREFIXES.get(label, label)
        return cls(
            key=key,
            label=label,
            opened=metrics.opened,
            resolved=metrics.resolved,
            mean_response_hours=_hours(metrics.mean_response_minutes),
            p90_response_hours=_hours(metrics.p90_response_minutes),
            mean_resolution_hours=_hours(metrics.mean_resolution_minutes),
            p90_resolution_hours=_hours(metrics.p90_resolution_minutes),
            first_time_fixes=metrics.first_time_fixes,
            first_time_fix_rate=metrics.first_time_fix_rate,
            sla_measured=metrics.sla_measured,
            sla_met=metrics.sla_met,
            sla_attainment=metrics.sla_attainment,
            repeat_failures=metrics.repeat_failures,
            satisfaction_responses=metrics.satisfaction_responses,
            mean_satisfaction=metrics.mean_satisfaction,
        )


_ID_KEYED = {MetricsGroup.DEVICE_MODEL: "DeviceModel", MetricsGroup.INSTITUTION: "Institution"}


def present_metrics(metrics: Metrics, group: MetricsGroup) -> ServiceMetrics:
    """GraphQL KPIs of a group; model and institution keys become global IDs."""
    key = metrics.key
    if key is not None and group in _ID_KEYED:
        key = encode_id(_ID_KEYED[group], uuid.UUID(key))
    return ServiceMetrics.of(metrics, group, key)


@strawberry.type(description="Tickets newly stamped as breached; running it again adds none.")
class RecordSlaBreachesPayload:
    breached: list[Annotated["Ticket", strawberry.lazy("hub.schema.ticket")]] = strawberry.field(
        default_factory=list
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)
