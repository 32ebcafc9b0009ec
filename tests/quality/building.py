"""Unsaved ORM rows for the pure qualification and compliance tests."""

from datetime import date, timedelta
from typing import Any

from hub.db.certificate import Certificate
from hub.db.enums import (
    CertificateKind,
    InstitutionKind,
    InstitutionStatus,
    RecordStatus,
    ReviewStatus,
)
from hub.db.institution import Institution

DAY = date(2026, 6, 1)
USCC = "91310000607396936W"


def institution(kind: InstitutionKind = InstitutionKind.DISTRIBUTOR, **values: Any) -> Institution:
    """A live institution with a USCC."""
    return Institution(
        **{
            "code": "I",
            "name": "上海某医疗器械有限公司",
            "kind": kind,
            "status": InstitutionStatus.ACTIVE,
            "uscc": USCC,
            **values,
        }
    )


def certificate(kind: CertificateKind, **values: Any) -> Certificate:
    """An approved certificate valid for a year around DAY."""
    return Certificate(
        **{
            "kind": kind,
            "number": USCC if kind is CertificateKind.BUSINESS_LICENSE else f"{kind.value}-1",
            "review_status": ReviewStatus.APPROVED,
            "status": RecordStatus.ACTIVE,
            "valid_from": DAY - timedelta(days=365),
            "valid_to": DAY + timedelta(days=365),
            "scope": {},
            **values,
        }
    )


def licence(
    kind: CertificateKind, classes: list[str], categories: list[str], **values: Any
) -> Certificate:
    """An approved filing or licence with a scope."""
    return certificate(kind, scope={"deviceClasses": classes, "categories": categories}, **values)
