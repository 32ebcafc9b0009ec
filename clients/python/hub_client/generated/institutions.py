from pydantic import Field

from .base_model import BaseModel
from .fragments import InstitutionFields, PageInfoFields


class Institutions(BaseModel):
    institutions: "InstitutionsInstitutions"


class InstitutionsInstitutions(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "InstitutionsInstitutionsPageInfo" = Field(alias="pageInfo")
    nodes: list["InstitutionsInstitutionsNodes"]


InstitutionsInstitutionsPageInfo = PageInfoFields
InstitutionsInstitutionsNodes = InstitutionFields
Institutions.model_rebuild()
InstitutionsInstitutions.model_rebuild()
