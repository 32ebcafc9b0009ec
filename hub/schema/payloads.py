"""Mutation payloads: the record (or null) and the user errors."""

from typing import Any

import strawberry

from hub.schema.errors import UserError


def payload_type(node_type: type, field_name: str) -> Any:
    """`<Type>Payload { <fieldName>: <Type>, userErrors: [UserError!]! }`, shared by its verbs."""
    namespace = {
        "__annotations__": {field_name: node_type | None, "user_errors": list[UserError]},
        "__module__": node_type.__module__,
        field_name: None,
        "user_errors": strawberry.field(default_factory=list),
    }
    payload = strawberry.type(
        type(f"{node_type.__name__}Payload", (), namespace),
        description=f"Result of a {node_type.__name__} mutation; on userErrors nothing changed.",
    )
    payload.record_field = field_name
    return payload
