"""Single-record reads: by global ID and by natural key."""

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.authz.row_scope import ensure_readable
from hub.context.request import Info
from hub.errors import UserInputError
from hub.global_ids import decode_any, encode_id
from hub.schema.graphql_errors import BadUserInput
from hub.schema.node import mark_redirect, model_for, to_node
from hub.store.records import MAX_MERGE_CHAIN, survivor_of


def _answer(info: Info, asked: Any, found: Any) -> Any:
    # A merged record is answered by its survivor, which says which record was asked for;
    # both must lie within the caller's units.
    ensure_readable(info.context.permissions, asked)
    node = to_node(ensure_readable(info.context.permissions, found))
    if node is not None and asked is not None and found is not asked:
        mark_redirect(node, encode_id(type(asked).__name__, asked.id))
    return node


async def node(info: Info, global_id: str) -> Any:
    """The record behind a global ID (the survivor, for a merged one); null when missing."""
    decoded = decode_any(global_id)
    model = model_for(decoded[0]) if decoded else None
    if decoded is None or model is None:
        raise BadUserInput("Not a valid global ID.")
    loader = info.context.loaders.by_id(model)
    asked = found = await loader.load(decoded[1])
    for _ in range(MAX_MERGE_CHAIN):
        if getattr(found, "merged_into_id", None) is None:
            break
        found = await loader.load(found.merged_into_id)
    return _answer(info, asked, found)


async def by_key(info: Info, find: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
    """The record a natural-key query finds (the survivor, for a merged one), or null."""
    try:
        async with info.context.database.reader() as session:
            asked = await find(session)
            found = await survivor_of(session, asked)
    except UserInputError as error:
        raise BadUserInput(str(error)) from error
    return _answer(info, asked, found)
