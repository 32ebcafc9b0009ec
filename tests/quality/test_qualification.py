"""Qualification status of an institution from its certificates and the bundled rules."""

from datetime import timedelta

from hub.db.enums import (
    CertificateKind,
    InstitutionKind,
    InstitutionStatus,
    QualificationStatus,
    RecordStatus,
    ReviewStatus,
)
from hub.quality.qualification import qualify
from hub.quality.reasons import ReasonCode
from hub.quality.rules import load_rules
from tests.quality.building import DAY, certificate, institution, licence

BUSINESS = CertificateKind.BUSINESS_LICENSE
FILING = CertificateKind.CLASS_II_FILING
PRACTICE = CertificateKind.PRACTICE_LICENSE


def _codes(result: object) -> list[tuple[ReasonCode, CertificateKind | None]]:
    return [(reason.code, reason.certificate_kind) for reason in result.reasons]  # type: ignore[attr-defined]


def test_distributor_with_licence_and_filing_is_qualified() -> None:
    held = [certificate(BUSINESS, valid_to=None), licence(FILING, ["II"], ["07"], valid_to=None)]
    result = qualify(institution(), held, load_rules(), DAY)
    assert result.status is QualificationStatus.QUALIFIED
    assert result.reasons == ()


def test_missing_required_certificate_makes_it_not_qualified() -> None:
    result = qualify(institution(), [certificate(BUSINESS)], load_rules(), DAY)
    assert result.status is QualificationStatus.NOT_QUALIFIED
    assert _codes(result) == [(ReasonCode.MISSING_CERTIFICATE, FILING)]


def test_hospital_needs_a_practice_licence() -> None:
    hospital = institution(InstitutionKind.HOSPITAL)
    missing = qualify(hospital, [certificate(BUSINESS)], load_rules(), DAY)
    held = qualify(hospital, [certificate(BUSINESS), certificate(PRACTICE)], load_rules(), DAY)
    assert _codes(missing) == [(ReasonCode.MISSING_CERTIFICATE, PRACTICE)]
    assert held.status is QualificationStatus.QUALIFIED


def test_public_hospital_may_hold_a_registration_certificate_instead_of_a_business_licence() -> (
    None
):
    hospital = institution(InstitutionKind.HOSPITAL)
    held = [certificate(CertificateKind.REGISTRATION_CERTIFICATE), certificate(PRACTICE)]
    assert qualify(hospital, held, load_rules(), DAY).status is QualificationStatus.QUALIFIED


def test_certificate_expiring_within_the_window_makes_it_expiring() -> None:
    soon = DAY + timedelta(days=30)
    held = [certificate(BUSINESS), licence(FILING, ["II"], ["07"], valid_to=soon)]
    result = qualify(institution(), held, load_rules(), DAY)
    assert result.status is QualificationStatus.EXPIRING
    assert _codes(result) == [(ReasonCode.EXPIRING, FILING)]
    assert "30 days" in result.reasons[0].message


def test_a_longer_valid_certificate_of_the_group_outweighs_an_expiring_one() -> None:
    held = [
        certificate(BUSINESS),
        licence(FILING, ["II"], ["07"], valid_to=DAY + timedelta(days=10)),
        licence(CertificateKind.OPERATION_LICENSE, ["III"], ["07"]),
    ]
    assert qualify(institution(), held, load_rules(), DAY).status is QualificationStatus.QUALIFIED


def test_expired_not_yet_valid_pending_and_rejected_certificates_do_not_count() -> None:
    cases = {
        ReasonCode.EXPIRED: {"valid_to": DAY - timedelta(days=1)},
        ReasonCode.NOT_YET_VALID: {"valid_from": DAY + timedelta(days=1)},
        ReasonCode.PENDING_REVIEW: {"review_status": ReviewStatus.FIRST_APPROVED},
        ReasonCode.REJECTED: {"review_status": ReviewStatus.REJECTED},
    }
    for code, values in cases.items():
        held = [certificate(BUSINESS), licence(FILING, ["II"], ["07"], **values)]
        result = qualify(institution(), held, load_rules(), DAY)
        assert result.status is QualificationStatus.NOT_QUALIFIED
        assert _codes(result) == [(code, FILING)]


def test_archived_certificates_are_ignored() -> None:
    held = [certificate(BUSINESS), licence(FILING, ["II"], ["07"], status=RecordStatus.ARCHIVED)]
    result = qualify(institution(), held, load_rules(), DAY)
    assert _codes(result) == [(ReasonCode.MISSING_CERTIFICATE, FILING)]


def test_business_licence_with_another_uscc_is_a_reason() -> None:
    other = certificate(BUSINESS, number="12100000400000624D")
    held = [other, licence(FILING, ["II"], ["07"])]
    result = qualify(institution(), held, load_rules(), DAY)
    assert result.status is QualificationStatus.NOT_QUALIFIED
    assert _codes(result) == [(ReasonCode.USCC_MISMATCH, BUSINESS)]


def test_blocked_institution_is_not_qualified() -> None:
    blocked = institution(status=InstitutionStatus.BLOCKED)
    held = [certificate(BUSINESS), licence(FILING, ["II"], ["07"])]
    result = qualify(blocked, held, load_rules(), DAY)
    assert _codes(result) == [(ReasonCode.INSTITUTION_BLOCKED, None)]
