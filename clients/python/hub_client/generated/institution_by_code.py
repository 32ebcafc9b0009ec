from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import CertificateKind, QualificationStatus, ReasonCode
from .fragments import InstitutionFields


class InstitutionByCode(BaseModel):
    institution: Optional["InstitutionByCodeInstitution"]


class InstitutionByCodeInstitution(InstitutionFields):
    qualification: Optional["InstitutionByCodeInstitutionQualification"]


class InstitutionByCodeInstitutionQualification(BaseModel):
    status: QualificationStatus
    reasons: list["InstitutionByCodeInstitutionQualificationReasons"]


class InstitutionByCodeInstitutionQualificationReasons(BaseModel):
    code: ReasonCode
    certificate_kind: Optional[CertificateKind] = Field(alias="certificateKind")
    message: str


InstitutionByCode.model_rebuild()
InstitutionByCodeInstitution.model_rebuild()
InstitutionByCodeInstitutionQualification.model_rebuild()
