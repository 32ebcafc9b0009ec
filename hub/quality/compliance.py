"""May this institution buy this device model on this date? (DESIGN.md §4, rules as data.)"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from hub.db.enums import DeviceClass, InstitutionStatus
from hub.quality.qualification import (
    live_certificates,
    shortfall,
    standing,
    usable,
    uscc_mismatches,
)
from hub.quality.reasons import Reason, ReasonCode
from hub.quality.rules import Rules
from hub.quality.scope import covers


class Decision(StrEnum):
    ALLOWED = "ALLOWED"
    DENIED = "DENIED"


@dataclass(frozen=True)
class ComplianceResult:
    """The decision and every reason for it."""

    decision: Decision
    reasons: tuple[Reason, ...]


def allowed(*reasons: Reason) -> ComplianceResult:
    """An ALLOWED result."""
    return ComplianceResult(Decision.ALLOWED, reasons)


def denied(*reasons: Reason) -> ComplianceResult:
    """A DENIED result."""
    return ComplianceResult(Decision.DENIED, reasons)


@dataclass(frozen=True)
class Product:
    """What compliance needs to know about a device model."""

    device_class: DeviceClass
    category_code: str | None


def _buyer_problems(institution: Any, held: list[Any], rules: Rules, on: date) -> list[Reason]:
    if institution.status is InstitutionStatus.BLOCKED:
        return [Reason(ReasonCode.INSTITUTION_BLOCKED, "The institution is blocked.")]
    if institution.status is not InstitutionStatus.ACTIVE:
        message = f"The institution is {institution.status.value}."
        return [Reason(ReasonCode.INSTITUTION_INACTIVE, message)]
    problems = uscc_mismatches(institution, held, rules)
    if rules.entity_certificates and not usable(held, rules.entity_certificates, on):
        problems.insert(0, shortfall(held, rules.entity_certificates, rules, on))
    return problems


def _why_not(certificate: Any, product: Product, rules: Rules, on: date) -> Reason | None:
    kind_rule = rules.kind(certificate.kind)
    label = f"{kind_rule.label} {certificate.number}"
    if standing(certificate, on) is not None:
        return shortfall([certificate], (certificate.kind,), rules, on)
    scope = certificate.scope or {}
    classes = scope.get("deviceClasses") or []
    if classes and product.device_class.value not in classes:
        message = f"The {label} does not cover Class {product.device_class.value}."
        return Reason(ReasonCode.CLASS_NOT_COVERED, message, certificate.kind)
    if not kind_rule.scoped:
        return None
    if product.category_code is None:
        message = "The device model has no catalogue category to check the scope against."
        return Reason(ReasonCode.CATEGORY_UNKNOWN, message, certificate.kind)
    if not covers(scope.get("categories") or [], product.category_code, rules):
        message = f"The {label} does not cover category {product.category_code}."
        return Reason(ReasonCode.CATEGORY_NOT_COVERED, message, certificate.kind)
    return None


def check(
    institution: Any, product: Product, certificates: Iterable[Any], rules: Rules, on: date
) -> ComplianceResult:
    """ALLOWED or DENIED, with reasons, for selling the product to the institution on a date."""
    held = live_certificates(certificates)
    if problems := _buyer_problems(institution, held, rules, on):
        return denied(*problems)
    device_class = product.device_class
    if device_class in rules.licence_free_classes:
        message = f"Class {device_class.value} devices need no licence or filing."
        return allowed(Reason(ReasonCode.NO_LICENCE_NEEDED, message))
    if device_class is DeviceClass.II and rules.is_exempt(product.category_code):
        message = "The product is on the list of Class II products exempt from filing."
        return allowed(Reason(ReasonCode.EXEMPT_FROM_FILING, message))
    kinds = sorted(
        kind
        for kind in rules.template(institution.kind).buys_with
        if device_class in rules.kind(kind).permits_classes
    )
    if not kinds:
        message = f"No certificate lets this kind of institution buy Class {device_class.value}."
        return denied(Reason(ReasonCode.NOT_PERMITTED, message))
    candidates = [c for c in held if c.kind in kinds]
    refusals: list[Reason] = []
    for certificate in candidates:
        refusal = _why_not(certificate, product, rules, on)
        if refusal is None:
            label = rules.kind(certificate.kind).label
            message = f"Covered by {label} {certificate.number}."
            return allowed(Reason(ReasonCode.COVERED, message, certificate.kind))
        refusals.append(refusal)
    return denied(*refusals) if refusals else denied(shortfall([], tuple(kinds), rules, on))
