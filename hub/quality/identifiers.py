"""Chinese identifiers: the unified social credit code and the resident identity number."""

import re

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from hub.errors import ErrorCode
from hub.quality.invalid import Invalid
from hub.quality.regions import PROVINCE_PREFIXES

# GB 32100: registering authority (1-9, A-H, N, Y), entity type, 6-digit region, 9-character
# organisation code, check character. python-stdnum insists on 8 leading digits and so refuses
# the authority letters (e.g. N for rural collectives, Y for trade unions); the shape is
# checked here and only the check-character arithmetic is borrowed from it.
_RESIDENT_ID = re.compile(r"^\d{17}[0-9X]$")
_USCC = re.compile(r"^[1-9A-HNY][0-9A-HJ-NPQRTUWXY]\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def check_uscc(value: str) -> str:
    """The USCC in upper case, with a correct GB 32100 check character."""
    code = value.strip().replace(" ", "").upper()
    if not _USCC.match(code):
        raise Invalid(
            ErrorCode.INVALID, "A USCC has 18 characters of 0-9 and A-Y (not I, O, S, V, Z)."
        )
    if code[-1] != uscc.calc_check_digit(code[:17]):
        raise Invalid(ErrorCode.INVALID_CHECKSUM, "The USCC's check character is wrong.")
    return code


def check_resident_id(value: str) -> str:
    """An 18-character GB 11643 resident identity number (check character X in upper case).

    The county part is checked only for a known province: python-stdnum also insists that the
    county existed in the birth year, which refuses real numbers (a Pudong 310115 number of
    someone born before 1993, when the district was created).
    """
    number = value.strip().upper()
    if not _RESIDENT_ID.match(number):
        raise Invalid(
            ErrorCode.INVALID, "A resident ID number has 17 digits and a check digit or X."
        )
    if number[-1] != ric.calc_check_digit(number):
        raise Invalid(ErrorCode.INVALID_CHECKSUM, "The ID number's check character is wrong.")
    try:
        ric.get_birth_date(number)
    except ValidationError as error:
        raise Invalid(ErrorCode.INVALID_DATE, "The ID number holds no valid birth date.") from error
    if number[:2] not in PROVINCE_PREFIXES:
        raise Invalid(ErrorCode.UNKNOWN_CODE, "The ID number's region names no province.")
    return number
