from datetime import date, datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import InteractionKind


class RecentInteractions(BaseModel):
    interactions: "RecentInteractionsInteractions"


class RecentInteractionsInteractions(BaseModel):
    total_count: int = Field(alias="totalCount")
    nodes: list["RecentInteractionsInteractionsNodes"]


class RecentInteractionsInteractionsNodes(BaseModel):
    id: str
    kind: Optional[InteractionKind]
    occurred_at: Optional[datetime] = Field(alias="occurredAt")
    our_person: Optional[str] = Field(alias="ourPerson")
    summary: Optional[str]
    outcome: Optional[str]
    next_follow_up_on: Optional[date] = Field(alias="nextFollowUpOn")
    department: Optional["RecentInteractionsInteractionsNodesDepartment"]


class RecentInteractionsInteractionsNodesDepartment(BaseModel):
    name: Optional[str]


RecentInteractions.model_rebuild()
RecentInteractionsInteractions.model_rebuild()
RecentInteractionsInteractionsNodes.model_rebuild()
