"""Enumerations of the domain model, shared by the ORM and the GraphQL schema."""

from enum import StrEnum


class InstitutionKind(StrEnum):
    HOSPITAL = "HOSPITAL"
    CLINIC = "CLINIC"
    DISTRIBUTOR = "DISTRIBUTOR"
    RETAIL_PHARMACY = "RETAIL_PHARMACY"
    MANUFACTURER = "MANUFACTURER"
    OTHER = "OTHER"


class InstitutionStatus(StrEnum):
    ACTIVE = "ACTIVE"
    BLOCKED = "BLOCKED"
    ARCHIVED = "ARCHIVED"
    MERGED = "MERGED"


class ContactRole(StrEnum):
    DOCTOR = "DOCTOR"
    PURCHASER = "PURCHASER"
    DEPARTMENT_HEAD = "DEPARTMENT_HEAD"
    LEGAL_REPRESENTATIVE = "LEGAL_REPRESENTATIVE"
    AUTHORISED_AGENT = "AUTHORISED_AGENT"
    ENGINEER = "ENGINEER"
    OTHER = "OTHER"


class RecordStatus(StrEnum):
    """Lifecycle of records that are only ever live or archived (merged for contacts)."""

    ACTIVE = "ACTIVE"
    ARCHIVED = "ARCHIVED"
    MERGED = "MERGED"


class DeviceClass(StrEnum):
    I = "I"  # noqa: E741 - the regulatory class is literally called I
    II = "II"
    III = "III"


class BatchStatus(StrEnum):
    ACTIVE = "ACTIVE"
    RECALLED = "RECALLED"
    ARCHIVED = "ARCHIVED"


class DeviceStatus(StrEnum):
    IN_STOCK = "IN_STOCK"
    INSTALLED = "INSTALLED"
    IN_REPAIR = "IN_REPAIR"
    RETIRED = "RETIRED"
    ARCHIVED = "ARCHIVED"


class ContractKind(StrEnum):
    SALES = "SALES"
    SERVICE = "SERVICE"
    DISTRIBUTION_AUTHORISATION = "DISTRIBUTION_AUTHORISATION"


class ContractStatus(StrEnum):
    DRAFT = "DRAFT"
    ACTIVE = "ACTIVE"
    EXPIRED = "EXPIRED"
    TERMINATED = "TERMINATED"
    ARCHIVED = "ARCHIVED"


class CertificateKind(StrEnum):
    BUSINESS_LICENSE = "BUSINESS_LICENSE"  # 营业执照
    OPERATION_LICENSE = "OPERATION_LICENSE"  # 医疗器械经营许可证 (Class III)
    CLASS_II_FILING = "CLASS_II_FILING"  # 第二类医疗器械经营备案凭证
    PRACTICE_LICENSE = "PRACTICE_LICENSE"  # 医疗机构执业许可证
    REGISTRATION_CERTIFICATE = "REGISTRATION_CERTIFICATE"  # 事业单位法人证书 and similar
    AUTHORISATION_LETTER = "AUTHORISATION_LETTER"  # 法人授权委托书
    ID_CARD = "ID_CARD"  # 居民身份证 of a legal representative or agent
    OTHER = "OTHER"


class ReviewStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    FIRST_APPROVED = "FIRST_APPROVED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class TicketKind(StrEnum):
    REPAIR = "REPAIR"
    MAINTENANCE = "MAINTENANCE"
    INSTALLATION = "INSTALLATION"
    TRAINING = "TRAINING"
    COMPLAINT = "COMPLAINT"
    INQUIRY = "INQUIRY"


class TicketPriority(StrEnum):
    LOW = "LOW"
    NORMAL = "NORMAL"
    HIGH = "HIGH"
    URGENT = "URGENT"


class TicketStatus(StrEnum):
    OPEN = "OPEN"
    ASSIGNED = "ASSIGNED"
    IN_PROGRESS = "IN_PROGRESS"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"
    ARCHIVED = "ARCHIVED"


class ResolutionCode(StrEnum):
    """How a ticket was resolved: the service record's coded outcome."""

    PART_REPLACED = "PART_REPLACED"
    REPAIRED = "REPAIRED"
    ADJUSTED = "ADJUSTED"  # calibrated, configured or re-seated
    SOFTWARE_UPDATED = "SOFTWARE_UPDATED"
    MAINTENANCE_DONE = "MAINTENANCE_DONE"
    REMOTE_FIX = "REMOTE_FIX"
    USER_TRAINED = "USER_TRAINED"  # an operating error; the user was shown how
    NO_FAULT_FOUND = "NO_FAULT_FOUND"
    OTHER = "OTHER"


class SlaStatus(StrEnum):
    """Where a ticket stands against its contract's response and resolution targets."""

    ON_TRACK = "ON_TRACK"
    AT_RISK = "AT_RISK"
    BREACHED = "BREACHED"


class Role(StrEnum):
    ADMIN = "admin"
    STEWARD = "steward"
    AUDITOR = "auditor"
    CRM = "crm"
    WMS = "wms"
    SERVICE = "service"
    SALES = "sales"
    CREDIT = "credit"


class MatchEntity(StrEnum):
    """Entity types the duplicate detector handles (values are the ORM class names)."""

    INSTITUTION = "Institution"
    CONTACT = "Contact"


class CandidateStatus(StrEnum):
    OPEN = "OPEN"
    MERGED = "MERGED"
    DISMISSED = "DISMISSED"


class QualificationStatus(StrEnum):
    """Whether an institution holds what its kind must hold (computed from certificates)."""

    QUALIFIED = "QUALIFIED"
    EXPIRING = "EXPIRING"  # still qualified; a required certificate expires within the window
    NOT_QUALIFIED = "NOT_QUALIFIED"


class DeliveryStatus(StrEnum):
    """Where one webhook delivery stands: queued or retrying, done, or given up."""

    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"


class LoanStatus(StrEnum):
    """A demo loan: asked for, approved by a second person (the unit is out), then returned."""

    REQUESTED = "REQUESTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    RETURNED = "RETURNED"
    CANCELLED = "CANCELLED"


class DepartmentCategory(StrEnum):
    """Whether a department is a 诊疗科目 (clinical) or an office every hospital has."""

    CLINICAL = "CLINICAL"
    ADMINISTRATIVE = "ADMINISTRATIVE"


class InteractionKind(StrEnum):
    VISIT = "VISIT"
    CALL = "CALL"
    DEMO = "DEMO"
    MEETING = "MEETING"
    TRAINING = "TRAINING"
    COMPLAINT = "COMPLAINT"
    TENDER = "TENDER"


class InteractionChannel(StrEnum):
    IN_PERSON = "IN_PERSON"
    PHONE = "PHONE"
    VIDEO = "VIDEO"
    WECHAT = "WECHAT"
    EMAIL = "EMAIL"
    TENDER_PLATFORM = "TENDER_PLATFORM"
    OTHER = "OTHER"


class CreditTier(StrEnum):
    """Where a customer stands in credit control (derived by the rules file's tiers)."""

    NORMAL = "NORMAL"
    WARNING = "WARNING"
    HOLD = "HOLD"  # the dock refuses shipments unless an approved override is in force


class CreditRequestKind(StrEnum):
    """What a credit request asks for: a new rating/limit, or shipping despite a hold."""

    CHANGE = "CHANGE"
    OVERRIDE = "OVERRIDE"
