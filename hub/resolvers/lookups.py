"""Single-record reads: by global ID and by natural key."""

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.resolvers.access import ensure_readable
from hub.resolvers.context import Info
from hub.resolvers.graphql_errors import BadUserInput
from hub.schema.node import decode_any, model_for, to_node
from hub.store.errors import UserInputError


async def node(info: Info, global_id: str) -> Any:
    """The record behind a global ID; null when it does not exist."""
    decoded = decode_any(global_id)
    model = model_for(decoded[0]) if decoded else None
    if decoded is None or model is None:
        raise BadUserInput("Not a valid global ID.")
    row = await info.context.loaders.by_id(model).load(decoded[1])
    return to_node(ensure_readable(info.context.permissions, row))


async def by_key(info: Info, find: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
    """The record a natural-key query finds, or null."""
    try:
        async with info.context.database.reader() as session:
            row = await find(session)
        return to_node(ensure_readable(info.context.permissions, row))
    except UserInputError as error:
        raise BadUserInput(str(error)) from error
