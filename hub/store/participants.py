"""Contacts linked to a record of an institution (interaction participants, training attendees):
each must work at that institution, and each link is its own audited row."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from hub.audit.writer import Author, diff, record_event, snapshot
from hub.db.base import EntityMixin
from hub.db.contact import Contact
from hub.errors import ErrorCode, ErrorCollector, UserInputError
from hub.store import records


async def check_contacts(
    session: AsyncSession,
    contact_ids: Sequence[uuid.UUID],
    institution_id: uuid.UUID,
    field: str,
    leaf: tuple[str, ...] = (),
) -> None:
    """Every contact exists, is live and works at the institution; else user errors at
    (`field`, index, *`leaf`)."""
    errors = ErrorCollector()
    for index, contact_id in enumerate(contact_ids):
        path = (field, str(index), *leaf)
        try:
            contact = await records.require(session, Contact, contact_id, field)
        except UserInputError:
            errors.add(path, ErrorCode.NOT_FOUND, "No Contact with that id exists.")
            continue
        if contact.status.value != "ACTIVE":
            errors.add(path, ErrorCode.INVALID_STATE, f"The contact is {contact.status.value}.")
        elif contact.institution_id != institution_id:
            errors.add(path, ErrorCode.MISMATCH, "The contact works at another institution.")
    if len(set(contact_ids)) != len(contact_ids):
        errors.add(field, ErrorCode.DUPLICATE, "Each contact may appear once.")
    errors.raise_if_any()


async def links_of(
    session: AsyncSession, model: type[Any], owner: InstrumentedAttribute[Any], owner_id: uuid.UUID
) -> list[Any]:
    """The link rows of one owner (an interaction or a training)."""
    statement = select(model).where(owner == owner_id).order_by(model.created_at, model.id)
    return list((await session.execute(statement)).scalars())


async def unlink(session: AsyncSession, author: Author, row: EntityMixin) -> None:
    """Delete a link row, auditing what it held."""
    await record_event(session, author, "DELETE", row, diff(snapshot(row), {}))
    await session.delete(row)
    await records.flush(session)
