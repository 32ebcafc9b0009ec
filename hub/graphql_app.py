"""Strawberry's ASGI app, adapted: hub request context, GraphQL-over-HTTP media types and
status codes, GraphQL-shaped 4xx errors for every malformed request."""

import json
import logging
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import ExecutionResult
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.types.unset import UNSET, UnsetType

from hub import graphiql
from hub.api import build_schema, request_error_code
from hub.audit.notifier import ChangeNotifier
from hub.authz.engine import PolicyEngine
from hub.authz.guarded import guarded_schema
from hub.authz.identity import Identity
from hub.authz.identity_cache import IdentityCache
from hub.authz.middleware import authenticate
from hub.config import Settings
from hub.context.loaders import Loaders
from hub.context.request import RequestContext, RequestLog
from hub.db.engine import Database
from hub.db.reads import RequestReads
from hub.schema.text_rules import is_unstorable

logger = logging.getLogger("hub.graphql")

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"


def error_response(
    status: int, code: str, message: str, media_type: str = JSON, **extensions: Any
) -> JSONResponse:
    """A GraphQL-shaped request error with an HTTP status: no `data` entry, as the GraphQL
    spec asks of errors raised before execution."""
    body = {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}
    return JSONResponse(body, status_code=status, media_type=media_type)


def _quality(media_range: str) -> tuple[str, float]:
    kind, _, parameters = media_range.partition(";")
    quality = 1.0
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
    return kind.strip().lower(), quality


def response_media_type(accept: str | None) -> str:
    """The media type to answer with, per the GraphQL-over-HTTP spec: the newer
    `application/graphql-response+json` when the client names it (and does not prefer
    `application/json`), else `application/json` — also for a missing Accept or for `*/*`."""
    qualities = dict(_quality(media_range) for media_range in (accept or "").split(","))
    preferred = qualities.get(GRAPHQL_RESPONSE_JSON, 0.0)
    if preferred > 0 and preferred >= qualities.get(JSON, 0.0):
        return GRAPHQL_RESPONSE_JSON
    return JSON


class _SubResponse(Response):
    """Strawberry's sub-response, carrying the media type negotiated for the answer."""

    def __init__(self, media_type: str) -> None:
        super().__init__()
        self.status_code = None  # type: ignore[assignment]
        del self.headers["content-length"]
        self.answer_media_type = media_type


def _check_request_members(data: GraphQLRequestData) -> None:
    # Strawberry checks `query`, `variables` and `extensions`; an `operationName` of another
    # type would reach graphql-core and fail there as a server error.
    if not isinstance(data.operation_name, str | None):
        raise HTTPException(400, "The `operationName` must be a string or null, if provided.")


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

    @property
    def graphql_ide_html(self) -> str:
        """GraphiQL with its scripts and styles served by the hub (no CDN: intranets)."""
        return graphiql.offline(super().graphql_ide_html)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # One read connection per HTTP request (per WebSocket: for the life of the socket),
        # given back before the answer is sent.
        reads = RequestReads(self.database)
        scope.setdefault("state", {})["reads"] = reads
        try:
            if scope["type"] != "http":
                await super().__call__(scope, receive, send)
                return
            request = Request(scope=scope, receive=receive)
            media_type = response_media_type(request.headers.get("accept"))
            try:
                response = await self.run(request)
            except HTTPException as error:
                # Strawberry answers these in plain text; clients expect a GraphQL error body.
                code = "UNSUPPORTED_MEDIA_TYPE" if error.status_code == 415 else "BAD_REQUEST"
                line = {
                    "request_id": _request_id(scope),
                    "user_error": code,
                    "status": error.status_code,
                    "message": error.reason,
                }
                logger.info(json.dumps(line, ensure_ascii=False))
                response = error_response(error.status_code, code, error.reason, media_type)
            except Exception:
                request_id = _request_id(scope)
                logger.exception("unexpected error serving request %s", request_id)
                response = error_response(
                    500,
                    "INTERNAL_SERVER_ERROR",
                    "Unexpected error.",
                    media_type,
                    requestId=request_id,
                )
        finally:
            await reads.close()
        await response(scope, receive, send)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        return _SubResponse(response_media_type(request.headers.get("accept")))

    def parse_json(self, data: str | bytes) -> Any:
        decoded = super().parse_json(data)
        # A body (or GET parameter) that is JSON but not an object is not a GraphQL request.
        if not isinstance(decoded, dict | list):
            raise HTTPException(400, "A GraphQL request must be a JSON object.")
        return decoded

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        if request.method == "POST":
            content_type, _ = parse_content_type(request.content_type or "")
            if content_type != JSON:
                raise HTTPException(415, "Send the request as Content-Type: application/json.")
        data = await super().parse_http_body(request)
        for item in data if isinstance(data, list) else [data]:
            _check_request_members(item)
        return data

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
        if _rejected_before_execution(processed):
            # Errors without a path came before execution: the document itself is bad, and a
            # request error has no `data` entry at all.
            del processed["data"]
            for error in processed["errors"]:
                error.setdefault("extensions", {}).setdefault(
                    "code", request_error_code(error.get("message", ""))
                )
        for error in processed.get("errors") or []:
            extensions = error.setdefault("extensions", {})
            if "code" not in extensions:
                # A bug, logged at ERROR under this request id: the client quotes it.
                extensions |= {
                    "code": "INTERNAL_SERVER_ERROR",
                    "requestId": _request_id(request.scope),
                }
        return processed

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Any
    ) -> Response:
        media_type = getattr(sub_response, "answer_media_type", JSON)
        response = super().create_response(response_data, sub_response)
        response.headers["content-type"] = f"{media_type}; charset=utf-8"
        # With application/json a well-formed request is answered 200 even when the document
        # fails to parse or validate; application/graphql-response+json says so with a 400.
        if (
            media_type == GRAPHQL_RESPONSE_JSON
            and isinstance(response_data, dict)
            and _rejected_before_execution(response_data)
        ):
            response.status_code = 400
        return response


def _rejected_before_execution(body: GraphQLHTTPResponse) -> bool:
    errors = body.get("errors") or []
    return body.get("data") is None and bool(errors) and all("path" not in e for e in errors)


def _request_id(scope: Scope) -> str:
    log = scope.get("state", {}).get("log")
    return log.request_id if log is not None else "-"
