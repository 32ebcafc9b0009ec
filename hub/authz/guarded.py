"""Which parts of the GraphQL schema the policy governs, read off the schema itself."""

from graphql import GraphQLObjectType, GraphQLSchema, get_named_type

from hub.authz.engine import GuardedSchema

RECORD_INTERFACE = "Record"
# Query fields that are operations in their own right (the rest is governed by rows and fields).
GUARDED_QUERIES = frozenset({"auditTrail", "changes", "policies", "webhooks", "webhookDeliveries"})
# Audited things that are not GraphQL record types but whose events the change feed carries.
INTERNAL_ENTITIES = frozenset({"ApiKey", "Person", "PolicyLine", "Webhook"})
INTROSPECTION = "introspect"
# Value types (not records) whose fields the policy governs one by one: a credit status carries
# amounts some roles may read and others, such as the WMS, may not.
GUARDED_VALUE_TYPES = frozenset({"CreditStatus"})


def _is_record(graphql_type: object) -> bool:
    return isinstance(graphql_type, GraphQLObjectType) and any(
        interface.name == RECORD_INTERFACE for interface in graphql_type.interfaces
    )


def guarded_schema(schema: GraphQLSchema) -> GuardedSchema:
    """Every field of every record type and guarded value type, every mutation and the
    guarded queries."""
    records = {name: t for name, t in schema.type_map.items() if _is_record(t)}
    guarded = {**records, **{name: schema.type_map[name] for name in GUARDED_VALUE_TYPES}}
    fields: dict[str, str | None] = {}
    for type_name, record_type in guarded.items():
        for field_name, field in record_type.fields.items():  # type: ignore[attr-defined]
            if field_name == "id":
                continue  # global IDs are opaque and always visible
            target = get_named_type(field.type).name
            fields[f"{type_name}.{field_name}"] = target if target in records else None
    mutations = set(schema.mutation_type.fields) if schema.mutation_type else set()
    return GuardedSchema(
        fields=fields,
        entity_types=frozenset(records) | INTERNAL_ENTITIES,
        operations=frozenset(mutations | GUARDED_QUERIES | {INTROSPECTION}),
    )
