"""Compliance decisions: every path of DESIGN.md §4 with the bundled rules."""

from dataclasses import replace
from datetime import timedelta

from hub.db.enums import CertificateKind, DeviceClass, InstitutionKind, InstitutionStatus
from hub.quality.compliance import ComplianceResult, Decision, Product, check
from hub.quality.reasons import ReasonCode
from hub.quality.rules import Template, load_rules
from tests.quality.building import DAY, certificate, institution, licence

BUSINESS = CertificateKind.BUSINESS_LICENSE
FILING = CertificateKind.CLASS_II_FILING
LICENCE = CertificateKind.OPERATION_LICENSE
MONITOR = Product(DeviceClass.II, "07-03")  # 病人监护仪
STENT = Product(DeviceClass.III, "13-07")  # 冠脉支架
GAUZE = Product(DeviceClass.I, "14-10")


def _decide(product: Product, *held: object, **values: object) -> ComplianceResult:
    buyer = institution(**values)  # type: ignore[arg-type]
    return check(buyer, product, held, load_rules(), DAY)


def _codes(result: ComplianceResult) -> list[ReasonCode]:
    return [reason.code for reason in result.reasons]


def test_class_i_needs_no_licence() -> None:
    result = _decide(GAUZE, certificate(BUSINESS))
    assert result.decision is Decision.ALLOWED
    assert _codes(result) == [ReasonCode.NO_LICENCE_NEEDED]


def test_class_ii_with_a_filing_covering_the_category_is_allowed() -> None:
    result = _decide(MONITOR, certificate(BUSINESS), licence(FILING, ["II"], ["07"]))
    assert result.decision is Decision.ALLOWED
    assert _codes(result) == [ReasonCode.COVERED]


def test_class_ii_filing_not_covering_the_category_is_denied() -> None:
    result = _decide(MONITOR, certificate(BUSINESS), licence(FILING, ["II"], ["22"]))
    assert result.decision is Decision.DENIED
    assert _codes(result) == [ReasonCode.CATEGORY_NOT_COVERED]


def test_a_class_iii_licence_does_not_replace_the_class_ii_filing() -> None:
    result = _decide(MONITOR, certificate(BUSINESS), licence(LICENCE, ["III"], ["07"]))
    assert result.decision is Decision.DENIED
    assert _codes(result) == [ReasonCode.MISSING_CERTIFICATE]


def test_class_ii_product_on_the_exemption_list_needs_no_filing() -> None:
    strips = Product(DeviceClass.II, "22-11-02-01")
    result = _decide(strips, certificate(BUSINESS))
    assert result.decision is Decision.ALLOWED
    assert _codes(result) == [ReasonCode.EXEMPT_FROM_FILING]


def test_class_iii_needs_a_valid_licence_covering_it() -> None:
    allowed = _decide(STENT, certificate(BUSINESS), licence(LICENCE, ["III"], ["13"]))
    expired = _decide(
        STENT,
        certificate(BUSINESS),
        licence(LICENCE, ["III"], ["13"], valid_to=DAY - timedelta(days=1)),
    )
    assert allowed.decision is Decision.ALLOWED
    assert expired.decision is Decision.DENIED
    assert _codes(expired) == [ReasonCode.EXPIRED]


def test_old_licence_with_2002_codes_covers_the_2017_category() -> None:
    result = _decide(STENT, certificate(BUSINESS), licence(LICENCE, ["III"], ["6846", "6877"]))
    assert result.decision is Decision.ALLOWED


def test_licence_whose_scope_excludes_the_class_is_denied() -> None:
    result = _decide(STENT, certificate(BUSINESS), licence(LICENCE, ["II"], ["13"]))
    assert _codes(result) == [ReasonCode.CLASS_NOT_COVERED]


def test_hospital_buys_for_own_use_under_its_practice_licence() -> None:
    held = (certificate(BUSINESS), certificate(CertificateKind.PRACTICE_LICENSE))
    result = _decide(STENT, *held, kind=InstitutionKind.HOSPITAL)
    assert result.decision is Decision.ALLOWED
    assert result.reasons[0].certificate_kind is CertificateKind.PRACTICE_LICENSE


def test_hospital_without_practice_licence_is_denied_even_with_an_operation_licence() -> None:
    held = (certificate(BUSINESS), licence(LICENCE, ["III"], ["13"]))
    result = _decide(STENT, *held, kind=InstitutionKind.HOSPITAL)
    assert result.decision is Decision.DENIED
    assert result.reasons[0].certificate_kind is CertificateKind.PRACTICE_LICENSE


def test_blocked_institution_is_denied_whatever_it_holds() -> None:
    result = _decide(GAUZE, certificate(BUSINESS), status=InstitutionStatus.BLOCKED)
    assert result.decision is Decision.DENIED
    assert _codes(result) == [ReasonCode.INSTITUTION_BLOCKED]


def test_archived_institution_is_denied() -> None:
    result = _decide(GAUZE, certificate(BUSINESS), status=InstitutionStatus.ARCHIVED)
    assert _codes(result) == [ReasonCode.INSTITUTION_INACTIVE]


def test_business_licence_must_be_valid_on_the_day() -> None:
    lapsed = certificate(BUSINESS, valid_to=DAY - timedelta(days=1))
    result = _decide(GAUZE, lapsed)
    assert result.decision is Decision.DENIED
    assert [(r.code, r.certificate_kind) for r in result.reasons] == [
        (ReasonCode.EXPIRED, BUSINESS)
    ]


def test_business_licence_of_another_uscc_is_denied() -> None:
    result = _decide(GAUZE, certificate(BUSINESS, number="12100000400000624D"))
    assert _codes(result) == [ReasonCode.USCC_MISMATCH]


def test_model_without_category_cannot_be_checked_against_a_scope() -> None:
    result = _decide(
        Product(DeviceClass.III, None), certificate(BUSINESS), licence(LICENCE, ["III"], ["13"])
    )
    assert _codes(result) == [ReasonCode.CATEGORY_UNKNOWN]


def test_a_kind_that_buys_under_no_certificate_is_not_permitted() -> None:
    bundled = load_rules()
    templates = {**bundled.templates, InstitutionKind.OTHER: Template(buys_with=frozenset())}
    rules = replace(bundled, templates=templates)
    buyer = institution(kind=InstitutionKind.OTHER)
    result = check(buyer, STENT, [certificate(BUSINESS)], rules, DAY)
    assert result.decision is Decision.DENIED
    assert _codes(result) == [ReasonCode.NOT_PERMITTED]
