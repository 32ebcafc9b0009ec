"""GraphQL presentation of maintenance plans and of the maintenance each device has due."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db.device import DeviceModel as DeviceModelRow
from hub.db.enums import RecordStatus
from hub.db.maintenance import MaintenancePlan as MaintenancePlanRow
from hub.schema import relations
from hub.schema.errors import UserError
from hub.schema.graphql_errors import BadUserInput
from hub.schema.node import Record, registers, to_node
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import maintenance_plans
from hub.store.maintenance_due import DueMaintenance, DueReason

if TYPE_CHECKING:
    from hub.schema.catalogue import DeviceModel
    from hub.schema.device import Device
    from hub.schema.ticket import Ticket

strawberry.enum(DueReason, description="What makes a device due for maintenance.")

MAX_WITHIN_DAYS = 366


def check_window(within_days: int) -> None:
    """Refuse a look-ahead window outside 0..366 days."""
    if not 0 <= within_days <= MAX_WITHIN_DAYS:
        raise BadUserInput(f"`withinDays` must be between 0 and {MAX_WITHIN_DAYS}.")


@registers(MaintenancePlanRow)
@strawberry.type(description="Preventive maintenance of a device model: how often, what to check.")
class MaintenancePlan(Record):
    interval_days: int | None = strawberry.field(description="Every this many days.")
    interval_usage: int | None = strawberry.field(
        description="And/or every this many units of use (whichever comes first)."
    )
    usage_unit: str | None = strawberry.field(description="e.g. hours, exposures, tests.")
    checklist: list[str] | None
    status: RecordStatus | None

    @strawberry.field
    async def device_model(
        self, info: Info
    ) -> Annotated["DeviceModel", strawberry.lazy("hub.schema.catalogue")] | None:
        return await relations.one(info, DeviceModelRow, self.row.device_model_id)


@strawberry.type(description="A device's next preventive maintenance.")
class MaintenanceDue:
    due_on: date
    days_left: int = strawberry.field(description="Negative when overdue.")
    reason: DueReason
    usage_since_last: int | None = strawberry.field(
        description="Meter units since the last maintenance (usage plans only)."
    )
    device: Annotated["Device", strawberry.lazy("hub.schema.device")]
    plan: MaintenancePlan | None

    @classmethod
    def of(cls, due: DueMaintenance, on: date) -> "MaintenanceDue":
        """Present one computed due maintenance (its device and plan are already loaded)."""
        return cls(
            due_on=due.due_on,
            days_left=due.days_left(on),
            reason=due.reason,
            usage_since_last=due.usage_since_last,
            device=to_node(due.device),
            plan=to_node(due.plan),
        )


@strawberry.input
class MaintenancePlanFilter:
    device_model_id: strawberry.ID | None = None
    statuses: list[RecordStatus] | None = None


MaintenancePlanOrder = order_input("MaintenancePlan", maintenance_plans.LISTING)


@strawberry.input(description="A device model's plan; give days, usage (with its unit) or both.")
class CreateMaintenancePlanInput:
    device_model_id: strawberry.ID
    interval_days: int | None = None
    interval_usage: int | None = None
    usage_unit: str | None = None
    checklist: list[str] | None = None


@strawberry.input(description="Only the fields given are changed; `checklist` replaces the list.")
class UpdateMaintenancePlanInput:
    id: strawberry.ID
    expected_version: int | None = None
    interval_days: int | None = strawberry.UNSET
    interval_usage: int | None = strawberry.UNSET
    usage_unit: str | None = strawberry.UNSET
    checklist: list[str] | None = strawberry.UNSET


MaintenancePlanPayload = payload_type(MaintenancePlan, "maintenance_plan")


@strawberry.input(description="Open the MAINTENANCE tickets of devices due within the window.")
class PlanMaintenanceInput:
    within_days: int = 30


@strawberry.type(description="What a plan run opened; a second run opens nothing new.")
class PlanMaintenancePayload:
    opened: list[Annotated["Ticket", strawberry.lazy("hub.schema.ticket")]] = strawberry.field(
        default_factory=list
    )
    already_open: int = strawberry.field(
        default=0, description="Due devices that already had their ticket."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)
