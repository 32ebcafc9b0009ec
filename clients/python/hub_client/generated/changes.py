from datetime import datetime
from typing import Any

from pydantic import Field

from .base_model import BaseModel


class Changes(BaseModel):
    changes: "ChangesChanges"


class ChangesChanges(BaseModel):
    last_seq: int = Field(alias="lastSeq")
    has_more: bool = Field(alias="hasMore")
    events: list["ChangesChangesEvents"]


class ChangesChangesEvents(BaseModel):
    seq: int
    at: datetime
    actor: str
    action: str
    entity_type: str = Field(alias="entityType")
    entity_id: str = Field(alias="entityId")
    changes: Any


Changes.model_rebuild()
ChangesChanges.model_rebuild()
