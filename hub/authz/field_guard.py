"""One place that applies field and operation permissions to every resolved field."""

import inspect
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from hub.authz.guarded import GUARDED_QUERIES
from hub.authz.masking import mask
from hub.authz.permissions import FieldAccess, Permissions


class Forbidden(GraphQLError):
    """The caller may not see this field or run this operation."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})


def _is_operation(parent: str, field_name: str) -> bool:
    return parent in ("Mutation", "Subscription") or (
        parent == "Query" and field_name in GUARDED_QUERIES
    )


async def _masked(result: Any, field_name: str) -> Any:
    return mask(field_name, await result)


class FieldGuard(SchemaExtension):
    """Refuses operations and fields the caller may not use, and masks what it may only glimpse.

    Every lookup is a dictionary read in the caller's resolved Permissions (DESIGN.md §5).
    """

    def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        permissions: Permissions | None = info.context.permissions
        if permissions is None:
            return _next(root, info, *args, **kwargs)
        parent, field_name = info.parent_type.name, info.field_name
        if _is_operation(parent, field_name):
            if not permissions.can_call(field_name):
                raise Forbidden(f"You may not call {field_name}.")
            return _next(root, info, *args, **kwargs)
        access = permissions.field_access(parent, field_name)
        if access is FieldAccess.DENIED:
            raise Forbidden(f"You may not read {parent}.{field_name}.")
        result = _next(root, info, *args, **kwargs)
        if access is FieldAccess.MASKED:
            if inspect.isawaitable(result):
                return _masked(result, field_name)
            return mask(field_name, result)
        return result
