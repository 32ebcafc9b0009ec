"""Asserting that a validator refuses a value."""

from collections.abc import Callable
from typing import Any

from hub.errors import ErrorCode
from hub.quality.invalid import Invalid


def refusal(check: Callable[[Any], Any], value: Any) -> ErrorCode:
    """The code `check` refuses the value with; fails the test when it accepts it."""
    try:
        accepted = check(value)
    except Invalid as error:
        return error.code
    raise AssertionError(f"{value!r} was accepted as {accepted!r}")
