"""The Node and Record interfaces and the row → GraphQL type registry."""

from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

import strawberry

from hub.global_ids import encode_id

T = TypeVar("T")

_TYPES_BY_MODEL: dict[type, type] = {}
_MODELS_BY_NAME: dict[str, type] = {}


def model_for(type_name: str) -> type | None:
    """The ORM class behind a GraphQL type name."""
    return _MODELS_BY_NAME.get(type_name)


def registers(model: type, *, addressable: bool = True) -> Callable[[type[T]], type[T]]:
    """Class decorator tying a GraphQL type to the ORM class it presents.

    `addressable` types are Nodes: `node(id:)` can fetch them by global ID.
    """

    def register(graphql_type: type[T]) -> type[T]:
        _TYPES_BY_MODEL[model] = graphql_type
        if addressable:
            _MODELS_BY_NAME[graphql_type.__name__] = model
        return graphql_type

    return register


def to_node(row: Any, model: type | None = None) -> Any:
    """The GraphQL object presenting a row: an ORM object, or a Core row of `model`'s table
    (None stays None)."""
    if row is None:
        return None
    return _TYPES_BY_MODEL[model or type(row)].from_row(row)


_REDIRECT_ATTRIBUTE = "_redirected_from"


def mark_redirect(node: Any, asked_id: str) -> Any:
    """Note on a survivor that it answers a lookup of `asked_id`, a record merged into it."""
    setattr(node, _REDIRECT_ATTRIBUTE, asked_id)
    return node


def redirect_of(node: Any) -> strawberry.ID | None:
    """The global ID of the merged record a lookup asked for, when it answered the survivor."""
    asked = getattr(node, _REDIRECT_ATTRIBUTE, None)
    return None if asked is None else strawberry.ID(asked)


REDIRECT_DESCRIPTION = (
    "Set when this record answers a lookup (node(id:), nodes, a natural key such as code or "
    "USCC) of a record that was merged into it: the ID of that merged record. A merged record "
    "is never returned by a lookup; its survivor is, with this field saying so. Lists still "
    "show merged records with status MERGED and mergedInto when asked for that status."
)


@strawberry.interface(description="An object with a global ID, fetchable with `node(id:)`.")
class Node:
    id: strawberry.ID


@strawberry.interface(description="A stored record: versioned and owned by an organisation unit.")
class Record(Node):
    version: int | None = strawberry.field(description="Pass as `expectedVersion` to detect races.")
    created_at: datetime | None
    updated_at: datetime | None
    org_path: str | None = strawberry.field(
        description="Owning organisation unit, e.g. cn/east/sh."
    )

    row: strawberry.Private[Any]

    @classmethod
    def from_row(cls, row: Any) -> Any:
        """Copy the row's plain columns into the GraphQL object; relations load lazily."""
        values = {name: getattr(row, name) for name in _plain_fields(cls)}
        return cls(id=strawberry.ID(encode_id(cls.__name__, row.id)), row=row, **values)


@cache
def _plain_fields(graphql_type: type) -> tuple[str, ...]:
    definition = graphql_type.__strawberry_definition__  # type: ignore[attr-defined]
    return tuple(
        field.python_name
        for field in definition.fields
        if field.base_resolver is None and field.python_name != "id"
    )
