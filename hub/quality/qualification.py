"""An institution's qualification status, computed from its certificates and the rules."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from hub.db.enums import (
    CertificateKind,
    InstitutionStatus,
    QualificationStatus,
    RecordStatus,
    ReviewStatus,
)
from hub.quality.reasons import Reason, ReasonCode
from hub.quality.rules import Rules

# When no certificate of a group is usable, the reason shown is the most hopeful problem.
_SHORTFALL_ORDER = (
    ReasonCode.EXPIRED,
    ReasonCode.NOT_YET_VALID,
    ReasonCode.PENDING_REVIEW,
    ReasonCode.REJECTED,
)
_SHORTFALL_MESSAGES = {
    ReasonCode.EXPIRED: "has expired",
    ReasonCode.NOT_YET_VALID: "is not valid yet",
    ReasonCode.PENDING_REVIEW: "is still under review",
    ReasonCode.REJECTED: "was rejected in review",
}


@dataclass(frozen=True)
class Qualification:
    """A status with the reasons for it (empty when QUALIFIED)."""

    status: QualificationStatus
    reasons: tuple[Reason, ...]


def standing(certificate: Any, on: date) -> ReasonCode | None:
    """Why a certificate does not count on a date, or None when it does."""
    if certificate.review_status is ReviewStatus.REJECTED:
        return ReasonCode.REJECTED
    if certificate.review_status is not ReviewStatus.APPROVED:
        return ReasonCode.PENDING_REVIEW
    if certificate.valid_from is not None and on < certificate.valid_from:
        return ReasonCode.NOT_YET_VALID
    if certificate.valid_to is not None and on > certificate.valid_to:
        return ReasonCode.EXPIRED
    return None


def live_certificates(certificates: Iterable[Any]) -> list[Any]:
    """The certificates that are not archived."""
    return [c for c in certificates if c.status is RecordStatus.ACTIVE]


def usable(certificates: Iterable[Any], kinds: Sequence[CertificateKind], on: date) -> list[Any]:
    """Certificates of the given kinds that count on the date."""
    return [c for c in certificates if c.kind in kinds and standing(c, on) is None]


def shortfall(
    certificates: Iterable[Any], kinds: Sequence[CertificateKind], rules: Rules, on: date
) -> Reason:
    """Why no certificate of the given kinds counts on the date."""
    held = [c for c in certificates if c.kind in kinds]
    problems = {standing(c, on): c.kind for c in held}
    label = " / ".join(rules.kind(kind).label for kind in kinds)
    for code in _SHORTFALL_ORDER:
        if code in problems:
            kind = problems[code]
            message = f"The {rules.kind(kind).label} {_SHORTFALL_MESSAGES[code]}."
            return Reason(code, message, kind)
    return Reason(ReasonCode.MISSING_CERTIFICATE, f"No {label} is on file.", kinds[0])


def uscc_mismatches(institution: Any, certificates: Iterable[Any], rules: Rules) -> list[Reason]:
    """Approved certificates numbered by a USCC other than the institution's."""
    if institution.uscc is None:
        return []
    return [
        Reason(
            ReasonCode.USCC_MISMATCH,
            f"The {rules.kind(c.kind).label} is numbered with another USCC.",
            c.kind,
        )
        for c in certificates
        if rules.kind(c.kind).matches_uscc
        and c.review_status is ReviewStatus.APPROVED
        and c.number.strip().upper() != institution.uscc
    ]


def _expiry_warning(certificates: list[Any], rules: Rules, on: date) -> Reason | None:
    # The group is only as lasting as its longest-valid certificate.
    best = max(certificates, key=lambda c: c.valid_to or date.max)
    if best.valid_to is None or (best.valid_to - on).days > rules.warning_days:
        return None
    days = (best.valid_to - on).days
    label = rules.kind(best.kind).label
    return Reason(ReasonCode.EXPIRING, f"The {label} expires in {days} days.", best.kind)


def qualify(institution: Any, certificates: Iterable[Any], rules: Rules, on: date) -> Qualification:
    """The institution's status on a date from its (non-archived) certificates."""
    held = live_certificates(certificates)
    problems: list[Reason] = []
    warnings: list[Reason] = []
    if institution.status is InstitutionStatus.BLOCKED:
        problems.append(Reason(ReasonCode.INSTITUTION_BLOCKED, "The institution is blocked."))
    for group in rules.template(institution.kind).required:
        good = usable(held, group, on)
        if not good:
            problems.append(shortfall(held, group, rules, on))
        elif warning := _expiry_warning(good, rules, on):
            warnings.append(warning)
    problems.extend(uscc_mismatches(institution, held, rules))
    if problems:
        return Qualification(QualificationStatus.NOT_QUALIFIED, tuple(problems + warnings))
    if warnings:
        return Qualification(QualificationStatus.EXPIRING, tuple(warnings))
    return Qualification(QualificationStatus.QUALIFIED, ())
