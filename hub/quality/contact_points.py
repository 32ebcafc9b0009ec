"""Phone numbers (phonenumbers, region CN) and e-mail addresses (email-validator, syntax only)."""

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from hub.errors import ErrorCode
from hub.quality.invalid import Invalid

_REGION = "CN"
_CHINA_CODE = 86
_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


def _parse(value: str) -> phonenumbers.PhoneNumber:
    try:
        number = phonenumbers.parse(value, _REGION)
    except NumberParseException as error:
        raise Invalid(ErrorCode.INVALID, "Not a phone number.") from error
    if not phonenumbers.is_valid_number(number):
        raise Invalid(ErrorCode.INVALID, "Not a valid phone number for its region.")
    return number


def check_mobile(value: str) -> str:
    """A mobile number: Chinese ones as 11 digits (13812345678), others in E.164 (+852…)."""
    number = _parse(value)
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise Invalid(ErrorCode.INVALID, "Not a mobile number.")
    if number.country_code == _CHINA_CODE:
        return phonenumbers.national_significant_number(number)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def check_phone(value: str) -> str:
    """Any valid phone number (landline or mobile), kept in the international format."""
    return phonenumbers.format_number(_parse(value), PhoneNumberFormat.INTERNATIONAL)


def check_email(value: str) -> str:
    """A syntactically valid address, lower-cased (no DNS lookup)."""
    try:
        checked = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise Invalid(ErrorCode.INVALID, "Not a valid e-mail address.") from error
    return checked.normalized.lower()
