"""Source-system cross-references and the upsert that keeps one record per source ID."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.base import EntityMixin
from hub.db.source_record import SourceRecord
from hub.errors import ErrorCode, fail
from hub.store.records import clean_text, insert

Row = TypeVar("Row", bound=EntityMixin)


@dataclass(frozen=True)
class SourceKey:
    """An ID in a source system: the CRM's account 8812 is `SourceKey("crm", "8812")`."""

    system: str
    source_id: str


async def find(session: AsyncSession, key: SourceKey) -> SourceRecord | None:
    """The cross-reference of a source ID, if the hub knows it."""
    statement = select(SourceRecord).where(
        SourceRecord.source_system == key.system, SourceRecord.source_id == key.source_id
    )
    return (await session.execute(statement)).scalar_one_or_none()


def link_values(key: SourceKey, entity_type: str, entity_id: uuid.UUID) -> dict[str, Any]:
    """The columns of a cross-reference from `key`; a user error for an unusable key."""
    values = clean_text(
        SourceRecord,
        {"source_system": key.system, "source_id": key.source_id},
        {"source_system", "source_id"},
    )
    return {**values, "entity_type": entity_type, "entity_id": entity_id}


async def link(session: AsyncSession, author: Author, key: SourceKey, row: EntityMixin) -> None:
    """Record that `key` refers to `row`."""
    values = link_values(key, type(row).__name__, row.id)
    await insert(session, author, SourceRecord(**values, org_path=row.org_path))


async def upsert(
    session: AsyncSession,
    author: Author,
    key: SourceKey,
    model: type[Row],
    *,
    match: Callable[[], Awaitable[Row | None]],
    create: Callable[[], Awaitable[Row]],
    update: Callable[[Row], Awaitable[Row]],
) -> Row:
    """Update the record `key` points at; else adopt a natural-key match; else create one."""
    existing_link = await find(session, key)
    if existing_link is not None:
        if existing_link.entity_type != model.__name__:
            raise fail(
                ("source", "id"),
                ErrorCode.MISMATCH,
                f"This source ID already refers to a {existing_link.entity_type}.",
            )
        row = await session.get(model, existing_link.entity_id)
        if row is None:
            raise fail(("source", "id"), ErrorCode.NOT_FOUND, "The linked record is gone.")
        return await update(row)
    row = await match()
    row = await update(row) if row is not None else await create()
    await link(session, author, key, row)
    return row


async def entity_ref(session: AsyncSession, key: SourceKey) -> tuple[str, uuid.UUID] | None:
    """(entity type, id) that a source ID refers to."""
    record = await find(session, key)
    return None if record is None else (record.entity_type, record.entity_id)
