from datetime import date
from decimal import Decimal
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import ErrorCode


class UpsertReceivable(BaseModel):
    upsert_receivable: "UpsertReceivableUpsertReceivable" = Field(
        alias="upsertReceivable"
    )


class UpsertReceivableUpsertReceivable(BaseModel):
    receivable: Optional["UpsertReceivableUpsertReceivableReceivable"]
    user_errors: list["UpsertReceivableUpsertReceivableUserErrors"] = Field(
        alias="userErrors"
    )


class UpsertReceivableUpsertReceivableReceivable(BaseModel):
    id: str
    document_number: Optional[str] = Field(alias="documentNumber")
    amount: Optional[Decimal]
    due_on: Optional[date] = Field(alias="dueOn")
    as_of: Optional[date] = Field(alias="asOf")


class UpsertReceivableUpsertReceivableUserErrors(BaseModel):
    field: Optional[list[str]]
    code: ErrorCode
    message: str


UpsertReceivable.model_rebuild()
UpsertReceivableUpsertReceivable.model_rebuild()
