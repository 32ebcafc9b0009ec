from datetime import date, datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    BatchStatus,
    CertificateKind,
    ContactRole,
    Decision,
    DeviceClass,
    DeviceStatus,
    ErrorCode,
    InstitutionKind,
    InstitutionStatus,
    QualificationStatus,
    ReasonCode,
    RecordStatus,
    ResolutionCode,
    SlaStatus,
    TicketKind,
    TicketPriority,
    TicketStatus,
)


class ComplianceFields(BaseModel):
    decision: Decision
    on: date
    reasons: list["ComplianceFieldsReasons"]


class ComplianceFieldsReasons(BaseModel):
    code: ReasonCode
    certificate_kind: Optional[CertificateKind] = Field(alias="certificateKind")
    message: str


class ContactFields(BaseModel):
    id: str
    name: Optional[str]
    role: Optional[ContactRole]
    title: Optional[str]
    department: Optional[str]
    mobile: Optional[str]
    office_phone: Optional[str] = Field(alias="officePhone")
    email: Optional[str]
    status: Optional[RecordStatus]
    org_path: Optional[str] = Field(alias="orgPath")
    version: Optional[int]
    updated_at: Optional[datetime] = Field(alias="updatedAt")
    institution: Optional["ContactFieldsInstitution"]


class ContactFieldsInstitution(BaseModel):
    id: str
    code: Optional[str]


class DeviceFields(BaseModel):
    id: str
    serial_number: Optional[str] = Field(alias="serialNumber")
    udi: Optional[str]
    status: Optional[DeviceStatus]
    org_path: Optional[str] = Field(alias="orgPath")
    device_model: Optional["DeviceFieldsDeviceModel"] = Field(alias="deviceModel")
    batch: Optional["DeviceFieldsBatch"]
    institution: Optional["DeviceFieldsInstitution"]


class DeviceFieldsDeviceModel(BaseModel):
    id: str
    name: Optional[str]
    device_class: Optional[DeviceClass] = Field(alias="deviceClass")
    udi_di: Optional[str] = Field(alias="udiDi")


class DeviceFieldsBatch(BaseModel):
    lot_number: Optional[str] = Field(alias="lotNumber")
    status: Optional[BatchStatus]
    expires_on: Optional[date] = Field(alias="expiresOn")


class DeviceFieldsInstitution(BaseModel):
    id: str
    code: Optional[str]
    name: Optional[str]


class InstitutionFields(BaseModel):
    id: str
    code: Optional[str]
    name: Optional[str]
    kind: Optional[InstitutionKind]
    status: Optional[InstitutionStatus]
    uscc: Optional[str]
    region_code: Optional[str] = Field(alias="regionCode")
    address: Optional[str]
    org_path: Optional[str] = Field(alias="orgPath")
    qualification_status: Optional[QualificationStatus] = Field(
        alias="qualificationStatus"
    )
    version: Optional[int]
    updated_at: Optional[datetime] = Field(alias="updatedAt")


class PageInfoFields(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class TicketFields(BaseModel):
    id: str
    number: Optional[str]
    kind: Optional[TicketKind]
    priority: Optional[TicketPriority]
    status: Optional[TicketStatus]
    next_statuses: Optional[list[TicketStatus]] = Field(alias="nextStatuses")
    assignee: Optional[str]
    summary: Optional[str]
    resolution: Optional[str]
    resolution_code: Optional[ResolutionCode] = Field(alias="resolutionCode")
    parts_used: Optional[list[str]] = Field(alias="partsUsed")
    engineer: Optional[str]
    visits: Optional[int]
    first_time_fix: Optional[bool] = Field(alias="firstTimeFix")
    satisfaction: Optional[int]
    version: Optional[int]
    opened_at: Optional[datetime] = Field(alias="openedAt")
    respond_by: Optional[datetime] = Field(alias="respondBy")
    responded_at: Optional[datetime] = Field(alias="respondedAt")
    due_at: Optional[datetime] = Field(alias="dueAt")
    resolved_at: Optional[datetime] = Field(alias="resolvedAt")
    sla_status: Optional[SlaStatus] = Field(alias="slaStatus")
    institution: Optional["TicketFieldsInstitution"]
    device: Optional["TicketFieldsDevice"]


class TicketFieldsInstitution(BaseModel):
    id: str
    code: Optional[str]


class TicketFieldsDevice(BaseModel):
    id: str
    serial_number: Optional[str] = Field(alias="serialNumber")


class UserErrorFields(BaseModel):
    field: Optional[list[str]]
    code: ErrorCode
    message: str


ComplianceFields.model_rebuild()
ContactFields.model_rebuild()
DeviceFields.model_rebuild()
InstitutionFields.model_rebuild()
PageInfoFields.model_rebuild()
TicketFields.model_rebuild()
UserErrorFields.model_rebuild()
