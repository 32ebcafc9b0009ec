from datetime import date, datetime
from decimal import Decimal
from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    AuthorisationOrderField,
    BatchOrderField,
    BatchStatus,
    CertificateKind,
    CertificateOrderField,
    ContactOrderField,
    ContactRole,
    ContractKind,
    ContractOrderField,
    ContractStatus,
    CreditProfileOrderField,
    CreditRequestKind,
    CreditRequestOrderField,
    CreditTier,
    DemoLoanOrderField,
    DepartmentCategory,
    DepartmentOrderField,
    DeviceClass,
    DeviceModelOrderField,
    DeviceOrderField,
    DeviceStatus,
    ImportKind,
    InstitutionKind,
    InstitutionOrderField,
    InstitutionStatus,
    InteractionChannel,
    InteractionKind,
    InteractionOrderField,
    LoanStatus,
    MaintenancePlanOrderField,
    ReceivableOrderField,
    RecordStatus,
    ResolutionCode,
    ReviewDecision,
    ReviewStatus,
    Role,
    SortDirection,
    TicketKind,
    TicketOrderField,
    TicketPriority,
    TicketStatus,
    TrainingOrderField,
)


class ArchiveInput(BaseModel):
    """Archive a record: it leaves lists but stays referable."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class AuthorisationFilter(BaseModel):
    number_contains: Optional[str] = Field(alias="numberContains", default=None)
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    grantor_id: Optional[str] = Field(alias="grantorId", default=None)
    review_statuses: Optional[list[ReviewStatus]] = Field(
        alias="reviewStatuses", default=None
    )
    statuses: Optional[list[RecordStatus]] = None
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)
    valid_to_before: Optional[date] = Field(alias="validToBefore", default=None)


class AuthorisationOrder(BaseModel):
    field: AuthorisationOrderField
    direction: SortDirection = SortDirection.ASC


class BatchFilter(BaseModel):
    device_model_id: Optional[str] = Field(alias="deviceModelId", default=None)
    lot_number: Optional[str] = Field(alias="lotNumber", default=None)
    statuses: Optional[list[BatchStatus]] = None
    expires_before: Optional[date] = Field(alias="expiresBefore", default=None)
    expires_on_or_after: Optional[date] = Field(alias="expiresOnOrAfter", default=None)
    manufactured_before: Optional[date] = Field(
        alias="manufacturedBefore", default=None
    )
    manufactured_on_or_after: Optional[date] = Field(
        alias="manufacturedOnOrAfter", default=None
    )


class BatchOrder(BaseModel):
    field: BatchOrderField
    direction: SortDirection = SortDirection.ASC


class CertificateFilter(BaseModel):
    number_contains: Optional[str] = Field(alias="numberContains", default=None)
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    contact_id: Optional[str] = Field(alias="contactId", default=None)
    kinds: Optional[list[CertificateKind]] = None
    review_statuses: Optional[list[ReviewStatus]] = Field(
        alias="reviewStatuses", default=None
    )
    statuses: Optional[list[RecordStatus]] = None
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)
    valid_to_before: Optional[date] = Field(alias="validToBefore", default=None)
    valid_to_on_or_after: Optional[date] = Field(alias="validToOnOrAfter", default=None)


class CertificateOrder(BaseModel):
    field: CertificateOrderField
    direction: SortDirection = SortDirection.ASC


class CertificateScopeInput(BaseModel):
    device_classes: list[DeviceClass] = Field(
        alias="deviceClasses", default_factory=lambda: []
    )
    categories: list[str] = Field(default_factory=lambda: [])


class ContactFilter(BaseModel):
    name_contains: Optional[str] = Field(alias="nameContains", default=None)
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    roles: Optional[list[ContactRole]] = None
    statuses: Optional[list[RecordStatus]] = None
    "Default: ACTIVE."
    mobile: Optional[str] = None
    email: Optional[str] = None
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)


class ContactOrder(BaseModel):
    field: ContactOrderField
    direction: SortDirection = SortDirection.ASC


class ContractFilter(BaseModel):
    number_contains: Optional[str] = Field(alias="numberContains", default=None)
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    kinds: Optional[list[ContractKind]] = None
    statuses: Optional[list[ContractStatus]] = None
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)
    ends_before: Optional[date] = Field(alias="endsBefore", default=None)
    ends_on_or_after: Optional[date] = Field(alias="endsOnOrAfter", default=None)
    starts_on_or_after: Optional[date] = Field(alias="startsOnOrAfter", default=None)


class ContractOrder(BaseModel):
    field: ContractOrderField
    direction: SortDirection = SortDirection.ASC


class CreateAuthorisationInput(BaseModel):
    """Name device models, catalogue categories (a product line), or both; give hospitalId or tender for a project letter (项目授权)."""

    number: str
    grantor_id: str = Field(alias="grantorId")
    institution_id: str = Field(alias="institutionId")
    regions: list[str]
    valid_from: date = Field(alias="validFrom")
    valid_to: date = Field(alias="validTo")
    device_model_ids: Optional[list[str]] = Field(alias="deviceModelIds", default=None)
    categories: Optional[list[str]] = None
    hospital_id: Optional[str] = Field(alias="hospitalId", default=None)
    tender: Optional[str] = None
    document: Optional[str] = None


class CreateBatchInput(BaseModel):
    device_model_id: str = Field(alias="deviceModelId")
    lot_number: str = Field(alias="lotNumber")
    manufactured_on: Optional[date] = Field(alias="manufacturedOn", default=None)
    expires_on: Optional[date] = Field(alias="expiresOn", default=None)


class CreateCertificateInput(BaseModel):
    """Give exactly one holder: institutionId or contactId."""

    kind: CertificateKind
    number: str
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    contact_id: Optional[str] = Field(alias="contactId", default=None)
    issuer: Optional[str] = None
    valid_from: Optional[date] = Field(alias="validFrom", default=None)
    valid_to: Optional[date] = Field(alias="validTo", default=None)
    scope: Optional["CertificateScopeInput"] = None
    document: Optional[str] = None


class CreateContactInput(BaseModel):
    institution_id: str = Field(alias="institutionId")
    name: str
    role: Optional[ContactRole] = None
    title: Optional[str] = None
    department: Optional[str] = None
    "科室 text; placed on its department when the dictionary knows it."
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    "The department record, instead of the text."
    mobile: Optional[str] = None
    office_phone: Optional[str] = Field(alias="officePhone", default=None)
    email: Optional[str] = None
    id_number: Optional[str] = Field(alias="idNumber", default=None)


class CreateContractInput(BaseModel):
    number: str
    institution_id: str = Field(alias="institutionId")
    kind: ContractKind
    starts_on: Optional[date] = Field(alias="startsOn", default=None)
    ends_on: Optional[date] = Field(alias="endsOn", default=None)
    amount: Optional[Decimal] = None
    currency: Optional[str] = None
    "Default CNY."
    status: Optional[ContractStatus] = None
    device_ids: Optional[list[str]] = Field(alias="deviceIds", default=None)
    service_levels: Optional[list["ServiceLevelInput"]] = Field(
        alias="serviceLevels", default=None
    )
    "SERVICE contracts: one target per priority."


class CreateDepartmentInput(BaseModel):
    """Give the dictionary code, or a name the dictionary knows (心内科 → 03.04); an unknown name is refused with UNKNOWN_CODE, never guessed."""

    institution_id: str = Field(alias="institutionId")
    code: Optional[str] = None
    name: Optional[str] = None
    local_name: Optional[str] = Field(alias="localName", default=None)


class CreateDeviceInput(BaseModel):
    device_model_id: str = Field(alias="deviceModelId")
    serial_number: str = Field(alias="serialNumber")
    batch_id: Optional[str] = Field(alias="batchId", default=None)
    udi: Optional[str] = None
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    "The holder's department it is installed in."
    installed_on: Optional[date] = Field(alias="installedOn", default=None)
    warranty_ends_on: Optional[date] = Field(alias="warrantyEndsOn", default=None)
    next_maintenance_on: Optional[date] = Field(alias="nextMaintenanceOn", default=None)
    usage_reading: Optional[int] = Field(alias="usageReading", default=None)
    status: Optional[DeviceStatus] = None


class CreateDeviceModelInput(BaseModel):
    name: str
    manufacturer: str
    device_class: DeviceClass = Field(alias="deviceClass")
    category_code: Optional[str] = Field(alias="categoryCode", default=None)
    registration_number: Optional[str] = Field(alias="registrationNumber", default=None)
    udi_di: Optional[str] = Field(alias="udiDi", default=None)


class CreateInstitutionInput(BaseModel):
    name: str
    kind: InstitutionKind
    code: Optional[str] = None
    "Generated when omitted."
    grade: Optional[str] = None
    uscc: Optional[str] = None
    region_code: Optional[str] = Field(alias="regionCode", default=None)
    address: Optional[str] = None
    parent_id: Optional[str] = Field(alias="parentId", default=None)
    tags: Optional[list[str]] = None
    credit_rating: Optional[str] = Field(alias="creditRating", default=None)
    credit_limit: Optional[Decimal] = Field(alias="creditLimit", default=None)
    org_path: Optional[str] = Field(alias="orgPath", default=None)
    "Default: the parent's."


class CreateInteractionInput(BaseModel):
    institution_id: str = Field(alias="institutionId")
    kind: InteractionKind
    occurred_at: datetime = Field(alias="occurredAt")
    our_person: str = Field(alias="ourPerson")
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    contact_ids: Optional[list[str]] = Field(alias="contactIds", default=None)
    channel: Optional[InteractionChannel] = None
    summary: Optional[str] = None
    outcome: Optional[str] = None
    next_follow_up_on: Optional[date] = Field(alias="nextFollowUpOn", default=None)


class CreateMaintenancePlanInput(BaseModel):
    """A device model's plan; give days, usage (with its unit) or both."""

    device_model_id: str = Field(alias="deviceModelId")
    interval_days: Optional[int] = Field(alias="intervalDays", default=None)
    interval_usage: Optional[int] = Field(alias="intervalUsage", default=None)
    usage_unit: Optional[str] = Field(alias="usageUnit", default=None)
    checklist: Optional[list[str]] = None


class CreateTicketInput(BaseModel):
    """Opens a ticket in status OPEN."""

    institution_id: str = Field(alias="institutionId")
    kind: TicketKind
    summary: str
    number: Optional[str] = None
    "Generated when omitted."
    device_id: Optional[str] = Field(alias="deviceId", default=None)
    contact_id: Optional[str] = Field(alias="contactId", default=None)
    priority: Optional[TicketPriority] = None
    due_at: Optional[datetime] = Field(alias="dueAt", default=None)
    assignee: Optional[str] = None
    respond_by: Optional[datetime] = Field(alias="respondBy", default=None)
    "Default, with dueAt: from the device's SERVICE contract."
    opened_at: Optional[datetime] = Field(alias="openedAt", default=None)
    "When importing history; default: now."


class CreateTrainingInput(BaseModel):
    institution_id: str = Field(alias="institutionId")
    department_id: str = Field(alias="departmentId")
    device_model_id: str = Field(alias="deviceModelId")
    trainer: str
    trained_on: date = Field(alias="trainedOn")
    notes: Optional[str] = None
    attendees: Optional[list["TrainingAttendeeInput"]] = None


class CreateWebhookInput(BaseModel):
    """Register a webhook; the payload shows its secret this once."""

    name: str
    url: str
    "http:// or https://; receives POSTs."
    entity_types: list[str] = Field(alias="entityTypes", default_factory=lambda: [])
    "e.g. [Institution, Contact]; empty sends all types."
    role: Role = Role.AUDITOR
    "Whose read permissions filter and mask the events (default auditor: everything, personal data masked)."
    org_path: str = Field(alias="orgPath", default="cn")
    active: bool = True


class CreditProfileFilter(BaseModel):
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    ratings: Optional[list[str]] = None
    credit_statuses: Optional[list[CreditTier]] = Field(
        alias="creditStatuses", default=None
    )


class CreditProfileOrder(BaseModel):
    field: CreditProfileOrderField
    direction: SortDirection = SortDirection.ASC


class CreditRequestFilter(BaseModel):
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    kinds: Optional[list[CreditRequestKind]] = None
    review_statuses: Optional[list[ReviewStatus]] = Field(
        alias="reviewStatuses", default=None
    )
    statuses: Optional[list[RecordStatus]] = None


class CreditRequestOrder(BaseModel):
    field: CreditRequestOrderField
    direction: SortDirection = SortDirection.ASC


class DemoLoanFilter(BaseModel):
    device_id: Optional[str] = Field(alias="deviceId", default=None)
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    statuses: Optional[list[LoanStatus]] = None
    due_back_before: Optional[date] = Field(alias="dueBackBefore", default=None)
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)


class DemoLoanOrder(BaseModel):
    field: DemoLoanOrderField
    direction: SortDirection = SortDirection.ASC


class DepartmentFilter(BaseModel):
    name_contains: Optional[str] = Field(alias="nameContains", default=None)
    code: Optional[str] = None
    code_prefix: Optional[str] = Field(alias="codePrefix", default=None)
    "e.g. 03 for 内科."
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    categories: Optional[list[DepartmentCategory]] = None
    statuses: Optional[list[RecordStatus]] = None
    "Default: ACTIVE."
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)


class DepartmentOrder(BaseModel):
    field: DepartmentOrderField
    direction: SortDirection = SortDirection.ASC


class DeviceFilter(BaseModel):
    serial_contains: Optional[str] = Field(alias="serialContains", default=None)
    device_model_id: Optional[str] = Field(alias="deviceModelId", default=None)
    batch_id: Optional[str] = Field(alias="batchId", default=None)
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    statuses: Optional[list[DeviceStatus]] = None
    udi: Optional[str] = None
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)
    warranty_ends_before: Optional[date] = Field(
        alias="warrantyEndsBefore", default=None
    )
    warranty_ends_on_or_after: Optional[date] = Field(
        alias="warrantyEndsOnOrAfter", default=None
    )
    maintenance_due_before: Optional[date] = Field(
        alias="maintenanceDueBefore", default=None
    )
    installed_on_or_after: Optional[date] = Field(
        alias="installedOnOrAfter", default=None
    )


class DeviceModelFilter(BaseModel):
    name_contains: Optional[str] = Field(alias="nameContains", default=None)
    manufacturer_contains: Optional[str] = Field(
        alias="manufacturerContains", default=None
    )
    device_classes: Optional[list[DeviceClass]] = Field(
        alias="deviceClasses", default=None
    )
    category_prefix: Optional[str] = Field(alias="categoryPrefix", default=None)
    registration_number: Optional[str] = Field(alias="registrationNumber", default=None)
    udi_di: Optional[str] = Field(alias="udiDi", default=None)
    statuses: Optional[list[RecordStatus]] = None


class DeviceModelOrder(BaseModel):
    field: DeviceModelOrderField
    direction: SortDirection = SortDirection.ASC


class DeviceOrder(BaseModel):
    field: DeviceOrderField
    direction: SortDirection = SortDirection.ASC


class DismissDuplicateInput(BaseModel):
    candidate_id: str = Field(alias="candidateId")


class FieldChoiceInput(BaseModel):
    """Take one field's value from a given record."""

    field: str
    "camelCase or snake_case field name, e.g. uscc."
    from_id: str = Field(alias="fromId")


class ImportRecordsInput(BaseModel):
    """Rows as objects keyed by field name or by a known foreign header."""

    kind: ImportKind
    source_system: str = Field(alias="sourceSystem")
    "Whose IDs `source_id` holds, e.g. crm."
    rows: list[Any]
    dry_run: bool = Field(alias="dryRun", default=False)
    ignore_columns: list[str] = Field(alias="ignoreColumns", default_factory=lambda: [])
    "Keys not to import. Any other key the import does not know refuses it."
    ignore_unknown: bool = Field(alias="ignoreUnknown", default=False)
    "Import the known keys and ignore every other one."


class InstitutionFilter(BaseModel):
    """Which institutions to list; all conditions must hold."""

    name_contains: Optional[str] = Field(alias="nameContains", default=None)
    code: Optional[str] = None
    kinds: Optional[list[InstitutionKind]] = None
    statuses: Optional[list[InstitutionStatus]] = None
    "Default: ACTIVE and BLOCKED."
    region_prefix: Optional[str] = Field(alias="regionPrefix", default=None)
    "e.g. 31 for Shanghai, 4403 for Shenzhen."
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)
    parent_id: Optional[str] = Field(alias="parentId", default=None)
    grade: Optional[str] = None


class InstitutionOrder(BaseModel):
    field: InstitutionOrderField
    direction: SortDirection = SortDirection.ASC


class InteractionFilter(BaseModel):
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    kinds: Optional[list[InteractionKind]] = None
    our_person: Optional[str] = Field(alias="ourPerson", default=None)
    statuses: Optional[list[RecordStatus]] = None
    "Default: ACTIVE."
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)
    occurred_before: Optional[datetime] = Field(alias="occurredBefore", default=None)
    occurred_on_or_after: Optional[datetime] = Field(
        alias="occurredOnOrAfter", default=None
    )
    follow_up_before: Optional[date] = Field(alias="followUpBefore", default=None)
    follow_up_alerts: Optional[list[str]] = Field(alias="followUpAlerts", default=None)


class InteractionOrder(BaseModel):
    field: InteractionOrderField
    direction: SortDirection = SortDirection.ASC


class MaintenancePlanFilter(BaseModel):
    device_model_id: Optional[str] = Field(alias="deviceModelId", default=None)
    statuses: Optional[list[RecordStatus]] = None


class MaintenancePlanOrder(BaseModel):
    field: MaintenancePlanOrderField
    direction: SortDirection = SortDirection.ASC


class MergeInput(BaseModel):
    """Merge records into a survivor; one transaction."""

    survivor_id: str = Field(alias="survivorId")
    merged_ids: list[str] = Field(alias="mergedIds")
    field_choices: Optional[list["FieldChoiceInput"]] = Field(
        alias="fieldChoices", default=None
    )
    "Per-field picks; other fields follow the configured survivorship rule."


class PlanMaintenanceInput(BaseModel):
    """Open the MAINTENANCE tickets of devices due within the window."""

    within_days: int = Field(alias="withinDays", default=30)


class PolicyLineInput(BaseModel):
    """e.g. {ptype: "p", values: ["crm", "field:Contact.email", "read", "deny"]}"""

    ptype: str
    values: list[str]


class ReceivableFilter(BaseModel):
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    document_number: Optional[str] = Field(alias="documentNumber", default=None)
    due_before: Optional[date] = Field(alias="dueBefore", default=None)
    due_on_or_after: Optional[date] = Field(alias="dueOnOrAfter", default=None)


class ReceivableOrder(BaseModel):
    field: ReceivableOrderField
    direction: SortDirection = SortDirection.ASC


class RedeliverWebhookDeliveryInput(BaseModel):
    """A delivery to send again with a fresh set of attempts."""

    id: str


class RequestCreditChangeInput(BaseModel):
    """Ask for new credit terms; on a group's head they cover branches."""

    institution_id: str = Field(alias="institutionId")
    rating: str
    "A grade of the rules file, e.g. A."
    credit_limit: Decimal = Field(alias="creditLimit")
    reason: str
    currency: Optional[str] = None
    "Default CNY."
    payment_terms_days: Optional[int] = Field(alias="paymentTermsDays", default=None)
    "Default 0."
    valid_from: Optional[date] = Field(alias="validFrom", default=None)
    valid_to: Optional[date] = Field(alias="validTo", default=None)


class RequestCreditOverrideInput(BaseModel):
    """Ask to ship despite a credit hold until a time."""

    institution_id: str = Field(alias="institutionId")
    override_until: datetime = Field(alias="overrideUntil")
    reason: str


class RequestDemoLoanInput(BaseModel):
    """Ask to lend a demo unit; someone else approves it."""

    device_id: str = Field(alias="deviceId")
    institution_id: str = Field(alias="institutionId")
    starts_on: date = Field(alias="startsOn")
    due_back_on: date = Field(alias="dueBackOn")
    department: Optional[str] = None
    purpose: Optional[str] = None


class RetryFailedWebhookDeliveriesInput(BaseModel):
    """Every FAILED delivery of a webhook, to send again."""

    webhook_id: str = Field(alias="webhookId")


class ReturnDemoLoanInput(BaseModel):
    """The unit is back: when, and in what condition."""

    id: str
    returned_on: date = Field(alias="returnedOn")
    condition: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ReviewAuthorisationInput(BaseModel):
    """One review step; the two approvals need two people, neither the submitter."""

    id: str
    decision: ReviewDecision
    comment: Optional[str] = None
    "Required to reject."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ReviewCertificateInput(BaseModel):
    """One review step; the two approvals need two people, neither the submitter."""

    id: str
    decision: ReviewDecision
    comment: Optional[str] = None
    "Required to reject."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ReviewCreditRequestInput(BaseModel):
    """Approve or reject a credit request; not by its submitter."""

    id: str
    decision: ReviewDecision
    comment: Optional[str] = None
    "Required to reject."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ReviewDemoLoanInput(BaseModel):
    """Approve or reject a requested loan; not by its requester."""

    id: str
    decision: ReviewDecision
    comment: Optional[str] = None
    "Required to reject."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ServiceLevelInput(BaseModel):
    """A target for one priority."""

    priority: TicketPriority
    response_hours: int = Field(alias="responseHours")
    resolution_hours: int = Field(alias="resolutionHours")


class SourceInput(BaseModel):
    """A record's ID in a source system, e.g. {system: "crm", id: "8812"}."""

    system: str
    id: str


class TicketFilter(BaseModel):
    summary_contains: Optional[str] = Field(alias="summaryContains", default=None)
    number: Optional[str] = None
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    device_id: Optional[str] = Field(alias="deviceId", default=None)
    kinds: Optional[list[TicketKind]] = None
    priorities: Optional[list[TicketPriority]] = None
    statuses: Optional[list[TicketStatus]] = None
    assignee: Optional[str] = None
    engineer: Optional[str] = None
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)
    due_before: Optional[datetime] = Field(alias="dueBefore", default=None)
    opened_on_or_after: Optional[datetime] = Field(
        alias="openedOnOrAfter", default=None
    )


class TicketOrder(BaseModel):
    field: TicketOrderField
    direction: SortDirection = SortDirection.ASC


class TrainingAttendeeInput(BaseModel):
    """An attendee, with the operator certificate issued, if any."""

    contact_id: str = Field(alias="contactId")
    certificate_number: Optional[str] = Field(alias="certificateNumber", default=None)
    certificate_expires_on: Optional[date] = Field(
        alias="certificateExpiresOn", default=None
    )


class TrainingFilter(BaseModel):
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    device_model_id: Optional[str] = Field(alias="deviceModelId", default=None)
    trainer: Optional[str] = None
    statuses: Optional[list[RecordStatus]] = None
    "Default: ACTIVE."
    org_path_prefix: Optional[str] = Field(alias="orgPathPrefix", default=None)
    trained_before: Optional[date] = Field(alias="trainedBefore", default=None)
    trained_on_or_after: Optional[date] = Field(alias="trainedOnOrAfter", default=None)


class TrainingOrder(BaseModel):
    field: TrainingOrderField
    direction: SortDirection = SortDirection.ASC


class UndoMergeInput(BaseModel):
    merge_event_id: str = Field(alias="mergeEventId")


class UpdateAuthorisationInput(BaseModel):
    """Only the fields given are changed; null clears a field."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    number: Optional[str] = None
    regions: Optional[list[str]] = None
    valid_from: Optional[date] = Field(alias="validFrom", default=None)
    valid_to: Optional[date] = Field(alias="validTo", default=None)
    device_model_ids: Optional[list[str]] = Field(alias="deviceModelIds", default=None)
    categories: Optional[list[str]] = None
    hospital_id: Optional[str] = Field(alias="hospitalId", default=None)
    tender: Optional[str] = None
    document: Optional[str] = None


class UpdateBatchInput(BaseModel):
    """Only the fields given are changed; null clears a field."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    lot_number: Optional[str] = Field(alias="lotNumber", default=None)
    manufactured_on: Optional[date] = Field(alias="manufacturedOn", default=None)
    expires_on: Optional[date] = Field(alias="expiresOn", default=None)
    status: Optional[BatchStatus] = None


class UpdateCertificateInput(BaseModel):
    """Only the fields given are changed; null clears a field."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    kind: Optional[CertificateKind] = None
    number: Optional[str] = None
    issuer: Optional[str] = None
    valid_from: Optional[date] = Field(alias="validFrom", default=None)
    valid_to: Optional[date] = Field(alias="validTo", default=None)
    scope: Optional["CertificateScopeInput"] = None
    document: Optional[str] = None


class UpdateContactInput(BaseModel):
    """Only the fields given are changed; null clears a field."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    name: Optional[str] = None
    role: Optional[ContactRole] = None
    title: Optional[str] = None
    department: Optional[str] = None
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    mobile: Optional[str] = None
    office_phone: Optional[str] = Field(alias="officePhone", default=None)
    email: Optional[str] = None
    id_number: Optional[str] = Field(alias="idNumber", default=None)


class UpdateContractInput(BaseModel):
    """Only the fields given are changed; `deviceIds` replaces the set."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    number: Optional[str] = None
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    kind: Optional[ContractKind] = None
    starts_on: Optional[date] = Field(alias="startsOn", default=None)
    ends_on: Optional[date] = Field(alias="endsOn", default=None)
    amount: Optional[Decimal] = None
    currency: Optional[str] = None
    status: Optional[ContractStatus] = None
    device_ids: Optional[list[str]] = Field(alias="deviceIds", default=None)
    service_levels: Optional[list["ServiceLevelInput"]] = Field(
        alias="serviceLevels", default=None
    )
    "Replaces every target."


class UpdateDemoLoanInput(BaseModel):
    """Only the fields given are changed; null clears a field."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    department: Optional[str] = None
    purpose: Optional[str] = None
    starts_on: Optional[date] = Field(alias="startsOn", default=None)
    due_back_on: Optional[date] = Field(alias="dueBackOn", default=None)


class UpdateDepartmentInput(BaseModel):
    """Only the fields given are changed."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    code: Optional[str] = None
    name: Optional[str] = None
    local_name: Optional[str] = Field(alias="localName", default=None)


class UpdateDeviceInput(BaseModel):
    """Only the fields given are changed; null clears a field."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    serial_number: Optional[str] = Field(alias="serialNumber", default=None)
    batch_id: Optional[str] = Field(alias="batchId", default=None)
    udi: Optional[str] = None
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    installed_on: Optional[date] = Field(alias="installedOn", default=None)
    warranty_ends_on: Optional[date] = Field(alias="warrantyEndsOn", default=None)
    next_maintenance_on: Optional[date] = Field(alias="nextMaintenanceOn", default=None)
    usage_reading: Optional[int] = Field(alias="usageReading", default=None)
    status: Optional[DeviceStatus] = None


class UpdateDeviceModelInput(BaseModel):
    """Only the fields given are changed; null clears a field."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    name: Optional[str] = None
    manufacturer: Optional[str] = None
    device_class: Optional[DeviceClass] = Field(alias="deviceClass", default=None)
    category_code: Optional[str] = Field(alias="categoryCode", default=None)
    registration_number: Optional[str] = Field(alias="registrationNumber", default=None)
    udi_di: Optional[str] = Field(alias="udiDi", default=None)


class UpdateInstitutionInput(BaseModel):
    """Only the fields given are changed; null clears a field."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    name: Optional[str] = None
    kind: Optional[InstitutionKind] = None
    code: Optional[str] = None
    grade: Optional[str] = None
    uscc: Optional[str] = None
    region_code: Optional[str] = Field(alias="regionCode", default=None)
    address: Optional[str] = None
    parent_id: Optional[str] = Field(alias="parentId", default=None)
    status: Optional[InstitutionStatus] = None
    tags: Optional[list[str]] = None
    credit_rating: Optional[str] = Field(alias="creditRating", default=None)
    credit_limit: Optional[Decimal] = Field(alias="creditLimit", default=None)
    org_path: Optional[str] = Field(alias="orgPath", default=None)


class UpdateInteractionInput(BaseModel):
    """Only the fields given are changed; contactIds replace the list."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    contact_ids: Optional[list[str]] = Field(alias="contactIds", default=None)
    kind: Optional[InteractionKind] = None
    occurred_at: Optional[datetime] = Field(alias="occurredAt", default=None)
    channel: Optional[InteractionChannel] = None
    our_person: Optional[str] = Field(alias="ourPerson", default=None)
    summary: Optional[str] = None
    outcome: Optional[str] = None
    next_follow_up_on: Optional[date] = Field(alias="nextFollowUpOn", default=None)


class UpdateMaintenancePlanInput(BaseModel):
    """Only the fields given are changed; `checklist` replaces the list."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    interval_days: Optional[int] = Field(alias="intervalDays", default=None)
    interval_usage: Optional[int] = Field(alias="intervalUsage", default=None)
    usage_unit: Optional[str] = Field(alias="usageUnit", default=None)
    checklist: Optional[list[str]] = None


class UpdateTicketInput(BaseModel):
    """Only the fields given are changed; `status` must be a legal move."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    status: Optional[TicketStatus] = None
    device_id: Optional[str] = Field(alias="deviceId", default=None)
    contact_id: Optional[str] = Field(alias="contactId", default=None)
    kind: Optional[TicketKind] = None
    priority: Optional[TicketPriority] = None
    due_at: Optional[datetime] = Field(alias="dueAt", default=None)
    assignee: Optional[str] = None
    summary: Optional[str] = None
    resolution: Optional[str] = None
    resolution_code: Optional[ResolutionCode] = Field(
        alias="resolutionCode", default=None
    )
    parts_used: Optional[list[str]] = Field(alias="partsUsed", default=None)
    engineer: Optional[str] = None
    visits: Optional[int] = None
    "Default: one more each time work starts."
    usage_reading: Optional[int] = Field(alias="usageReading", default=None)
    satisfaction: Optional[int] = None
    "1-5; only together with status CLOSED."
    satisfaction_comment: Optional[str] = Field(
        alias="satisfactionComment", default=None
    )


class UpdateTrainingInput(BaseModel):
    """Only the fields given are changed; attendees are added or have their certificates updated (an attendance is never removed)."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    device_model_id: Optional[str] = Field(alias="deviceModelId", default=None)
    trainer: Optional[str] = None
    trained_on: Optional[date] = Field(alias="trainedOn", default=None)
    notes: Optional[str] = None
    attendees: Optional[list["TrainingAttendeeInput"]] = None


class UpdateWebhookInput(BaseModel):
    """Change a webhook; omitted fields keep their values."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    name: Optional[str] = None
    url: Optional[str] = None
    entity_types: Optional[list[str]] = Field(alias="entityTypes", default=None)
    role: Optional[Role] = None
    org_path: Optional[str] = Field(alias="orgPath", default=None)
    active: Optional[bool] = None


class UpsertAuthorisationInput(BaseModel):
    """Create or update the letter a source-system ID refers to."""

    number: str
    grantor_id: str = Field(alias="grantorId")
    institution_id: str = Field(alias="institutionId")
    regions: list[str]
    valid_from: date = Field(alias="validFrom")
    valid_to: date = Field(alias="validTo")
    device_model_ids: Optional[list[str]] = Field(alias="deviceModelIds", default=None)
    categories: Optional[list[str]] = None
    hospital_id: Optional[str] = Field(alias="hospitalId", default=None)
    tender: Optional[str] = None
    document: Optional[str] = None
    source: "SourceInput"


class UpsertContactInput(BaseModel):
    """Create or update the contact a source-system ID refers to."""

    institution_id: str = Field(alias="institutionId")
    name: str
    role: Optional[ContactRole] = None
    title: Optional[str] = None
    department: Optional[str] = None
    "科室 text; placed on its department when the dictionary knows it."
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    "The department record, instead of the text."
    mobile: Optional[str] = None
    office_phone: Optional[str] = Field(alias="officePhone", default=None)
    email: Optional[str] = None
    id_number: Optional[str] = Field(alias="idNumber", default=None)
    source: "SourceInput"


class UpsertDemoLoanInput(BaseModel):
    """Create or update the loan a source-system ID refers to."""

    device_id: str = Field(alias="deviceId")
    institution_id: str = Field(alias="institutionId")
    starts_on: date = Field(alias="startsOn")
    due_back_on: date = Field(alias="dueBackOn")
    department: Optional[str] = None
    purpose: Optional[str] = None
    source: "SourceInput"


class UpsertDepartmentInput(BaseModel):
    """Create or update the department a source-system ID refers to."""

    institution_id: str = Field(alias="institutionId")
    code: Optional[str] = None
    name: Optional[str] = None
    local_name: Optional[str] = Field(alias="localName", default=None)
    source: "SourceInput"


class UpsertDeviceInput(BaseModel):
    """Create or update the device a source-system ID refers to."""

    device_model_id: str = Field(alias="deviceModelId")
    serial_number: str = Field(alias="serialNumber")
    batch_id: Optional[str] = Field(alias="batchId", default=None)
    udi: Optional[str] = None
    institution_id: Optional[str] = Field(alias="institutionId", default=None)
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    "The holder's department it is installed in."
    installed_on: Optional[date] = Field(alias="installedOn", default=None)
    warranty_ends_on: Optional[date] = Field(alias="warrantyEndsOn", default=None)
    next_maintenance_on: Optional[date] = Field(alias="nextMaintenanceOn", default=None)
    usage_reading: Optional[int] = Field(alias="usageReading", default=None)
    status: Optional[DeviceStatus] = None
    source: "SourceInput"


class UpsertInstitutionInput(BaseModel):
    """Create or update the institution a source-system ID refers to."""

    name: str
    kind: InstitutionKind
    code: Optional[str] = None
    "Generated when omitted."
    grade: Optional[str] = None
    uscc: Optional[str] = None
    region_code: Optional[str] = Field(alias="regionCode", default=None)
    address: Optional[str] = None
    parent_id: Optional[str] = Field(alias="parentId", default=None)
    tags: Optional[list[str]] = None
    credit_rating: Optional[str] = Field(alias="creditRating", default=None)
    credit_limit: Optional[Decimal] = Field(alias="creditLimit", default=None)
    org_path: Optional[str] = Field(alias="orgPath", default=None)
    "Default: the parent's."
    source: "SourceInput"


class UpsertInteractionInput(BaseModel):
    """Create or update the interaction a source-system ID refers to (idempotent)."""

    institution_id: str = Field(alias="institutionId")
    kind: InteractionKind
    occurred_at: datetime = Field(alias="occurredAt")
    our_person: str = Field(alias="ourPerson")
    department_id: Optional[str] = Field(alias="departmentId", default=None)
    contact_ids: Optional[list[str]] = Field(alias="contactIds", default=None)
    channel: Optional[InteractionChannel] = None
    summary: Optional[str] = None
    outcome: Optional[str] = None
    next_follow_up_on: Optional[date] = Field(alias="nextFollowUpOn", default=None)
    source: "SourceInput"


class UpsertReceivableInput(BaseModel):
    """One receivable document from the ERP: source {system, id: document number}."""

    source: "SourceInput"
    institution_id: str = Field(alias="institutionId")
    amount: Decimal
    "Outstanding now; 0 when paid off."
    due_on: date = Field(alias="dueOn")
    currency: Optional[str] = None
    "Default CNY."
    as_of: Optional[date] = Field(alias="asOf", default=None)
    "Default today."
    document_date: Optional[date] = Field(alias="documentDate", default=None)


class UpsertTrainingInput(BaseModel):
    """Create or update the training a source-system ID refers to."""

    institution_id: str = Field(alias="institutionId")
    department_id: str = Field(alias="departmentId")
    device_model_id: str = Field(alias="deviceModelId")
    trainer: str
    trained_on: date = Field(alias="trainedOn")
    notes: Optional[str] = None
    attendees: Optional[list["TrainingAttendeeInput"]] = None
    source: "SourceInput"


class WebhookRefInput(BaseModel):
    """A webhook, and the version the change was made against."""

    id: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


CreateCertificateInput.model_rebuild()
CreateContractInput.model_rebuild()
CreateTrainingInput.model_rebuild()
MergeInput.model_rebuild()
UpdateCertificateInput.model_rebuild()
UpdateContractInput.model_rebuild()
UpdateTrainingInput.model_rebuild()
UpsertAuthorisationInput.model_rebuild()
UpsertContactInput.model_rebuild()
UpsertDemoLoanInput.model_rebuild()
UpsertDepartmentInput.model_rebuild()
UpsertDeviceInput.model_rebuild()
UpsertInstitutionInput.model_rebuild()
UpsertInteractionInput.model_rebuild()
UpsertReceivableInput.model_rebuild()
UpsertTrainingInput.model_rebuild()
