from pydantic import Field

from .base_model import BaseModel
from .fragments import ComplianceFields


class ComplianceCheck(BaseModel):
    compliance_check: "ComplianceCheckComplianceCheck" = Field(alias="complianceCheck")


ComplianceCheckComplianceCheck = ComplianceFields
ComplianceCheck.model_rebuild()
