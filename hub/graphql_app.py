"""Strawberry's ASGI app, adapted: hub request context, GraphQL-shaped 4xx errors."""

from typing import Any

from cross_web import HTTPException
from graphql import ExecutionResult
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.types.unset import UNSET, UnsetType

from hub.api import build_schema
from hub.audit.notifier import ChangeNotifier
from hub.authz.engine import PolicyEngine
from hub.authz.guarded import guarded_schema
from hub.authz.identity import Identity
from hub.authz.identity_cache import IdentityCache
from hub.authz.middleware import authenticate
from hub.config import Settings
from hub.db.engine import Database
from hub.db.reads import RequestReads
from hub.resolvers.context import RequestContext, RequestLog
from hub.resolvers.loaders import Loaders
from hub.schema.text_rules import is_unstorable


def error_response(status: int, code: str, message: str) -> JSONResponse:
    """A GraphQL-shaped error body with an HTTP status."""
    body = {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status)


# Stable codes for the refusals of the query limits, recognised by their library messages.
_LIMIT_CODES = (
    ("exceeds maximum operation depth", "QUERY_TOO_DEEP"),
    ("aliases found. Allowed", "TOO_MANY_ALIASES"),
    ("tokens. Parsing aborted", "TOO_MANY_TOKENS"),
    ("introspection has been disabled", "INTROSPECTION_DISABLED"),
)


def _request_error_code(error: dict[str, Any]) -> str:
    message = error.get("message", "")
    for fragment, code in _LIMIT_CODES:
        if fragment in message:
            return code
    return (
        "GRAPHQL_PARSE_FAILED"
        if message.startswith("Syntax Error")
        else "GRAPHQL_VALIDATION_FAILED"
    )


def _refuse_unstorable_text(value: object) -> None:
    # NUL and lone surrogates cannot be stored as text (PostgreSQL rejects them mid-query);
    # refusing them here keeps them from ever reaching a resolver.
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if is_unstorable(item):
                raise HTTPException(400, "Text may not contain NUL or unpaired surrogates.")
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


class HubGraphQL(GraphQL[RequestContext, None]):
    """Serves /graphql: queries, mutations and the GraphiQL page."""

    def __init__(self, database: Database, settings: Settings) -> None:
        schema = build_schema(settings)
        super().__init__(schema, graphql_ide="graphiql")
        self.database = database
        self.settings = settings
        self.identities = IdentityCache(settings.identity_cache_seconds)
        self.policy = PolicyEngine(database, guarded_schema(schema._schema))
        self.notifier = ChangeNotifier(database)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # One read connection per HTTP request (per WebSocket: for the life of the socket),
        # given back before the answer is sent.
        reads = RequestReads(self.database)
        scope.setdefault("state", {})["reads"] = reads
        try:
            if scope["type"] != "http":
                await super().__call__(scope, receive, send)
                return
            try:
                response = await self.run(Request(scope=scope, receive=receive))
            except HTTPException as error:
                # Strawberry answers these in plain text; clients expect a GraphQL error body.
                response = error_response(error.status_code, "BAD_REQUEST", error.reason)
        finally:
            await reads.close()
        await response(scope, receive, send)

    def decode_json(self, data: str | bytes) -> object:
        try:
            decoded = super().decode_json(data)
        except RecursionError as error:
            # A body of deeply nested arrays exhausts the parser's stack; that is bad input.
            raise HTTPException(400, "The request body nests too deeply.") from error
        _refuse_unstorable_text(decoded)
        return decoded

    def parse_query_params(self, params: Any) -> dict[str, Any]:
        parsed = super().parse_query_params(params)
        _refuse_unstorable_text(parsed)
        return parsed

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> RequestContext:
        state = request.scope.get("state", {})
        reads = state.get("reads") or RequestReads(self.database)
        context = RequestContext(
            request=request,
            response=response,
            database=self.database,
            settings=self.settings,
            identity=None,
            permissions=None,
            policy=self.policy,
            notifier=self.notifier,
            log=state.get("log") or RequestLog(),
            reads=reads,
            loaders=Loaders(reads, None),
        )
        identity: Identity | None = state.get("identity")
        if identity is not None:
            await self._sign_in(context, identity)
        return context

    async def _sign_in(self, context: RequestContext, identity: Identity) -> None:
        await self.policy.refresh_if_changed(self.settings.policy_refresh_seconds)
        context.identity = identity
        context.permissions = await self.policy.permissions(identity)
        context.loaders = Loaders(context.reads, context.permissions)

    async def on_ws_connect(self, context: RequestContext) -> UnsetType | dict[str, object] | None:
        if context.identity is None:
            params = context.connection_params or {}
            header = params.get("Authorization") or params.get("authorization")
            identity = (
                await authenticate(self.database, self.settings, self.identities, header)
                if isinstance(header, str)
                else None
            )
            if identity is None:
                raise ConnectionRejectionError({"code": "UNAUTHENTICATED"})
            await self._sign_in(context, identity)
        return UNSET

    async def process_result(
        self, request: Request | WebSocket, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        processed = await super().process_result(request, result)
        if result.data is None:
            for error in processed.get("errors") or []:
                # Errors without a path came before execution: the document itself is bad.
                if "path" not in error:
                    error.setdefault("extensions", {}).setdefault(
                        "code", _request_error_code(error)
                    )
        return processed

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Any
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if isinstance(response_data, dict) and _rejected_before_execution(response_data):
            response.status_code = 400
        return response


def _rejected_before_execution(body: GraphQLHTTPResponse) -> bool:
    errors = body.get("errors") or []
    return body.get("data") is None and bool(errors) and all("path" not in e for e in errors)
