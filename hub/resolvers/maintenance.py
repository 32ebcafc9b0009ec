"""Maintenance plans, the maintenance due list, and the plan run."""

from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.context.request import Info
from hub.db.maintenance import MaintenancePlan as MaintenancePlanRow
from hub.quality.clock import today
from hub.quality.service_rules import load_service_rules
from hub.resolvers import mutations
from hub.resolvers.fields import archive_field, connection_field, create_field, update_field
from hub.resolvers.quality import scope_of
from hub.schema.maintenance import (
    CreateMaintenancePlanInput,
    MaintenanceDue,
    MaintenancePlan,
    MaintenancePlanFilter,
    MaintenancePlanOrder,
    MaintenancePlanPayload,
    PlanMaintenanceInput,
    PlanMaintenancePayload,
    UpdateMaintenancePlanInput,
    check_window,
)
from hub.schema.node import to_node
from hub.store import maintenance_due, maintenance_plans, maintenance_run


async def maintenance_due_list(info: Info, within_days: int = 30) -> list[MaintenanceDue]:
    """Devices due for maintenance within the window (overdue first), among readable devices."""
    check_window(within_days)
    day = today()
    async with info.context.database.reader() as session:
        found = await maintenance_due.due_within(session, day, within_days, scope=scope_of(info))
    return [MaintenanceDue.of(due, day) for due in found]


async def plan_maintenance(info: Info, input: PlanMaintenanceInput) -> PlanMaintenancePayload:
    """Open the due MAINTENANCE tickets once, assigned to each region's engineer."""
    check_window(input.within_days)
    rules = load_service_rules(info.context.settings.rules_file)

    async def write(session: AsyncSession, author: Author) -> dict[str, Any]:
        run = await maintenance_run.open_due_tickets(
            session, author, today(), input.within_days, rules, scope_of(info)
        )
        return {"opened": [to_node(row) for row in run.opened], "already_open": run.already_open}

    return await mutations.run_returning(info, PlanMaintenancePayload, write)  # type: ignore[no-any-return]


QUERY_FIELDS = {
    "maintenance_plans": connection_field(
        MaintenancePlan,
        maintenance_plans.LISTING,
        MaintenancePlanFilter,
        MaintenancePlanOrder,
        "Maintenance plans of device models.",
    ),
    "maintenance_due": strawberry.field(
        resolver=maintenance_due_list,
        description="Devices due for preventive maintenance within `withinDays`, overdue first.",
    ),
}

MUTATION_FIELDS = {
    "create_maintenance_plan": create_field(
        MaintenancePlanPayload,
        CreateMaintenancePlanInput,
        maintenance_plans.create,
        "Give a device model its maintenance plan.",
    ),
    "update_maintenance_plan": update_field(
        MaintenancePlanPayload,
        UpdateMaintenancePlanInput,
        "MaintenancePlan",
        maintenance_plans.update_by_id,
        "Change a maintenance plan.",
    ),
    "archive_maintenance_plan": archive_field(
        MaintenancePlanPayload, MaintenancePlanRow, "Archive a maintenance plan."
    ),
    "plan_maintenance": strawberry.field(
        resolver=plan_maintenance,
        description="Open a MAINTENANCE ticket for every device due within the window that has "
        "none yet, assigned by region (rules file); running it again opens nothing new.",
    ),
}
