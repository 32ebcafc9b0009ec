"""Region codes, name normalisation and catalogue category codes."""

import pytest

from hub.errors import ErrorCode
from hub.quality.catalogue_codes import check_category_code
from hub.quality.regions import check_region_code
from hub.quality.rules import load_rules
from hub.quality.text import normalise_name
from tests.quality.refusals import refusal


def test_region_code_of_a_known_province_passes() -> None:
    assert check_region_code("310104") == "310104"


@pytest.mark.parametrize(
    ("code", "error"), [("31", ErrorCode.INVALID), ("990101", ErrorCode.UNKNOWN_CODE)]
)
def test_bad_region_codes(code: str, error: ErrorCode) -> None:
    assert refusal(check_region_code, code) is error


def test_names_become_half_width_with_single_spaces() -> None:
    assert (
        normalise_name("  上海ＡＢＣ医疗器械（集团）  有限公司 ")
        == "上海ABC医疗器械(集团) 有限公司"
    )


@pytest.mark.parametrize("code", ["07", "07-03", "22-11-02", "6840"])
def test_known_2017_and_2002_category_codes_pass(code: str) -> None:
    assert check_category_code(code, load_rules()) == code


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("23-01", ErrorCode.UNKNOWN_CODE),
        ("6899", ErrorCode.UNKNOWN_CODE),
        ("7-3", ErrorCode.INVALID),
    ],
)
def test_unknown_or_malformed_category_codes(code: str, error: ErrorCode) -> None:
    assert refusal(lambda value: check_category_code(value, load_rules()), code) is error
