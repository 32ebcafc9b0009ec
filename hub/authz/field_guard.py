"""Field and operation permissions, installed on exactly the fields the policy governs.

Each guarded field's resolver is wrapped once, when the schema is built: the wrapper is a
dictionary read in the caller's resolved Permissions (DESIGN.md §5). Fields the policy cannot
govern (connections, page info, payloads, ungoverned queries) run unwrapped.
"""

import inspect
from collections.abc import Callable
from typing import Any

from graphql import GraphQLError, GraphQLObjectType, GraphQLSchema, default_field_resolver

from hub.authz.engine import GuardedSchema
from hub.authz.masking import mask
from hub.authz.permissions import FieldAccess, Permissions

Resolver = Callable[..., Any]


class Forbidden(GraphQLError):
    """The caller may not see this field or run this operation."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})


async def _masked(result: Any, field_name: str) -> Any:
    return mask(field_name, await result)


def _field_guard(type_name: str, field_name: str, resolve: Resolver) -> Resolver:
    key = f"{type_name}.{field_name}"

    def guarded(root: Any, info: Any, **kwargs: Any) -> Any:
        permissions: Permissions | None = info.context.permissions
        if permissions is None:
            return resolve(root, info, **kwargs)
        access = permissions.fields.get(key, FieldAccess.CLEAR)
        if access is FieldAccess.CLEAR:
            return resolve(root, info, **kwargs)
        if access is FieldAccess.DENIED:
            raise Forbidden(f"You may not read {key}.")
        result = resolve(root, info, **kwargs)
        if inspect.isawaitable(result):
            return _masked(result, field_name)
        return mask(field_name, result)

    return guarded


def _operation_guard(operation: str, resolve: Resolver) -> Resolver:
    def guarded(root: Any, info: Any, **kwargs: Any) -> Any:
        permissions: Permissions | None = info.context.permissions
        if permissions is not None and not permissions.can_call(operation):
            raise Forbidden(f"You may not call {operation}.")
        return resolve(root, info, **kwargs)

    return guarded


def install_guards(schema: GraphQLSchema, guarded: GuardedSchema) -> None:
    """Wrap the resolver of every governed field and operation of `schema`, in place."""
    operations = {schema.mutation_type, schema.subscription_type} - {None}
    for graphql_type in schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType):
            continue
        for field_name, field in graphql_type.fields.items():
            resolve = field.resolve or default_field_resolver
            if graphql_type in operations or (
                graphql_type is schema.query_type and field_name in guarded.operations
            ):
                field.resolve = _operation_guard(field_name, resolve)
            elif f"{graphql_type.name}.{field_name}" in guarded.fields:
                field.resolve = _field_guard(graphql_type.name, field_name, resolve)
