from decimal import Decimal
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import CreditTier, ReasonCode


class CreditStatus(BaseModel):
    institution: Optional["CreditStatusInstitution"]


class CreditStatusInstitution(BaseModel):
    id: str
    code: Optional[str]
    name: Optional[str]
    credit_status: Optional["CreditStatusInstitutionCreditStatus"] = Field(
        alias="creditStatus"
    )


class CreditStatusInstitutionCreditStatus(BaseModel):
    status: CreditTier
    utilisation: Optional[float]
    exposure: Optional[Decimal]
    overdue_amount: Optional[Decimal] = Field(alias="overdueAmount")
    oldest_overdue_days: Optional[int] = Field(alias="oldestOverdueDays")
    reasons: list["CreditStatusInstitutionCreditStatusReasons"]
    account: Optional["CreditStatusInstitutionCreditStatusAccount"]


class CreditStatusInstitutionCreditStatusReasons(BaseModel):
    code: ReasonCode
    message: str


class CreditStatusInstitutionCreditStatusAccount(BaseModel):
    code: Optional[str]


CreditStatus.model_rebuild()
CreditStatusInstitution.model_rebuild()
CreditStatusInstitutionCreditStatus.model_rebuild()
