"""Checks of money and currency input shared by credit limits and receivables."""

import re
from decimal import Decimal
from typing import Any

from hub.errors import ErrorCode, ErrorCollector

CENT = Decimal("0.01")
_CURRENCY = re.compile(r"[A-Z]{3}")


def check_amount(errors: ErrorCollector, values: dict[str, Any], key: str) -> None:
    """A given amount must be non-negative with at most two decimals; it is stored to the cent."""
    amount = values.get(key)
    if amount is None:
        return
    if amount < 0 or amount != amount.quantize(CENT):
        errors.add(key, ErrorCode.INVALID, f"{key} must be a non-negative amount in cents.")
    else:
        values[key] = amount.quantize(CENT)


def check_currency(errors: ErrorCollector, values: dict[str, Any], key: str = "currency") -> None:
    """A given currency is an ISO 4217 code; lower case is accepted and raised."""
    if values.get(key) is None:
        return
    values[key] = values[key].strip().upper()
    if not _CURRENCY.fullmatch(values[key]):
        errors.add(key, ErrorCode.INVALID, "A currency is an ISO 4217 code such as CNY.")
