"""Data-quality rules over stored records: which fields are missing, malformed or odd.

The write-path validators keep new data clean; these rules find what is already stored and
predates them, came in through a bulk load, or is merely suspicious (an unusual licence shape).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hub.db.certificate import Certificate
from hub.db.contact import Contact
from hub.db.device import Device, DeviceModel
from hub.db.enums import CertificateKind
from hub.db.institution import Institution
from hub.errors import ErrorCode
from hub.quality.catalogue_codes import check_category_code
from hub.quality.contact_points import check_email, check_mobile
from hub.quality.identifiers import check_resident_id, check_uscc
from hub.quality.invalid import Invalid, passes
from hub.quality.nmpa_numbers import check_product_number, licence_shape_is_usual
from hub.quality.regions import check_region_code
from hub.quality.rules import Rules
from hub.quality.text import normalise_name
from hub.quality.udi import check_gtin, check_udi, parse_udi

Check = Callable[[Any, Rules], Invalid | None]


@dataclass(frozen=True)
class QualityRule:
    """One check over one field of one entity; `code` is stable and names the rule."""

    code: str
    model: type[Any]
    field: str
    description: str
    check: Check


def _required(field: str, check: Callable[[Any, Rules], Any] | None = None) -> Check:
    def run(row: Any, rules: Rules) -> Invalid | None:
        value = getattr(row, field)
        if value is None:
            return Invalid(ErrorCode.REQUIRED, f"{field} is missing.")
        return passes(lambda v: check(v, rules), value) if check else None

    return run


def _optional(field: str, check: Callable[[Any], Any]) -> Check:
    return lambda row, rules: passes(check, getattr(row, field))


def _normalised_name(row: Any, rules: Rules) -> Invalid | None:
    if normalise_name(row.name) == row.name:
        return None
    return Invalid(ErrorCode.INVALID, "The name has full-width characters or stray spaces.")


def _reachable(row: Contact, rules: Rules) -> Invalid | None:
    if row.mobile or row.email or row.office_phone:
        return None
    return Invalid(ErrorCode.REQUIRED, "The contact has no phone number or e-mail.")


def _registration(row: DeviceModel, rules: Rules) -> Invalid | None:
    return _required("registration_number", lambda n, _: check_product_number(n, row.device_class))(
        row, rules
    )


def _udi_parsed(row: Device, rules: Rules) -> Invalid | None:
    if row.udi is None or passes(check_udi, row.udi) is not None:
        return None  # missing or malformed: DEVICE_UDI's business
    if parse_udi(row.udi).issuer == "GS1":
        return None
    return Invalid(ErrorCode.INVALID, "A MA or AHM UDI is kept as scanned, not parsed.")


def _licence_shape(row: Certificate, rules: Rules) -> Invalid | None:
    if licence_shape_is_usual(row.kind, row.number):
        return None
    return Invalid(ErrorCode.INVALID, "The licence or filing number has an unusual shape.")


_NUMBER_CHECKS = {
    CertificateKind.BUSINESS_LICENSE: check_uscc,
    CertificateKind.ID_CARD: check_resident_id,
}


def _certificate_number(row: Certificate, rules: Rules) -> Invalid | None:
    check = _NUMBER_CHECKS.get(row.kind)
    return passes(check, row.number) if check else None


def _scope_codes(row: Certificate, rules: Rules) -> Invalid | None:
    unknown = [
        code for code in (row.scope or {}).get("categories", []) if not rules.top_levels(code)
    ]
    if not unknown:
        return None
    return Invalid(
        ErrorCode.UNKNOWN_CODE, f"Unknown catalogue codes in scope: {', '.join(unknown)}."
    )


RULES: tuple[QualityRule, ...] = (
    QualityRule(
        "INSTITUTION_USCC",
        Institution,
        "uscc",
        "USCC present with a valid check character",
        _required("uscc", lambda v, _: check_uscc(v)),
    ),
    QualityRule(
        "INSTITUTION_REGION",
        Institution,
        "region_code",
        "GB/T 2260 region code present and known",
        _required("region_code", lambda v, _: check_region_code(v)),
    ),
    QualityRule(
        "INSTITUTION_ADDRESS", Institution, "address", "Address present", _required("address")
    ),
    QualityRule("INSTITUTION_NAME", Institution, "name", "Name NFKC-normalised", _normalised_name),
    QualityRule(
        "CONTACT_REACHABLE", Contact, "mobile", "A phone number or e-mail on file", _reachable
    ),
    QualityRule(
        "CONTACT_MOBILE",
        Contact,
        "mobile",
        "Mobile number valid",
        _optional("mobile", check_mobile),
    ),
    QualityRule(
        "CONTACT_EMAIL", Contact, "email", "E-mail address valid", _optional("email", check_email)
    ),
    QualityRule(
        "CONTACT_ID_NUMBER",
        Contact,
        "id_number",
        "Resident ID number valid",
        _optional("id_number", check_resident_id),
    ),
    QualityRule(
        "DEVICE_MODEL_REGISTRATION",
        DeviceModel,
        "registration_number",
        "Registration or filing number present and matching the class",
        _registration,
    ),
    QualityRule(
        "DEVICE_MODEL_CATEGORY",
        DeviceModel,
        "category_code",
        "Catalogue category present and known",
        _required("category_code", check_category_code),
    ),
    QualityRule(
        "DEVICE_MODEL_UDI_DI",
        DeviceModel,
        "udi_di",
        "UDI-DI (GTIN) valid",
        _optional("udi_di", check_gtin),
    ),
    QualityRule("DEVICE_UDI", Device, "udi", "UDI parses", _optional("udi", check_udi)),
    QualityRule(
        "DEVICE_UDI_UNPARSED",
        Device,
        "udi",
        "UDI from GS1, so lot, serial and dates are read from it",
        _udi_parsed,
    ),
    QualityRule(
        "CERTIFICATE_NUMBER",
        Certificate,
        "number",
        "Identifier-numbered certificates valid",
        _certificate_number,
    ),
    QualityRule(
        "CERTIFICATE_NUMBER_SHAPE",
        Certificate,
        "number",
        "Licence and filing numbers of the usual shape",
        _licence_shape,
    ),
    QualityRule(
        "CERTIFICATE_SCOPE", Certificate, "scope", "Scope uses known catalogue codes", _scope_codes
    ),
)


def rules_for(model: type[Any]) -> list[QualityRule]:
    """The data-quality rules about one entity type."""
    return [rule for rule in RULES if rule.model is model]


@dataclass(frozen=True)
class Issue:
    """One failed rule on one record."""

    rule: QualityRule
    problem: Invalid


@dataclass(frozen=True)
class RecordQuality:
    """A record's score (share of its rules it passes, 0-1) and its issues."""

    score: float
    issues: tuple[Issue, ...]


def assess(row: Any, rules: Rules, model: type[Any] | None = None) -> RecordQuality:
    """Run every rule about the row's type on it (`model`: the type of a Core row)."""
    applicable = rules_for(model or type(row))
    issues = tuple(
        Issue(rule, problem) for rule in applicable if (problem := rule.check(row, rules))
    )
    score = 1.0 if not applicable else 1 - len(issues) / len(applicable)
    return RecordQuality(score=round(score, 3), issues=issues)
