"""Validation failures as data: a field path, a stable code and a message."""

from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable codes of user errors; clients switch on these, never on messages."""

    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    TOO_LONG = "TOO_LONG"
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE = "DUPLICATE"
    CONFLICT = "CONFLICT"
    INVALID_STATE = "INVALID_STATE"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    MISMATCH = "MISMATCH"
    CYCLE = "CYCLE"
    INVALID_CHECKSUM = "INVALID_CHECKSUM"
    UNKNOWN_CODE = "UNKNOWN_CODE"
    INVALID_DATE = "INVALID_DATE"
    SAME_REVIEWER = "SAME_REVIEWER"
    FORBIDDEN = "FORBIDDEN"
    UNKNOWN_COLUMN = "UNKNOWN_COLUMN"


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field (`field` is the attribute path, snake_case)."""

    field: tuple[str, ...]
    code: ErrorCode
    message: str


class UserInputError(Exception):
    """Raised by store functions; the resolver turns it into `userErrors` and rolls back."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def fail(field: str | tuple[str, ...], code: ErrorCode, message: str) -> UserInputError:
    """A one-error UserInputError, to be raised."""
    path = (field,) if isinstance(field, str) else field
    return UserInputError([FieldError(path, code, message)])


class ErrorCollector:
    """Gathers every problem of an input before raising, so the caller sees them all at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str | tuple[str, ...], code: ErrorCode, message: str) -> None:
        """Record one problem."""
        self.errors.extend(fail(field, code, message).errors)

    def raise_if_any(self) -> None:
        """Raise a UserInputError when anything was recorded."""
        if self.errors:
            raise UserInputError(self.errors)


class AccessDenied(Exception):
    """The caller may not touch this row; the whole mutation is refused as FORBIDDEN."""


def forbidden(error: AccessDenied) -> FieldError:
    """A refusal to touch a row, as a FORBIDDEN problem of that row (bulk imports)."""
    return FieldError((), ErrorCode.FORBIDDEN, str(error))
