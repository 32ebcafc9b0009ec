"""Undoing a merge exactly, unless later changes make that unsafe; and the merge history."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.base import Base
from hub.db.dedup import MergeEvent, MergeMember
from hub.db.types import utcnow
from hub.dedup import aliases
from hub.dedup.snapshots import revive
from hub.errors import ErrorCode, FieldError, UserInputError, fail
from hub.store import records

_MODELS_BY_TABLE = {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}


async def _conflicts(session: AsyncSession, event: MergeEvent) -> list[FieldError]:
    problems = []
    for entry in event.snapshot["rows"]:
        model = _MODELS_BY_TABLE[entry["table"]]
        row = await session.get(model, uuid.UUID(entry["id"]))
        name = f"{model.__name__} {entry['id']}"
        if row is None:
            message = f"{name} was deleted after the merge."
        elif row.version == entry["after_version"]:
            continue
        elif row.id == event.survivor_id and row.status.value == "MERGED":
            message = f"The survivor {entry['id']} was merged again; undo that merge first."
        else:
            message = f"{name} was changed after the merge (version {row.version})."
        problems.append(FieldError(("merge_event_id",), ErrorCode.CONFLICT, message))
    return problems


async def undo_merge(session: AsyncSession, author: Author, event_id: uuid.UUID) -> MergeEvent:
    """Put every row the merge touched back exactly as it was, or list why that is unsafe.

    Unsafe means a touched row (survivor, merged record, moved child, source ID, candidate)
    changed or vanished after the merge: restoring it would silently undo someone's work.
    """
    event = await records.require(session, MergeEvent, event_id, "merge_event_id")
    if event.undone_at is not None:
        raise fail("merge_event_id", ErrorCode.INVALID_STATE, "This merge was already undone.")
    problems = await _conflicts(session, event)
    if problems:
        raise UserInputError(problems)
    # The survivor goes first so that a unique value it took (a USCC) is free for its owner.
    for entry in event.snapshot["rows"]:
        model = _MODELS_BY_TABLE[entry["table"]]
        row = await session.get(model, uuid.UUID(entry["id"]))
        values = revive(model, entry["before"])
        # Setting `version` explicitly restores it while the UPDATE still checks the old one.
        await records.apply(session, author, row, values, action="UNDO_MERGE")
    await aliases.forget_merge(session, author, event)
    undone = {"undone_at": utcnow(), "undone_by": author.actor}
    return await records.apply(session, author, event, undone, action="UNDO_MERGE")


async def history(session: AsyncSession, entity_id: uuid.UUID) -> list[MergeEvent]:
    """Every merge a record took part in (as survivor or merged), oldest first."""
    statement = (
        select(MergeEvent)
        .join(MergeMember, MergeMember.merge_event_id == MergeEvent.id)
        .where(MergeMember.entity_id == entity_id)
        .order_by(MergeEvent.created_at, MergeEvent.id)
    )
    return list((await session.execute(statement)).scalars())
