"""Reasons behind a qualification status or a compliance decision."""

from dataclasses import dataclass
from enum import StrEnum

from hub.db.enums import CertificateKind


class ReasonCode(StrEnum):
    """Stable codes; clients switch on these, never on messages."""

    MISSING_CERTIFICATE = "MISSING_CERTIFICATE"
    PENDING_REVIEW = "PENDING_REVIEW"
    REJECTED = "REJECTED"
    EXPIRED = "EXPIRED"
    NOT_YET_VALID = "NOT_YET_VALID"
    EXPIRING = "EXPIRING"
    USCC_MISMATCH = "USCC_MISMATCH"
    INSTITUTION_BLOCKED = "INSTITUTION_BLOCKED"
    INSTITUTION_INACTIVE = "INSTITUTION_INACTIVE"
    NO_LICENCE_NEEDED = "NO_LICENCE_NEEDED"
    EXEMPT_FROM_FILING = "EXEMPT_FROM_FILING"
    COVERED = "COVERED"
    NOT_PERMITTED = "NOT_PERMITTED"
    CLASS_NOT_COVERED = "CLASS_NOT_COVERED"
    CATEGORY_NOT_COVERED = "CATEGORY_NOT_COVERED"
    CATEGORY_UNKNOWN = "CATEGORY_UNKNOWN"
    DEVICE_NOT_FOUND = "DEVICE_NOT_FOUND"
    BATCH_RECALLED = "BATCH_RECALLED"
    BATCH_EXPIRED = "BATCH_EXPIRED"
    ON_LOAN = "ON_LOAN"
    NOT_AUTHORISED = "NOT_AUTHORISED"
    OPERATOR_NOT_TRAINED = "OPERATOR_NOT_TRAINED"
    CREDIT_UTILISATION = "CREDIT_UTILISATION"
    OVERDUE = "OVERDUE"
    CREDIT_EXPIRED = "CREDIT_EXPIRED"
    CREDIT_NOT_YET_VALID = "CREDIT_NOT_YET_VALID"
    CREDIT_GRADE = "CREDIT_GRADE"
    NO_CREDIT_PROFILE = "NO_CREDIT_PROFILE"
    CREDIT_HOLD = "CREDIT_HOLD"
    CREDIT_OVERRIDE = "CREDIT_OVERRIDE"


@dataclass(frozen=True)
class Reason:
    """One reason; `certificate_kind` names the document it is about, when there is one."""

    code: ReasonCode
    message: str
    certificate_kind: CertificateKind | None = None
