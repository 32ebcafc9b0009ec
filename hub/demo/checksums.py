"""Check characters of the identifiers the demo generates: USCC, resident ID, GTIN.

The arithmetic is python-stdnum's, as in `hub.quality`; only the organisation-code check
(GB 11714), which python-stdnum does not offer, is computed here.
"""

from stdnum import ean
from stdnum.cn import ric
from stdnum.cn import uscc as stdnum_uscc

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check_char(body: str) -> str:
    """The 9th character of an organisation code (GB 11714) for its first 8."""
    # Letters count from 10 (A) upwards, as in base 36.
    total = sum(w * int(c, 36) for w, c in zip(_ORG_CODE_WEIGHTS, body, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc(authority: str, region_code: str, org_body: str) -> str:
    """A full USCC: authority and category (e.g. `91`), region, organisation code, check."""
    body = authority + region_code + org_body + org_code_check_char(org_body)
    return body + stdnum_uscc.calc_check_digit(body)


def id_number_check_char(body: str) -> str:
    """The 18th character of a resident ID number (GB 11643) for its first 17 digits."""
    # python-stdnum reads the first 17 characters of a full number; the 18th is a placeholder.
    return ric.calc_check_digit(body + "0")


def gs1_check_digit(body: str) -> str:
    """The GS1 mod-10 check digit of a GTIN body."""
    return ean.calc_check_digit(body)
