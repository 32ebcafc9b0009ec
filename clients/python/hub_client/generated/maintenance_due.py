from datetime import date
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import DueReason


class MaintenanceDue(BaseModel):
    maintenance_due: list["MaintenanceDueMaintenanceDue"] = Field(
        alias="maintenanceDue"
    )


class MaintenanceDueMaintenanceDue(BaseModel):
    due_on: date = Field(alias="dueOn")
    days_left: int = Field(alias="daysLeft")
    reason: DueReason
    usage_since_last: Optional[int] = Field(alias="usageSinceLast")
    device: "MaintenanceDueMaintenanceDueDevice"
    plan: Optional["MaintenanceDueMaintenanceDuePlan"]


class MaintenanceDueMaintenanceDueDevice(BaseModel):
    id: str
    serial_number: Optional[str] = Field(alias="serialNumber")
    institution: Optional["MaintenanceDueMaintenanceDueDeviceInstitution"]


class MaintenanceDueMaintenanceDueDeviceInstitution(BaseModel):
    id: str
    code: Optional[str]
    name: Optional[str]


class MaintenanceDueMaintenanceDuePlan(BaseModel):
    interval_days: Optional[int] = Field(alias="intervalDays")
    interval_usage: Optional[int] = Field(alias="intervalUsage")
    usage_unit: Optional[str] = Field(alias="usageUnit")
    checklist: Optional[list[str]]


MaintenanceDue.model_rebuild()
MaintenanceDueMaintenanceDue.model_rebuild()
MaintenanceDueMaintenanceDueDevice.model_rebuild()
