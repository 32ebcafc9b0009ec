"""Check characters of the identifiers the demo generates: USCC, resident ID, GTIN."""

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECKS = "10X98765432"


def uscc_check_char(body: str) -> str:
    """The 18th character of a unified social credit code (GB 32100) for its first 17."""
    total = sum(w * USCC_CHARSET.index(c) for w, c in zip(_USCC_WEIGHTS, body, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_code_check_char(body: str) -> str:
    """The 9th character of an organisation code (GB 11714) for its first 8."""
    # Letters count from 10 (A) upwards, as in base 36.
    total = sum(w * int(c, 36) for w, c in zip(_ORG_CODE_WEIGHTS, body, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc(authority: str, region_code: str, org_body: str) -> str:
    """A full USCC: authority and category (e.g. `91`), region, organisation code, check."""
    body = authority + region_code + org_body + org_code_check_char(org_body)
    return body + uscc_check_char(body)


def id_number_check_char(body: str) -> str:
    """The 18th character of a resident ID number (GB 11643) for its first 17 digits."""
    total = sum(w * int(c) for w, c in zip(_ID_WEIGHTS, body, strict=True))
    return _ID_CHECKS[total % 11]


def gs1_check_digit(body: str) -> str:
    """The GS1 mod-10 check digit: weights 3, 1, 3 ... from the rightmost digit of the body."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)
