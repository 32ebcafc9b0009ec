"""UDI parsing: GS1 in human-readable and raw form, GTIN check digits, MA codes kept raw."""

from datetime import date

import pytest

from hub.errors import ErrorCode
from hub.quality.udi import Udi, check_gtin, parse_udi
from tests.quality.refusals import refusal


def test_hri_udi_yields_gtin_dates_lot_and_serial() -> None:
    udi = parse_udi("(01)06941234567898(11)240501(17)271231(10)LOT123(21)SN456")
    assert udi == Udi(
        issuer="GS1",
        gtin="06941234567898",
        lot="LOT123",
        serial="SN456",
        produced_on=date(2024, 5, 1),
        expires_on=date(2027, 12, 31),
    )


def test_raw_scan_with_symbology_identifier_and_group_separators() -> None:
    udi = parse_udi("]C101069412345678981727123110LOT123\x1d21SN456")
    assert (udi.gtin, udi.expires_on, udi.lot, udi.serial) == (
        "06941234567898",
        date(2027, 12, 31),
        "LOT123",
        "SN456",
    )


def test_wrong_gtin_check_digit_is_a_checksum_error() -> None:
    assert refusal(parse_udi, "(01)06941234567891(21)SN1") is ErrorCode.INVALID_CHECKSUM


def test_gs1_udi_without_gtin_is_invalid() -> None:
    assert refusal(parse_udi, "(10)LOT1(21)SN1") is ErrorCode.INVALID


def test_expiry_before_production_is_a_date_error() -> None:
    assert refusal(parse_udi, "(01)06941234567898(11)250101(17)240101") is ErrorCode.INVALID_DATE


@pytest.mark.parametrize("raw", ["(01)06941234567898(17)271331", "hello"])
def test_malformed_element_strings_are_invalid(raw: str) -> None:
    assert refusal(parse_udi, raw) is ErrorCode.INVALID


def test_ma_code_is_accepted_without_parsing() -> None:
    assert parse_udi("MA.156.M0.100001.0SN1") == Udi(issuer="MA")


def test_gtin13_is_padded_to_gtin14() -> None:
    assert check_gtin("6941234567898") == "06941234567898"


def test_udi_di_of_wrong_length_is_invalid() -> None:
    assert refusal(check_gtin, "12AB") is ErrorCode.INVALID
