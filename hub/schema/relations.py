"""Relation fields of GraphQL types, resolved through the request's DataLoaders."""

import uuid
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.orm import InstrumentedAttribute

from hub.authz.row_scope import ensure_readable
from hub.context.request import Info
from hub.db.listing import Listing
from hub.schema.graphql_errors import BadUserInput
from hub.schema.node import to_node


async def one(info: Info, model: type[Any], row_id: uuid.UUID | None) -> Any:
    """The record a foreign key points at, or None."""
    if row_id is None:
        return None
    row = await info.context.loaders.by_id(model).load(row_id)
    return to_node(ensure_readable(info.context.permissions, row))


def _limit(info: Info, first: int | None) -> int:
    maximum = info.context.settings.max_page_size
    if first is None:
        return maximum
    if not 0 <= first <= maximum:
        raise BadUserInput(f"`first` must be between 0 and {maximum}.")
    return first


async def many(
    info: Info,
    listing: Listing,
    parent_key: InstrumentedAttribute[Any],
    parent_id: uuid.UUID,
    first: int | None,
    **filters: Any,
) -> list[Any]:
    """The live child records of a parent, in the listing's default order, up to `first`."""
    frozen = tuple(sorted((name, _freeze(value)) for name, value in filters.items()))
    loader = info.context.loaders.children(listing, parent_key, frozen, _limit(info, first))
    return [to_node(row) for row in await loader.load(parent_id)]


async def linked(
    info: Info,
    link: Table,
    near: Column[Any],
    far: Column[Any],
    listing: Listing,
    row_id: uuid.UUID,
) -> list[Any]:
    """Records joined through a many-to-many link table."""
    loader = info.context.loaders.linked(link, near, far, listing)
    return [to_node(row) for row in await loader.load(row_id)]


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
