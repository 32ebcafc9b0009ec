from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import ErrorCode


class UpsertDepartment(BaseModel):
    upsert_department: "UpsertDepartmentUpsertDepartment" = Field(
        alias="upsertDepartment"
    )


class UpsertDepartmentUpsertDepartment(BaseModel):
    department: Optional["UpsertDepartmentUpsertDepartmentDepartment"]
    user_errors: list["UpsertDepartmentUpsertDepartmentUserErrors"] = Field(
        alias="userErrors"
    )


class UpsertDepartmentUpsertDepartmentDepartment(BaseModel):
    id: str
    code: Optional[str]
    name: Optional[str]
    local_name: Optional[str] = Field(alias="localName")


class UpsertDepartmentUpsertDepartmentUserErrors(BaseModel):
    field: Optional[list[str]]
    code: ErrorCode
    message: str


UpsertDepartment.model_rebuild()
UpsertDepartmentUpsertDepartment.model_rebuild()
