from pydantic import Field

from .base_model import BaseModel
from .fragments import ComplianceFields


class ComplianceCheckByDevice(BaseModel):
    compliance_check_by_device: "ComplianceCheckByDeviceComplianceCheckByDevice" = (
        Field(alias="complianceCheckByDevice")
    )


ComplianceCheckByDeviceComplianceCheckByDevice = ComplianceFields
ComplianceCheckByDevice.model_rebuild()
