"""Generic create / update / archive of one row, with validation plumbing and auditing."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy import String, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from hub.audit.writer import Author, diff, record_event, snapshot
from hub.db.base import ROOT_ORG_PATH, EntityMixin
from hub.errors import ErrorCode, ErrorCollector, FieldError, UserInputError, fail
from hub.store import row_scope

Row = TypeVar("Row", bound=EntityMixin)


async def fetch(session: AsyncSession, model: type[Row], row_id: uuid.UUID) -> Row | None:
    """The row with that id, or None."""
    return await session.get(model, row_id)


async def require(session: AsyncSession, model: type[Row], row_id: uuid.UUID, field: str) -> Row:
    """The row with that id, or a NOT_FOUND user error at `field`.

    A row the caller may not read is reported as missing, so its existence does not leak.
    """
    row = await session.get(model, row_id)
    if row is None or not row_scope.readable(session, row):
        raise fail(field, ErrorCode.NOT_FOUND, f"No {model.__name__} with that id exists.")
    return row


async def require_target(session: AsyncSession, model: type[Row], row_id: uuid.UUID) -> Row:
    """The record a mutation changes: NOT_FOUND at `id` when missing, FORBIDDEN when the caller
    may not write it."""
    row = await session.get(model, row_id)
    if row is None:
        raise fail("id", ErrorCode.NOT_FOUND, f"No {model.__name__} with that id exists.")
    row_scope.ensure_writable(session, row)
    return row


# Chains of merges longer than this are not followed (they cannot arise without a cycle).
MAX_MERGE_CHAIN = 20


async def survivor_of(session: AsyncSession, row: Row | None) -> Row | None:
    """The record a merged record ended up in, following chains of merges; others unchanged."""
    for _ in range(MAX_MERGE_CHAIN):
        target = getattr(row, "merged_into_id", None)
        if row is None or target is None:
            break
        row = await session.get(type(row), target)
    return row


def clean_text(model: type[Row], values: dict[str, Any], required: set[str]) -> dict[str, Any]:
    """Trim strings, turn blank optional strings into None, check that required fields are
    given and not blank, and check length limits."""
    errors = ErrorCollector()
    columns = inspect(model).columns
    cleaned = dict(values)
    for key, value in values.items():
        if type(value) is str:  # not StrEnum members, which must keep their type
            value = value.strip()
            cleaned[key] = value or None
        if key in required and cleaned[key] is None:
            errors.add(key, ErrorCode.REQUIRED, f"{key} must not be blank.")
            continue
        column_type = columns[key].type if key in columns else None
        length = getattr(column_type, "length", None)
        text = cleaned[key]
        if (
            isinstance(column_type, String)
            and length
            and isinstance(text, str)
            and len(text) > length
        ):
            errors.add(key, ErrorCode.TOO_LONG, f"{key} is longer than {length} characters.")
    for key in sorted(required - values.keys()):
        errors.add(key, ErrorCode.REQUIRED, f"{key} is required.")
    errors.raise_if_any()
    return cleaned


async def check_unique(
    session: AsyncSession,
    model: type[Row],
    values: dict[str, Any],
    keys: tuple[str, ...],
    *,
    exclude_id: uuid.UUID | None = None,
    current: Row | None = None,
) -> None:
    """A DUPLICATE user error when another row already holds this (composite) key."""
    merged = {key: values.get(key, getattr(current, key, None)) for key in keys}
    if any(value is None for value in merged.values()):
        return
    statement = select(model.id).where(*(getattr(model, key) == merged[key] for key in keys))
    if exclude_id is not None:
        statement = statement.where(model.id != exclude_id)
    if (await session.execute(statement.limit(1))).first() is not None:
        shown = ", ".join(keys)
        raise fail(keys[-1], ErrorCode.DUPLICATE, f"Another {model.__name__} has this {shown}.")


def check_version(row: EntityMixin, expected_version: int | None) -> None:
    """A CONFLICT user error when the caller edited an older version of the row."""
    if expected_version is not None and row.version != expected_version:
        raise fail(
            "expected_version",
            ErrorCode.CONFLICT,
            f"The record is at version {row.version}, not {expected_version}; reload and retry.",
        )


async def flush(session: AsyncSession) -> None:
    """Flush, turning constraint violations and lost races into user errors."""
    try:
        await session.flush()
    except StaleDataError as error:
        raise fail(
            "expected_version", ErrorCode.CONFLICT, "The record was changed concurrently; retry."
        ) from error
    except IntegrityError as error:
        raise UserInputError([_integrity_error(str(error.orig))]) from error
    except OperationalError as error:
        if not is_write_conflict(error):
            raise
        raise fail(
            "expected_version", ErrorCode.CONFLICT, "The data changed concurrently; retry."
        ) from error


def is_write_conflict(error: OperationalError) -> bool:
    """SQLite: another writer committed since this transaction began reading."""
    return "database is locked" in str(error.orig)


def _integrity_error(message: str) -> FieldError:
    # Pre-checks catch the usual cases with precise fields; this is the race-condition backstop.
    lowered = message.lower()
    if "unique" in lowered:
        return FieldError((), ErrorCode.DUPLICATE, "A record with this key already exists.")
    if "foreign key" in lowered:
        return FieldError((), ErrorCode.NOT_FOUND, "A referenced record does not exist.")
    return FieldError((), ErrorCode.INVALID, "The values break a data rule.")


async def insert(session: AsyncSession, author: Author, row: Row, action: str = "CREATE") -> Row:
    """Add a new row and audit every field it was created with."""
    if row.org_path is None:  # the column default would apply only at flush
        row.org_path = ROOT_ORG_PATH
    row_scope.ensure_writable(session, row)
    session.add(row)
    await flush(session)
    await record_event(session, author, action, row, diff({}, snapshot(row)))
    return row


async def apply(
    session: AsyncSession,
    author: Author,
    row: Row,
    values: dict[str, Any],
    *,
    expected_version: int | None = None,
    action: str = "UPDATE",
) -> Row:
    """Set the given attributes; audit what actually changed (an unchanged write is a no-op)."""
    check_version(row, expected_version)
    row_scope.ensure_writable(session, row)
    before = snapshot(row)
    for key, value in values.items():
        setattr(row, key, value)
    row_scope.ensure_writable(session, row)  # and where it moves to
    changes = diff(before, snapshot(row))
    if not changes:
        return row
    await flush(session)
    await record_event(session, author, action, row, changes)
    return row


ARCHIVED = "ARCHIVED"
_FINAL_STATUSES = frozenset({ARCHIVED, "MERGED"})


def require_live(row: Any, field: str = "id") -> None:
    """An INVALID_STATE user error when the row is archived or merged."""
    if row.status.value in _FINAL_STATUSES:
        raise fail(
            field, ErrorCode.INVALID_STATE, f"The {type(row).__name__} is {row.status.value}."
        )


async def archive(
    session: AsyncSession,
    author: Author,
    model: type[Row],
    row_id: uuid.UUID,
    expected_version: int | None,
) -> Row:
    """Set status ARCHIVED: hidden from lists, kept for history and references."""
    row = await require_target(session, model, row_id)
    require_live(row)
    archived = type(row.status)(ARCHIVED)  # type: ignore[attr-defined]
    return await apply(
        session,
        author,
        row,
        {"status": archived},
        expected_version=expected_version,
        action="ARCHIVE",
    )


Validator = Callable[[AsyncSession, dict[str, Any], Any], Awaitable[dict[str, Any]]]
"""Checks and normalises input values; gets the current row on update, None on create."""


async def create_with(
    session: AsyncSession,
    author: Author,
    model: type[Row],
    values: dict[str, Any],
    validate: Validator,
) -> Row:
    """Validate create input (None means not given) and insert the row."""
    given = {key: value for key, value in values.items() if value is not None}
    return await insert(session, author, model(**await validate(session, given, None)))


async def update_with(
    session: AsyncSession,
    author: Author,
    model: type[Row],
    row_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
    validate: Validator,
) -> Row:
    """Validate update input (only the given keys) against the live row and apply it."""
    row = await require_target(session, model, row_id)
    return await revise(session, author, row, values, expected_version, validate)


async def revise(
    session: AsyncSession,
    author: Author,
    row: Row,
    values: dict[str, Any],
    expected_version: int | None,
    validate: Validator,
) -> Row:
    """Validate update input against a live row and apply it."""
    require_live(row)
    status = values.get("status")
    if status is not None and status.value in _FINAL_STATUSES:
        raise fail("status", ErrorCode.INVALID, "Archive or merge with their own mutations.")
    checked = await validate(session, values, row)
    return await apply(session, author, row, checked, expected_version=expected_version)


def effective(values: dict[str, Any], current: Any, key: str) -> Any:
    """The value a field will have after the write: the input's if given, else the row's."""
    return values[key] if key in values else getattr(current, key, None)


def check_order(
    values: dict[str, Any], current: Any, earlier: str, later: str, *, strict: bool = False
) -> None:
    """An INVALID user error at `later` when it does not come after `earlier`."""
    start, end = effective(values, current, earlier), effective(values, current, later)
    if start is None or end is None:
        return
    if end < start or (strict and end == start):
        word = "after" if strict else "on or after"
        raise fail(later, ErrorCode.INVALID, f"{later} must be {word} {earlier}.")
