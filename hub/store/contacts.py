"""Contacts: the people at institutions."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.contact import Contact
from hub.db.enums import RecordStatus
from hub.db.listing import Listing, equals, one_of, prefix, text_contains
from hub.errors import ErrorCollector
from hub.quality.contact_points import check_email, check_mobile, check_phone
from hub.quality.identifiers import check_resident_id
from hub.quality.invalid import check_field, normalised
from hub.quality.text import normalise_name
from hub.store import departments, institutions, records
from hub.store.source_records import SourceKey, upsert

LISTING = Listing(
    model=Contact,
    filters={
        "name_contains": text_contains(Contact.name),
        "institution_id": equals(Contact.institution_id),
        "roles": one_of(Contact.role),
        "statuses": one_of(Contact.status),
        "mobile": equals(Contact.mobile),
        "email": equals(Contact.email),
        "org_path_prefix": prefix(Contact.org_path),
    },
    order_fields={
        "NAME": Contact.name,
        "CREATED_AT": Contact.created_at,
        "UPDATED_AT": Contact.updated_at,
    },
    default_order="NAME",
    default_scope=lambda: Contact.status == RecordStatus.ACTIVE,
    scope_overridden_by=frozenset({"statuses"}),
)

_REQUIRED = {"name", "institution_id"}


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: Contact | None
) -> dict[str, Any]:
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(Contact, values, required)
    errors = ErrorCollector()
    check_field(errors, values, "name", normalise_name)
    check_field(errors, values, "mobile", check_mobile)
    check_field(errors, values, "office_phone", check_phone)
    check_field(errors, values, "email", check_email)
    check_field(errors, values, "id_number", check_resident_id)
    errors.raise_if_any()
    if values.get("institution_id") is not None:
        holder = await institutions.live(session, values["institution_id"], "institution_id")
        values["org_path"] = holder.org_path
    department_id = records.effective(values, current, "department_id")
    if department_id is not None and values.keys() & {"department_id", "institution_id"}:
        institution_id = records.effective(values, current, "institution_id")
        await departments.require_at(session, department_id, institution_id, "department_id")
    return values


async def _with_department(
    session: AsyncSession, author: Author, values: dict[str, Any], current: Contact | None
) -> dict[str, Any]:
    """Place a written department (科室 text) on its coded record, created on first mention.

    The text is always kept; when the dictionary does not know it, `department_id` stays null
    and the contact waits in the steward's list of unmatched departments.
    """
    moved = current is not None and "institution_id" in values
    if "department_id" in values or not ("department" in values or moved):
        return values
    written = records.effective(values, current, "department")
    institution_id = records.effective(values, current, "institution_id")
    placed = None
    if institution_id is not None and isinstance(written, str):
        await institutions.live(session, institution_id, "institution_id")
        placed = await departments.place(session, author, institution_id, written)
    return {**values, "department_id": placed.id if placed else None}


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Contact:
    """Validate and insert a contact; it takes its institution's organisation unit and is
    placed in the department its 科室 text names."""
    values = await _with_department(session, author, values, None)
    return await records.create_with(session, author, Contact, values, _validate)


async def _revise(
    session: AsyncSession,
    author: Author,
    contact: Contact,
    values: dict[str, Any],
    expected_version: int | None,
) -> Contact:
    records.require_live(contact)
    values = await _with_department(session, author, values, contact)
    return await records.revise(session, author, contact, values, expected_version, _validate)


async def update_by_id(
    session: AsyncSession,
    author: Author,
    contact_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Contact:
    """Validate and apply changes to a contact."""
    contact = await records.require_target(session, Contact, contact_id)
    return await _revise(session, author, contact, values, expected_version)


async def upsert_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> Contact:
    """Create or update the contact a source ID refers to (same mobile at same institution)."""
    given = {k: v for k, v in values.items() if v is not None}

    async def match() -> Contact | None:
        if not (given.get("mobile") and given.get("institution_id")):
            return None
        statement = select(Contact).where(
            Contact.institution_id == given["institution_id"],
            Contact.mobile == normalised(check_mobile, given["mobile"].strip()),
            Contact.status == RecordStatus.ACTIVE,
        )
        return (await session.execute(statement.limit(1))).scalar_one_or_none()

    return await upsert(
        session,
        author,
        key,
        Contact,
        match=match,
        create=lambda: create(session, author, given),
        update=lambda row: _revise(session, author, row, given, None),
    )
