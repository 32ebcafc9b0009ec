from pydantic import Field

from .base_model import BaseModel
from .fragments import TicketFields, UserErrorFields


class PlanMaintenance(BaseModel):
    plan_maintenance: "PlanMaintenancePlanMaintenance" = Field(alias="planMaintenance")


class PlanMaintenancePlanMaintenance(BaseModel):
    opened: list["PlanMaintenancePlanMaintenanceOpened"]
    already_open: int = Field(alias="alreadyOpen")
    user_errors: list["PlanMaintenancePlanMaintenanceUserErrors"] = Field(
        alias="userErrors"
    )


PlanMaintenancePlanMaintenanceOpened = TicketFields
PlanMaintenancePlanMaintenanceUserErrors = UserErrorFields
PlanMaintenance.model_rebuild()
PlanMaintenancePlanMaintenance.model_rebuild()
