from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import TimelineKind
from .fragments import PageInfoFields


class InstitutionTimeline(BaseModel):
    institution: Optional["InstitutionTimelineInstitution"]


class InstitutionTimelineInstitution(BaseModel):
    id: str
    code: Optional[str]
    name: Optional[str]
    timeline: "InstitutionTimelineInstitutionTimeline"


class InstitutionTimelineInstitutionTimeline(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "InstitutionTimelineInstitutionTimelinePageInfo" = Field(
        alias="pageInfo"
    )
    nodes: list["InstitutionTimelineInstitutionTimelineNodes"]


InstitutionTimelineInstitutionTimelinePageInfo = PageInfoFields


class InstitutionTimelineInstitutionTimelineNodes(BaseModel):
    kind: TimelineKind
    at: datetime
    label: Optional[str]
    record_type: str = Field(alias="recordType")
    record_id: str = Field(alias="recordId")


InstitutionTimeline.model_rebuild()
InstitutionTimelineInstitution.model_rebuild()
InstitutionTimelineInstitutionTimeline.model_rebuild()
