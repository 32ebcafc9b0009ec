"""USCC (GB 32100) and resident ID number (GB 11643) validators."""

import pytest

from hub.errors import ErrorCode
from hub.quality.identifiers import check_resident_id, check_uscc
from tests.quality.refusals import refusal


@pytest.mark.parametrize(
    "code",
    [
        "91110000600037341L",  # a company registered with SAMR (authority 9)
        "12100000400000624D",  # a public institution (authority 1): 北京协和医院
        "N2440300MA5F7YC714",  # a rural collective (authority N), refused by python-stdnum
        "Y1440300MA5F7YC71Y",  # a trade union (authority Y)
    ],
)
def test_valid_usccs_pass_including_letter_authorities(code: str) -> None:
    assert check_uscc(code) == code


def test_uscc_is_upper_cased_and_trimmed() -> None:
    assert check_uscc(" 12100000400000624d ") == "12100000400000624D"


def test_uscc_with_wrong_check_character_is_a_checksum_error() -> None:
    assert refusal(check_uscc, "12100000400000624E") is ErrorCode.INVALID_CHECKSUM


@pytest.mark.parametrize(
    "code", ["123", "I2100000400000624D", "121000004000006240D", "1A1000004O0000624D"]
)
def test_malformed_uscc_is_invalid(code: str) -> None:
    assert refusal(check_uscc, code) is ErrorCode.INVALID


def test_resident_id_with_x_check_character_passes_in_upper_case() -> None:
    assert check_resident_id("11010519491231002x") == "11010519491231002X"


def test_resident_id_with_wrong_check_digit_is_a_checksum_error() -> None:
    assert refusal(check_resident_id, "110105194912310021") is ErrorCode.INVALID_CHECKSUM


def test_resident_id_with_impossible_birth_date_is_a_date_error() -> None:
    assert refusal(check_resident_id, "110105194913310021") is ErrorCode.INVALID_DATE


def test_resident_id_of_wrong_length_is_invalid() -> None:
    assert refusal(check_resident_id, "11010519491231002") is ErrorCode.INVALID


def test_resident_id_of_a_county_younger_than_its_holder_passes() -> None:
    # 310115 (Pudong) dates from 1993; people born earlier hold numbers under it.
    assert check_resident_id("310115197307264559") == "310115197307264559"


def test_resident_id_of_no_province_is_an_unknown_code() -> None:
    assert refusal(check_resident_id, "990105194912310023") is ErrorCode.UNKNOWN_CODE
