"""Masked renderings of sensitive values: enough to recognise, not enough to use."""

from collections.abc import Callable
from typing import Any


def mask_id_number(value: str) -> str:
    """`110101199003074518` → `110***********4518`."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str) -> str:
    """`13812345678` → `138****5678`."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_email(value: str) -> str:
    """`zhang.wei@example.com` → `z***@example.com`."""
    local, at, domain = value.partition("@")
    return f"{local[:1]}***{at}{domain}" if at else "***"


def withhold(_: Any) -> None:
    """Amounts are not masked but withheld."""
    return None


def mask_text(value: str) -> str:
    """Any other text: first character only."""
    return value[:1] + "***" if value else value


_MASKERS: dict[str, Callable[[Any], Any]] = {
    "idNumber": mask_id_number,
    "mobile": mask_phone,
    "officePhone": mask_phone,
    "email": mask_email,
    "amount": withhold,
    "creditLimit": withhold,
    "exposure": withhold,
    "overdueAmount": withhold,
}


def mask(field_name: str, value: Any) -> Any:
    """The masked form of a field's value (None stays None)."""
    if value is None:
        return None
    masker = _MASKERS.get(field_name)
    if masker is not None:
        return masker(value)
    return mask_text(value) if isinstance(value, str) else None
