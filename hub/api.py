"""Assembles the aggregates' query and mutation fields into one schema."""

import json
import logging
from typing import Any

import strawberry
from graphql import GraphQLError
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
from strawberry.types import ExecutionContext
from strawberry.types.field import StrawberryField

from hub.authz.field_guard import install_guards
from hub.authz.guarded import guarded_schema
from hub.authz.introspection import IntrospectionGuard
from hub.config import Settings
from hub.resolvers import (
    audit,
    authorisation,
    catalogue,
    certificate,
    contact,
    contract,
    credit,
    dedup,
    demo_loan,
    department,
    device,
    dock,
    imports,
    institution,
    interaction,
    maintenance,
    node,
    policy,
    quality,
    service,
    ticket,
    training,
    webhooks,
)
from hub.resolvers.plan import PlannedReads
from hub.schema import enums  # noqa: F401 - registers the domain enums with Strawberry
from hub.schema.audit import BIG_INT_SCALAR, BigInt
from hub.schema.authorisation import Authorisation
from hub.schema.catalogue import Batch, DeviceModel
from hub.schema.certificate import Certificate
from hub.schema.contact import Contact
from hub.schema.contract import Contract
from hub.schema.credit import CreditProfile, CreditRequest, Receivable
from hub.schema.dedup import DuplicateCandidate, MergeEvent
from hub.schema.demo_loan import DemoLoan
from hub.schema.department import Department
from hub.schema.device import Device
from hub.schema.institution import Institution
from hub.schema.interaction import Interaction, InteractionParticipant
from hub.schema.maintenance import MaintenancePlan
from hub.schema.source_record import SourceRecord
from hub.schema.text_rules import NoUnstorableText
from hub.schema.ticket import Ticket
from hub.schema.training import Training, TrainingAttendee

_DOCUMENT_CACHE_SIZE = 512
_AGGREGATES = (
    institution,
    contact,
    catalogue,
    device,
    contract,
    certificate,
    ticket,
    demo_loan,
    authorisation,
    department,
    interaction,
    training,
    maintenance,
    service,
    quality,
    dock,
    credit,
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
        **node.QUERY_FIELDS,
        **audit.QUERY_FIELDS,
        **{name: field for module in _AGGREGATES for name, field in module.QUERY_FIELDS.items()},
    },
    "Everything the hub can answer.",
)
Subscription = _root_type(
    "Subscription",
    audit.SUBSCRIPTION_FIELDS,
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
    MaintenancePlan,
    SourceRecord,
    DuplicateCandidate,
    MergeEvent,
    DemoLoan,
    Authorisation,
    Department,
    Interaction,
    InteractionParticipant,
    Training,
    TrainingAttendee,
    CreditProfile,
    CreditRequest,
    Receivable,
]


class OperationLog(SchemaExtension):
    """Tells the access log which operation a request ran."""

    def on_execute(self) -> Any:
        context = self.execution_context.context
        context.log.operation = self.execution_context.operation_name
        yield


logger = logging.getLogger("hub.graphql")

# Stable codes for the refusals of the query limits, recognised by their library messages.
_LIMIT_CODES = (
    ("exceeds maximum operation depth", "QUERY_TOO_DEEP"),
    ("aliases found. Allowed", "TOO_MANY_ALIASES"),
    ("tokens. Parsing aborted", "TOO_MANY_TOKENS"),
    ("introspection has been disabled", "INTROSPECTION_DISABLED"),
)


def request_error_code(message: str) -> str:
    """The stable code of an error raised before execution, from its library message."""
    for fragment, code in _LIMIT_CODES:
        if fragment in message:
            return code
    return (
        "GRAPHQL_PARSE_FAILED"
        if message.startswith("Syntax Error")
        else "GRAPHQL_VALIDATION_FAILED"
    )


def _unexpected(error: GraphQLError) -> bool:
    # Errors before execution (no path) are about the request: syntax, validation, variables.
    # During execution, errors that carry a code are deliberate answers; anything else is a
    # bug to hide from the client and to log with its traceback.
    if error.path is None:
        return False
    original = error.original_error
    return original is not None and not getattr(original, "extensions", None)


def _code_of(error: GraphQLError) -> str | None:
    code = (error.extensions or {}).get("code")
    if code is None and error.path is None:
        return request_error_code(error.message)
    return code


class HubSchema(strawberry.Schema):
    """The schema, logging each user error as one INFO line and each bug with its traceback."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        context = execution_context.context if execution_context is not None else None
        log = getattr(context, "log", None)
        request_id = log.request_id if log is not None else "-"
        for error in errors:
            if _unexpected(error):
                logger.error(
                    "unexpected error in request %s at %s",
                    request_id,
                    error.path,
                    exc_info=error.original_error,
                )
                continue
            line = {
                "request_id": request_id,
                "user_error": _code_of(error),
                "message": error.message,
                "path": error.path,
            }
            logger.info(json.dumps(line, ensure_ascii=False))


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
    schema = HubSchema(
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
