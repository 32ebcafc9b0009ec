"""Departments: coded records under an institution, placed from the dictionary by code or name."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.contact import Contact
from hub.db.department import Department
from hub.db.enums import RecordStatus
from hub.db.listing import Listing, Scope, equals, one_of, prefix, text_contains, unrestricted
from hub.errors import ErrorCode, fail
from hub.quality.department_dictionary import DepartmentEntry, department_dictionary
from hub.store import institutions, records
from hub.store.source_records import SourceKey, upsert

LISTING = Listing(
    model=Department,
    filters={
        "name_contains": text_contains(Department.name),
        "code": equals(Department.code),
        "code_prefix": prefix(Department.code),
        "institution_id": equals(Department.institution_id),
        "categories": one_of(Department.category),
        "statuses": one_of(Department.status),
        "org_path_prefix": prefix(Department.org_path),
    },
    order_fields={
        "CODE": Department.code,
        "NAME": Department.name,
        "CREATED_AT": Department.created_at,
        "UPDATED_AT": Department.updated_at,
    },
    default_order="CODE",
    default_scope=lambda: Department.status == RecordStatus.ACTIVE,
    scope_overridden_by=frozenset({"statuses"}),
)


def standard(code: str | None, written: str | None, field: str) -> DepartmentEntry:
    """The dictionary entry a code (preferred) or a written name denotes; an unknown one is an
    UNKNOWN_CODE user error, never a guess."""
    dictionary = department_dictionary()
    if code is not None:
        entry = dictionary.entry(code)
        if entry is None:
            raise fail("code", ErrorCode.UNKNOWN_CODE, f"{code} is not in the department list.")
        return entry
    if written is None:
        raise fail(field, ErrorCode.REQUIRED, "Give the department's code or its name.")
    entry = dictionary.match(written)
    if entry is None:
        message = f"{written} matches no department in the dictionary; give its code."
        raise fail(field, ErrorCode.UNKNOWN_CODE, message)
    return entry


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: Department | None
) -> dict[str, Any]:
    if current is not None and "institution_id" in values:
        raise fail("institution_id", ErrorCode.INVALID, "A department stays at its institution.")
    required = {"institution_id"} if current is None else set()
    values = records.clean_text(Department, values, required)
    if current is None or values.keys() & {"code", "name"}:
        entry = standard(values.get("code"), values.get("name"), "name")
        written = values.get("name")
        values |= {"code": entry.code, "name": entry.name, "category": entry.category}
        if written and written != entry.name and not values.get("local_name"):
            values["local_name"] = written
    if values.get("institution_id") is not None:
        holder = await institutions.live(session, values["institution_id"], "institution_id")
        values["org_path"] = holder.org_path
    await records.check_unique(
        session,
        Department,
        values,
        ("institution_id", "code"),
        exclude_id=current.id if current else None,
        current=current,
    )
    return values


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Department:
    """Add a department to an institution, by dictionary code or by a name the dictionary
    knows (the hospital's own spelling is kept as `local_name`)."""
    return await records.create_with(session, author, Department, values, _validate)


async def update_by_id(
    session: AsyncSession,
    author: Author,
    department_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Department:
    """Validate and apply changes to a department."""
    return await records.update_with(
        session, author, Department, department_id, values, expected_version, _validate
    )


async def at(session: AsyncSession, institution_id: uuid.UUID, code: str) -> Department | None:
    """The live department with that code at an institution."""
    statement = select(Department).where(
        Department.institution_id == institution_id,
        Department.code == code,
        Department.status == RecordStatus.ACTIVE,
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def place(
    session: AsyncSession, author: Author, institution_id: uuid.UUID, written: str | None
) -> Department | None:
    """The department a written name denotes at an institution, created on first mention;
    None when the dictionary does not know the name (the text is kept for a steward)."""
    entry = department_dictionary().match(written)
    if entry is None:
        return None
    found = await at(session, institution_id, entry.code)
    if found is not None:
        return found
    return await create(session, author, {"institution_id": institution_id, "name": written})


async def require_at(
    session: AsyncSession, department_id: uuid.UUID, institution_id: uuid.UUID | None, field: str
) -> Department:
    """A live department of that institution, or a user error at `field`."""
    department = await records.require(session, Department, department_id, field)
    records.require_live(department, field)
    if department.institution_id != institution_id:
        raise fail(field, ErrorCode.MISMATCH, "The department belongs to another institution.")
    return department


async def upsert_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> Department:
    """Create or update the department a source ID refers to (same code at same institution)."""
    given = {k: v for k, v in values.items() if v is not None}

    async def match() -> Department | None:
        if given.get("institution_id") is None:
            return None
        entry = department_dictionary().match(given.get("name"))
        code = given.get("code") or (entry.code if entry else None)
        return None if code is None else await at(session, given["institution_id"], code)

    def changes() -> dict[str, Any]:
        return {k: v for k, v in given.items() if k != "institution_id"}

    return await upsert(
        session,
        author,
        key,
        Department,
        match=match,
        create=lambda: create(session, author, given),
        update=lambda row: records.revise(session, author, row, changes(), None, _validate),
    )


@dataclass(frozen=True)
class Unmatched:
    """Contacts at one institution whose department text the dictionary does not know."""

    institution_id: uuid.UUID
    text: str
    contacts: int


async def unmatched(
    session: AsyncSession, limit: int, scope: Scope = unrestricted
) -> list[Unmatched]:
    """Department texts of live contacts that name no department record, most frequent first."""
    count = func.count(Contact.id).label("contacts")
    statement = (
        select(Contact.institution_id, Contact.department, count)
        .where(
            Contact.department.is_not(None),
            Contact.department_id.is_(None),
            Contact.status == RecordStatus.ACTIVE,
            *scope(Contact),
        )
        .group_by(Contact.institution_id, Contact.department)
        .order_by(count.desc(), Contact.department, Contact.institution_id)
        .limit(limit)
    )
    return [Unmatched(*row) for row in await session.execute(statement)]


async def adopt(session: AsyncSession, author: Author) -> tuple[int, int]:
    """Place every live contact whose department text names no record yet (after an upgrade,
    or after the dictionary learnt a spelling); returns (placed, still unmatched)."""
    statement = select(Contact).where(
        Contact.department.is_not(None),
        Contact.department_id.is_(None),
        Contact.status == RecordStatus.ACTIVE,
    )
    placed = left = 0
    for contact in (await session.execute(statement.order_by(Contact.id))).scalars().all():
        department = await place(session, author, contact.institution_id, contact.department)
        if department is None:
            left += 1
            continue
        await records.apply(session, author, contact, {"department_id": department.id})
        placed += 1
    return placed, left
