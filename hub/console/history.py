"""Merge history: every merge the caller may see, what it moved, and undo."""

import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from hub.authz.masking import mask
from hub.authz.permissions import FieldAccess, Permissions
from hub.authz.row_scope import ensure_readable, read_scope
from hub.console.page import back_to, caller, checked_form, render, signed_in
from hub.console.queue import PAGE_SIZE
from hub.console.records import RECORD_MODELS, records_query
from hub.db.base import Base
from hub.db.dedup import MergeEvent
from hub.db.enums import MatchEntity
from hub.global_ids import decode_any, encode_id

_EVENT = """
query Merge($id: ID!) {
  node(id: $id) {
    ... on MergeEvent {
      id entityType actor createdAt undoneAt undoneBy mergedIds
      decisions { field fromId rule }
      survivor { id }
    }
  }
}
"""
_UNDO = """
mutation Undo($input: UndoMergeInput!) {
  undoMerge(input: $input) { mergeEvent { id } userErrors { field code message } }
}
"""


@dataclass(frozen=True)
class MergeLine:
    """One merge in the history list."""

    id: str
    entity_type: MatchEntity
    actor: str
    at: Any
    survivor_id: str
    merged_count: int
    chosen: list[str]
    undone_at: Any
    undone_by: str | None


async def merge_lines(
    session: AsyncSession, permissions: Permissions, page: int
) -> tuple[int, list[MergeLine]]:
    """A page of merges the caller may read, newest first: one count and one page query."""
    scope = read_scope(permissions, MergeEvent)
    total = (
        await session.execute(select(func.count()).select_from(MergeEvent).where(*scope))
    ).scalar_one()
    statement = (
        select(MergeEvent)
        .where(*scope)
        .order_by(MergeEvent.created_at.desc(), MergeEvent.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    lines = [
        MergeLine(
            id=encode_id("MergeEvent", event.id),
            entity_type=event.entity_type,
            actor=event.actor,
            at=event.created_at,
            survivor_id=encode_id(event.entity_type.value, event.survivor_id),
            merged_count=len(event.merged_ids),
            chosen=[d["field"] for d in event.decisions if d.get("rule") == "STEWARD"],
            undone_at=event.undone_at,
            undone_by=event.undone_by,
        )
        for event in (await session.execute(statement)).scalars()
    ]
    return total, lines


_CLASS_OF_TABLE = {
    mapper.local_table.name: mapper.class_.__name__
    for mapper in Base.registry.mappers
    if hasattr(mapper.local_table, "name")
}


async def moved(
    session: AsyncSession, permissions: Permissions, event_id: uuid.UUID
) -> dict[str, int]:
    """How many rows of each kind the merge re-pointed at the survivor (children, source IDs,
    candidates), counted from its undo snapshot; the merged records themselves excluded."""
    event = ensure_readable(permissions, await session.get(MergeEvent, event_id))
    if event is None:
        return {}
    records = {str(event.survivor_id), *map(str, event.merged_ids)}
    counts = Counter(
        _CLASS_OF_TABLE.get(row["table"], row["table"])
        for row in event.snapshot.get("rows", [])
        if row["id"] not in records
    )
    return dict(counts)


async def merged_records(
    session: AsyncSession, permissions: Permissions, entity: MatchEntity, global_ids: list[str]
) -> list[dict[str, Any]]:
    """The merged records themselves (not the survivor `node()` redirects them to): name,
    status and whether they still point at a survivor, under row scope and field access."""
    model = RECORD_MODELS[entity]
    ids = [decoded[1] for decoded in map(decode_any, global_ids) if decoded is not None]
    statement = select(model).where(model.id.in_(ids), *read_scope(permissions, model))
    rows = {row.id: row for row in (await session.execute(statement)).scalars()}
    access = permissions.field_access(entity.value, "name")
    return [
        {
            "id": encode_id(entity.value, row.id),
            "name": "（无权查看）"
            if access is FieldAccess.DENIED
            else mask("name", row.name)
            if access is FieldAccess.MASKED
            else row.name,
            "status": row.status.value,
            "mergedInto": row.merged_into_id is not None,
        }
        for row in (rows[row_id] for row_id in ids if row_id in rows)
    ]


@signed_in
async def history(request: Request) -> Response:
    """GET /console/merges."""
    me = caller(request)
    page = request.query_params.get("page", "1")
    page_number = max(int(page), 1) if page.isdigit() else 1
    async with me.database.reader() as session:
        total, lines = await merge_lines(session, me.permissions, page_number)
    return render(
        request,
        "history.html",
        lines=lines,
        total=total,
        page=page_number,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
    )


async def _event_page(request: Request, errors: list[dict[str, Any]] | None = None) -> Response:
    me = caller(request)
    event = (await me.run(_EVENT, id=request.path_params["id"])).get("node")
    decoded = decode_any(request.path_params["id"])
    if not event or "entityType" not in event or decoded is None:
        raise HTTPException(404, "没有这条合并记录，或您无权查看。")
    entity = MatchEntity[event["entityType"]]
    ids = [event["survivor"]["id"]] if event.get("survivor") else []
    found = (await me.run(records_query(me, entity), ids=ids)).get("nodes") or [] if ids else []
    survivor = found[0] if found and found[0] else {}
    async with me.database.reader() as session:
        counts = await moved(session, me.permissions, decoded[1])
        merged = await merged_records(session, me.permissions, entity, event["mergedIds"])
    names = {node["id"]: node.get("name") for node in [*merged, survivor] if node.get("id")}
    return render(
        request,
        "merge_event.html",
        status_code=409 if errors else 200,
        event=event,
        survivor=survivor,
        merged=merged,
        names=names,
        moved=counts,
        can_undo=me.can("undoMerge") and event["undoneAt"] is None,
        errors=errors or [],
    )


@signed_in
async def merge_event(request: Request) -> Response:
    """GET /console/merges/{id}: who merged what, the choices, where everything went."""
    return await _event_page(request)


@signed_in
async def undo(request: Request) -> Response:
    """POST /console/merges/{id}/undo; a refusal shows the hub's own reasons."""
    await checked_form(request)
    me = caller(request)
    outcome = await me.run(_UNDO, input={"mergeEventId": request.path_params["id"]})
    errors = outcome["undoMerge"]["userErrors"]
    if errors:
        return await _event_page(request, errors)
    return back_to(request, "merge_event", id=request.path_params["id"])
