"""The rules file: the bundled one, an operator's copy, and malformed ones."""

import os
from pathlib import Path

import pytest

from hub.db.enums import CertificateKind, DeviceClass, InstitutionKind
from hub.quality.rules import RulesError, load_rules


def test_bundled_rules_hold_the_22_categories_and_the_2002_crosswalk() -> None:
    rules = load_rules()
    assert len(rules.categories_2017) == 22
    assert rules.categories_2017["07"] == "医用诊察和监护器械"
    assert rules.top_levels("6840") == {"22"}
    assert rules.top_levels("6846") == {"12", "13"}
    assert rules.top_levels("07-03") == {"07"}
    assert rules.top_levels("9999") == frozenset()


def test_bundled_rules_encode_who_needs_what() -> None:
    rules = load_rules()
    assert rules.warning_days == 90
    assert rules.licence_free_classes == {DeviceClass.I}
    assert rules.kind(CertificateKind.CLASS_II_FILING).permits_classes == {DeviceClass.II}
    assert rules.kind(CertificateKind.OPERATION_LICENSE).permits_classes == {DeviceClass.III}
    hospital = rules.template(InstitutionKind.HOSPITAL)
    assert hospital.buys_with == {CertificateKind.PRACTICE_LICENSE}
    assert (CertificateKind.PRACTICE_LICENSE,) in hospital.required


def test_an_edited_copy_is_read_again_after_it_changes(tmp_path: Path) -> None:
    bundled = Path(__file__).parents[2] / "hub" / "quality" / "rules.toml"
    copy = tmp_path / "rules.toml"
    copy.write_text(bundled.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_rules(copy).warning_days == 90
    text = copy.read_text(encoding="utf-8").replace("warning_days = 90", "warning_days = 30")
    copy.write_text(text, encoding="utf-8")
    os.utime(copy, (1, 1))  # a different mtime, as an editor's save would give
    assert load_rules(copy).warning_days == 30


def test_unknown_certificate_kind_is_a_rules_error(tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text('[institution_kinds.HOSPITAL]\nrequired = [["DIPLOMA"]]\n', encoding="utf-8")
    with pytest.raises(RulesError, match="HOSPITAL"):
        load_rules(bad)


def test_invalid_toml_is_a_rules_error(tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text("warning_days = = 3", encoding="utf-8")
    with pytest.raises(RulesError):
        load_rules(bad)
