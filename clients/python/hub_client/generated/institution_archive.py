from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class InstitutionArchive(BaseModel):
    institution: Optional["InstitutionArchiveInstitution"]


class InstitutionArchiveInstitution(BaseModel):
    id: str
    code: Optional[str]
    name: Optional[str]
    departments: Optional[list["InstitutionArchiveInstitutionDepartments"]]


class InstitutionArchiveInstitutionDepartments(BaseModel):
    id: str
    code: Optional[str]
    name: Optional[str]
    local_name: Optional[str] = Field(alias="localName")


InstitutionArchive.model_rebuild()
InstitutionArchiveInstitution.model_rebuild()
