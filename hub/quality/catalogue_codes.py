"""Classification catalogue codes: 2017 (`07`, `07-03`, `07-03-01`) and 2002 (`6840`)."""

import re

from hub.errors import ErrorCode
from hub.quality.invalid import Invalid
from hub.quality.rules import Rules

_CODE_2017 = re.compile(r"^\d{2}(-\d{2}){0,2}$")
_CODE_2002 = re.compile(r"^68\d{2}$")


def check_category_code(value: str, rules: Rules) -> str:
    """A 2017 code under one of the 22 top-level categories, or a known 2002 code."""
    code = value.strip()
    if _CODE_2002.match(code):
        if code not in rules.categories_2002:
            raise Invalid(ErrorCode.UNKNOWN_CODE, "Not a code of the 2002 catalogue.")
        return code
    if not _CODE_2017.match(code):
        raise Invalid(ErrorCode.INVALID, "A category code looks like 07, 07-03 or 6840.")
    if code[:2] not in rules.categories_2017:
        raise Invalid(ErrorCode.UNKNOWN_CODE, "Not a top-level category of the 2017 catalogue.")
    return code
