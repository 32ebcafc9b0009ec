"""In production, only callers granted `op:introspect` (admins) may introspect the schema."""

from collections.abc import Iterator

from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension

from hub.authz.guarded import INTROSPECTION


class IntrospectionGuard(SchemaExtension):
    """Adds graphql-core's no-introspection rule for callers without the grant."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        permissions = getattr(context, "permissions", None)
        if permissions is None or not permissions.can_call(INTROSPECTION):
            self.execution_context.validation_rules = (
                *self.execution_context.validation_rules,
                NoSchemaIntrospectionCustomRule,
            )
        yield
