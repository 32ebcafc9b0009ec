"""Single-record reads: by global ID and by natural key."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from hub.authz.row_scope import ensure_readable
from hub.context.request import Info
from hub.errors import UserInputError
from hub.global_ids import decode_any, encode_id
from hub.schema.graphql_errors import BadUserInput
from hub.schema.node import mark_redirect, model_for, to_node
from hub.schema.relations import READS
from hub.store.records import MAX_MERGE_CHAIN, survivor_of


def _answer(info: Info, asked: Any, found: Any, model: type[Any] | None = None) -> Any:
    # A merged record is answered by its survivor, which says which record was asked for;
    # both must lie within the caller's units. Loader rows are Core rows of `model`.
    ensure_readable(info.context.permissions, asked, model)
    node = to_node(ensure_readable(info.context.permissions, found, model), model)
    if node is not None and asked is not None and found is not asked:
        mark_redirect(node, encode_id((model or type(asked)).__name__, asked.id))
    return node


async def node(info: Info, global_id: str) -> Any:
    """The record behind a global ID (the survivor, for a merged one); null when missing."""
    decoded = decode_any(global_id)
    model = model_for(decoded[0]) if decoded else None
    if decoded is None or model is None:
        raise BadUserInput("Not a valid global ID.")
    asked = await info.context.loaders.by_id(model).load(decoded[1])
    return _answer(info, asked, await _survivor(info, model, asked), model)


@dataclass(frozen=True, eq=False)
class Unique:
    """A lookup by a unique column, of a query field with one argument: the key, normalised."""

    column: InstrumentedAttribute[Any]
    normalise: Callable[[Any], Any]

    @property
    def metadata(self) -> dict[str, Any]:
        """Field metadata declaring this lookup."""
        return {READS: self}

    async def resolve(self, info: Info, value: Any) -> Any:
        """The record (the survivor, for a merged one), or None."""
        return await by_unique(info, self.column, self.normalise(value))


async def by_unique(info: Info, column: InstrumentedAttribute[Any], value: Any) -> Any:
    """The record whose unique `column` holds `value` (the survivor, for a merged one), or
    null; batched and cached per request like every loader."""
    model = column.class_
    asked = await info.context.loaders.by_unique(column).load(value)
    return _answer(info, asked, await _survivor(info, model, asked), model)


async def _survivor(info: Info, model: type[Any], row: Any) -> Any:
    loader = info.context.loaders.by_id(model)
    for _ in range(MAX_MERGE_CHAIN):
        if getattr(row, "merged_into_id", None) is None:
            break
        row = await loader.load(row.merged_into_id)
    return row


async def by_key(info: Info, find: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
    """The record a natural-key query finds (the survivor, for a merged one), or null."""
    try:
        async with info.context.reads.session() as session:
            asked = await find(session)
            found = await survivor_of(session, asked)
    except UserInputError as error:
        raise BadUserInput(str(error)) from error
    return _answer(info, asked, found)
