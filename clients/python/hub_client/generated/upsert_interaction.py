from datetime import date, datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import ErrorCode, InteractionKind


class UpsertInteraction(BaseModel):
    upsert_interaction: "UpsertInteractionUpsertInteraction" = Field(
        alias="upsertInteraction"
    )


class UpsertInteractionUpsertInteraction(BaseModel):
    interaction: Optional["UpsertInteractionUpsertInteractionInteraction"]
    user_errors: list["UpsertInteractionUpsertInteractionUserErrors"] = Field(
        alias="userErrors"
    )


class UpsertInteractionUpsertInteractionInteraction(BaseModel):
    id: str
    kind: Optional[InteractionKind]
    occurred_at: Optional[datetime] = Field(alias="occurredAt")
    next_follow_up_on: Optional[date] = Field(alias="nextFollowUpOn")
    department: Optional["UpsertInteractionUpsertInteractionInteractionDepartment"]


class UpsertInteractionUpsertInteractionInteractionDepartment(BaseModel):
    code: Optional[str]
    name: Optional[str]


class UpsertInteractionUpsertInteractionUserErrors(BaseModel):
    field: Optional[list[str]]
    code: ErrorCode
    message: str


UpsertInteraction.model_rebuild()
UpsertInteractionUpsertInteraction.model_rebuild()
UpsertInteractionUpsertInteractionInteraction.model_rebuild()
