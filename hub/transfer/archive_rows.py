"""Import rows of the customer archive (departments, interactions, trainings): the parts that
need the database and the import's source system, on top of the typed cell values.

A written department (科室) lands on its coded record, created on first mention, or is refused
as UNKNOWN_CODE; contacts are named by their IDs in the same source system (联系人编号).
"""

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.errors import ErrorCode, fail
from hub.store import departments
from hub.store.source_records import SourceKey, entity_ref
from hub.transfer.import_columns import LIST_SEPARATORS, ImportKind, cell_date, text

KINDS = frozenset({ImportKind.DEPARTMENTS, ImportKind.INTERACTIONS, ImportKind.TRAININGS})
_CHINA = ZoneInfo("Asia/Shanghai")


def _moment(value: Any) -> datetime | None:
    """拜访日期: a timestamp as exported, or a day (taken as its start in China)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=_CHINA)
    shown = text(value)
    if shown is not None and len(shown) > len("YYYY-MM-DD"):
        try:
            parsed = datetime.fromisoformat(shown.replace("/", "-"))
        except ValueError as error:
            raise fail("occurred_at", ErrorCode.INVALID, f"{shown!r} is not a time.") from error
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=_CHINA)
    day = cell_date(value, "occurred_at")
    return None if day is None else datetime.combine(day, time.min, tzinfo=_CHINA)


async def _department_id(
    session: AsyncSession, author: Author, values: dict[str, Any], written: str | None
) -> Any:
    if written is None or values.get("institution_id") is None:
        return None
    department = await departments.place(session, author, values["institution_id"], written)
    if department is None:
        message = f"{written} matches no department in the dictionary."
        raise fail("department", ErrorCode.UNKNOWN_CODE, message)
    return department.id


async def _contact_ids(session: AsyncSession, system: str, cell: Any) -> list[Any]:
    found = []
    for source_id in LIST_SEPARATORS.split(text(cell) or ""):
        if not source_id:
            continue
        ref = await entity_ref(session, SourceKey(system, source_id))
        if ref is None or ref[0] != "Contact":
            message = f"No contact is known as {system} {source_id}."
            raise fail("contact_source_ids", ErrorCode.NOT_FOUND, message)
        found.append(ref[1])
    return found


async def completed(
    session: AsyncSession,
    author: Author,
    kind: ImportKind,
    system: str,
    cells: dict[str, Any],
    values: dict[str, Any],
) -> dict[str, Any]:
    """The row's store values with departments, times and contacts resolved."""
    if kind is ImportKind.DEPARTMENTS:
        return values
    values = dict(values)
    department_id = await _department_id(session, author, values, text(cells.get("department")))
    if department_id is not None:
        values["department_id"] = department_id
    contact_ids = await _contact_ids(session, system, cells.get("contact_source_ids"))
    if kind is ImportKind.INTERACTIONS:
        values["occurred_at"] = _moment(cells.get("occurred_at"))
        values["contact_ids"] = contact_ids
        return values
    certificate = {
        "certificate_number": text(cells.get("certificate_number")),
        "certificate_expires_on": cell_date(
            cells.get("certificate_expires_on"), "certificate_expires_on"
        ),
    }
    values["attendees"] = [{"contact_id": cid, **certificate} for cid in contact_ids]
    return values
