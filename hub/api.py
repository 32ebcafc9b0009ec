"""Assembles the aggregates' query and mutation fields into one schema."""

from typing import Any

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_limit_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_limit_rule
from strawberry.schema.config import StrawberryConfig
from strawberry.types.field import StrawberryField

from hub.authz.field_guard import install_guards
from hub.authz.guarded import guarded_schema
from hub.authz.introspection import IntrospectionGuard
from hub.config import Settings
from hub.resolvers import (
    catalogue,
    certificate,
    contact,
    contract,
    dedup,
    device,
    imports,
    institution,
    policy,
    quality,
    records,
    ticket,
    webhooks,
)
from hub.resolvers.plan import PlannedReads
from hub.schema import enums  # noqa: F401 - registers the domain enums with Strawberry
from hub.schema.audit import BIG_INT_SCALAR, BigInt
from hub.schema.catalogue import Batch, DeviceModel
from hub.schema.certificate import Certificate
from hub.schema.contact import Contact
from hub.schema.contract import Contract
from hub.schema.dedup import DuplicateCandidate, MergeEvent
from hub.schema.device import Device
from hub.schema.institution import Institution
from hub.schema.source_record import SourceRecord
from hub.schema.text_rules import NoUnstorableText
from hub.schema.ticket import Ticket

_DOCUMENT_CACHE_SIZE = 512
_AGGREGATES = (
    institution,
    contact,
    catalogue,
    device,
    contract,
    certificate,
    ticket,
    quality,
    policy,
    dedup,
    imports,
    webhooks,
)


def _root_type(name: str, fields: dict[str, StrawberryField], description: str) -> Any:
    return strawberry.type(type(name, (), dict(fields)), description=description)


Query = _root_type(
    "Query",
    {
        **records.QUERY_FIELDS,
        **{name: field for module in _AGGREGATES for name, field in module.QUERY_FIELDS.items()},
    },
    "Everything the hub can answer.",
)
Subscription = _root_type(
    "Subscription",
    records.SUBSCRIPTION_FIELDS,
    "Live streams over WebSocket (graphql-transport-ws).",
)
Mutation = _root_type(
    "Mutation",
    {name: field for module in _AGGREGATES for name, field in module.MUTATION_FIELDS.items()},
    "Every write; each runs in one transaction and reports problems as userErrors.",
)

# Types reachable only through the Node interface must be named explicitly.
_NODE_TYPES = [
    Institution,
    Contact,
    DeviceModel,
    Batch,
    Device,
    Contract,
    Certificate,
    Ticket,
    SourceRecord,
    DuplicateCandidate,
    MergeEvent,
]


class OperationLog(SchemaExtension):
    """Tells the access log which operation a request ran."""

    def on_execute(self) -> Any:
        context = self.execution_context.context
        context.log.operation = self.execution_context.operation_name
        yield


def _unexpected(error: Any) -> bool:
    # GraphQL errors that carry a code are deliberate answers; anything else is a bug to hide.
    original = getattr(error, "original_error", None)
    return original is not None and not getattr(original, "extensions", None)


def build_schema(settings: Settings) -> strawberry.Schema:
    """The GraphQL schema with the configured limits."""
    # The limit rules are built once, so that validation results can be cached per document
    # (the cache key includes the rule classes; per-request classes would never hit).
    limits = [
        depth_limit_rule(settings.max_query_depth, None),
        alias_limit_rule(settings.max_aliases),
        NoUnstorableText,
    ]
    extensions: list[Any] = [
        lambda: AddValidationRules(limits),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=_DOCUMENT_CACHE_SIZE),
        lambda: ValidationCache(maxsize=_DOCUMENT_CACHE_SIZE),
        OperationLog,
    ]
    if settings.planned_reads:
        extensions.append(PlannedReads)
    if settings.is_production:
        extensions.append(lambda: MaskErrors(should_mask_error=_unexpected))
        extensions.append(IntrospectionGuard)
    schema = strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=_NODE_TYPES,
        extensions=extensions,
        config=StrawberryConfig(scalar_map={BigInt: BIG_INT_SCALAR}),
    )
    # Field and operation permissions wrap the governed fields' resolvers (hub.authz).
    install_guards(schema._schema, guarded_schema(schema._schema))
    return schema
