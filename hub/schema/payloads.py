"""Mutation payloads: the record (or null) and the user errors."""

from typing import Any

import strawberry

from hub.schema.errors import UserError


def payload_type(
    node_type: type, field_name: str, extra_lists: dict[str, type] | None = None
) -> Any:
    """`<Type>Payload { <fieldName>: <Type>, userErrors: [UserError!]! }`, shared by its verbs.

    `extra_lists` adds list fields (default empty), e.g. `possibleDuplicates`.
    """
    lists = {"user_errors": UserError, **(extra_lists or {})}
    namespace = {
        "__annotations__": {
            field_name: node_type | None,
            **{name: list[item] for name, item in lists.items()},  # type: ignore[valid-type]
        },
        "__module__": node_type.__module__,
        field_name: None,
        **{name: strawberry.field(default_factory=list) for name in lists},
    }
    payload = strawberry.type(
        type(f"{node_type.__name__}Payload", (), namespace),
        description=f"Result of a {node_type.__name__} mutation; on userErrors nothing changed.",
    )
    payload.record_field = field_name
    return payload


def possible_duplicate_type(node_type: type) -> type:
    """`Possible<Type>Duplicate { record, score, candidateId }` for "did you mean?" answers."""
    namespace = {
        "__annotations__": {"record": node_type, "score": float, "candidate_id": strawberry.ID},
        "__module__": node_type.__module__,
    }
    return strawberry.type(
        type(f"Possible{node_type.__name__}Duplicate", (), namespace),
        description=(
            f"A stored {node_type.__name__} this one may duplicate; it is queued as an OPEN "
            "duplicate candidate (see duplicateCandidates) unless the pair was dismissed."
        ),
    )
