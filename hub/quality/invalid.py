"""How validators report a bad value, and how store functions turn that into field errors."""

from collections.abc import Callable
from typing import Any

from hub.errors import ErrorCode, ErrorCollector


class Invalid(ValueError):
    """A value failed a check: a stable code and a message that never echoes the value."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def check_field(
    errors: ErrorCollector, values: dict[str, Any], field: str, check: Callable[[Any], Any]
) -> None:
    """Replace `values[field]` by its checked, normalised form, or record why it is bad."""
    value = values.get(field)
    if value is None:
        return
    try:
        values[field] = check(value)
    except Invalid as error:
        errors.add(field, error.code, error.message)


def passes(check: Callable[[Any], Any], value: Any) -> Invalid | None:
    """The problem `check` finds with a stored value, or None (for reports over stored rows)."""
    if value is None:
        return None
    try:
        check(value)
    except Invalid as error:
        return error
    return None


def normalised(check: Callable[[Any], Any], value: Any) -> Any:
    """The value as `check` would store it, or unchanged when it fails (for matching keys)."""
    try:
        return check(value)
    except Invalid:
        return value
