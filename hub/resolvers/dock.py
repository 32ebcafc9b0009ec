"""`shipCheck`: the dock's one question, compliance and every gate beside it."""

from typing import Any

import strawberry

from hub.context.request import Info
from hub.db.device import DeviceModel as DeviceModelRow
from hub.db.institution import Institution as InstitutionRow
from hub.quality.clock import today
from hub.quality.dock import Gate, Shipment, ship_check
from hub.resolvers.quality import decide, row_of, scanned_unit, unit_decision
from hub.schema.quality import ComplianceCheck
from hub.store.credit_gate import credit_gate


def _gates(info: Info) -> list[Gate]:
    return [credit_gate(info.context.credit_rules)]


async def resolve_ship_check(
    info: Info,
    institution_id: strawberry.ID,
    device_model_id: strawberry.ID,
    serial_number: str | None = None,
) -> ComplianceCheck:
    """May this model (this unit, given its serial number) leave for the institution now?"""
    buyer = await row_of(info, InstitutionRow, institution_id, "institutionId")
    model = await row_of(info, DeviceModelRow, device_model_id, "deviceModelId")
    day = today()
    unit = None
    if serial_number is None:
        compliance = await decide(info, buyer, model, day)
    else:
        unit = await scanned_unit(info, model, serial_number)
        compliance = await unit_decision(info, buyer, model, unit, day)
    async with info.context.database.reader() as session:
        shipment = Shipment(buyer=buyer, model=model, device=unit, on=day)
        result = await ship_check(session, shipment, compliance, _gates(info))
    return ComplianceCheck.of(result, day)


QUERY_FIELDS = {
    "ship_check": strawberry.field(
        resolver=resolve_ship_check,
        description="ALLOWED or DENIED with every reason: compliance (and the unit, given a "
        "serial number) and the gates beside it — a buyer on credit hold is denied unless an "
        "approved override is in force.",
    ),
}
MUTATION_FIELDS: dict[str, Any] = {}
