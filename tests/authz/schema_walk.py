"""Builds real GraphQL documents from the schema itself, so tests cover every field there is."""

import json
import uuid
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    Undefined,
)

from hub.global_ids import encode_id

_SCALARS: dict[str, Any] = {
    "String": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": True,
    "ID": encode_id("Institution", uuid.UUID(int=1)),
    "Date": "2026-01-01",
    "DateTime": "2026-01-01T00:00:00+00:00",
    "Decimal": "1.00",
    "BigInt": 0,
    "JSON": {},
}


def minimal_value(graphql_type: Any) -> Any:
    """A valid value for an input type, filling only required fields."""
    if isinstance(graphql_type, GraphQLNonNull):
        return minimal_value(graphql_type.of_type)
    if isinstance(graphql_type, GraphQLList):
        return [minimal_value(graphql_type.of_type)]
    if isinstance(graphql_type, GraphQLEnumType):
        return next(iter(graphql_type.values))
    if isinstance(graphql_type, GraphQLScalarType):
        return _SCALARS[graphql_type.name]
    assert isinstance(graphql_type, GraphQLInputObjectType)
    return {
        name: minimal_value(field.type)
        for name, field in graphql_type.fields.items()
        if isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined
    }


def _literal(value: Any, graphql_type: Any) -> str:
    named = graphql_type
    while isinstance(named, GraphQLNonNull | GraphQLList):
        named = named.of_type
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item, named) for item in value) + "]"
    if isinstance(value, dict) and isinstance(named, GraphQLInputObjectType):
        parts = (f"{k}: {_literal(v, named.fields[k].type)}" for k, v in value.items())
        return "{" + ", ".join(parts) + "}"
    if isinstance(named, GraphQLEnumType):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def mutation_documents(schema: GraphQLSchema) -> dict[str, str]:
    """For every mutation, a document calling it with minimal valid arguments."""
    assert schema.mutation_type is not None
    documents = {}
    for name, field in schema.mutation_type.fields.items():
        arguments = ", ".join(
            f"{arg_name}: {_literal(minimal_value(arg.type), arg.type)}"
            for arg_name, arg in field.args.items()
            if isinstance(arg.type, GraphQLNonNull)
        )
        call = f"{name}({arguments})" if arguments else name
        documents[name] = f"mutation {{ {call} {{ __typename }} }}"
    return documents
