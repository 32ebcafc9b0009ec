"""Relation fields of GraphQL types, resolved through the request's DataLoaders."""

import uuid
from dataclasses import dataclass
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
    return to_node(ensure_readable(info.context.permissions, row, model), model)


def _limit_of(maximum: int, first: int | None) -> int:
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
    loader = Many(listing, parent_key).loader(info.context, first, filters)
    return [to_node(row, listing.model) for row in await loader.load(parent_id)]


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
    return [to_node(row, listing.model) for row in await loader.load(row_id)]


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


READS = "hub.reads"
"""Strawberry field metadata key under which a field declares how it reads (hub.resolvers.plan)."""


@dataclass(frozen=True, eq=False)
class One:
    """A to-one relation: the `model` row a foreign-key attribute of the parent points at."""

    model: type[Any]
    key: str

    @property
    def metadata(self) -> dict[str, Any]:
        """Field metadata declaring this relation."""
        return {READS: self}

    async def resolve(self, info: Info, parent: Any) -> Any:
        """The related record, or None."""
        return await one(info, self.model, getattr(parent, self.key))


@dataclass(frozen=True, eq=False)
class Many:
    """A to-many relation: live rows of `listing` whose `parent_key` is the parent's id; the
    field's `first` argument limits them, its other arguments are the listing's filters."""

    listing: Listing
    parent_key: InstrumentedAttribute[Any]

    @property
    def metadata(self) -> dict[str, Any]:
        """Field metadata declaring this relation."""
        return {READS: self}

    async def resolve(
        self, info: Info, parent: Any, first: int | None, **filters: Any
    ) -> list[Any]:
        """The related records."""
        return await many(info, self.listing, self.parent_key, parent.id, first, **filters)

    def loader(
        self,
        context: Any,
        first: int | None,
        filters: dict[str, Any],
        columns: tuple[str, ...] | None = None,
    ) -> Any:
        """The request's DataLoader for this relation with these arguments (and only these
        columns, when given)."""
        frozen = tuple(sorted((name, _freeze(value)) for name, value in filters.items()))
        limit = _limit_of(context.settings.max_page_size, first)
        loaders = context.loaders
        return loaders.children(self.listing, self.parent_key, frozen, limit, columns)
