"""Mobile numbers, phone numbers and e-mail addresses."""

import pytest

from hub.errors import ErrorCode
from hub.quality.contact_points import check_email, check_mobile, check_phone
from tests.quality.refusals import refusal


@pytest.mark.parametrize("raw", ["13812345678", "+86 138-1234-5678", "0086 13812345678"])
def test_chinese_mobiles_are_stored_as_eleven_digits(raw: str) -> None:
    assert check_mobile(raw) == "13812345678"


def test_foreign_mobile_is_kept_in_e164() -> None:
    assert check_mobile("+852 9123 4567") == "+85291234567"


@pytest.mark.parametrize("raw", ["021-64041990", "1381234567", "not a number"])
def test_landlines_and_malformed_numbers_are_not_mobiles(raw: str) -> None:
    assert refusal(check_mobile, raw) is ErrorCode.INVALID


def test_office_phone_accepts_a_landline() -> None:
    assert check_phone("021-64041990") == "+86 21 6404 1990"


def test_email_is_lower_cased() -> None:
    assert check_email(" Zhang.Wei@Example.COM ") == "zhang.wei@example.com"


@pytest.mark.parametrize("raw", ["zhang@", "a@@b.cn", "no-at-sign.cn"])
def test_malformed_email_is_invalid(raw: str) -> None:
    assert refusal(check_email, raw) is ErrorCode.INVALID
