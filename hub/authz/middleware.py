"""Authentication of GraphQL requests: an API key or a signed JWT, else HTTP 401."""

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.authz import tokens
from hub.authz.api_keys import hash_key, identify
from hub.authz.identity import Identity
from hub.authz.identity_cache import IdentityCache
from hub.config import Settings
from hub.db.engine import Database


def unauthenticated(message: str) -> JSONResponse:
    """A GraphQL-shaped 401 answer."""
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer realm="hub"'},
    )


async def authenticate(
    database: Database, settings: Settings, identities: IdentityCache, header: str
) -> Identity | None:
    """The caller behind an `Authorization: Bearer …` value (API key or JWT), or None."""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    token = token.strip()
    if tokens.looks_like_jwt(token):
        try:
            return tokens.verify(settings, token)
        except tokens.TokenRejected:
            return None
    key_hash = hash_key(token)
    identity = identities.get(key_hash)
    if identity is None:
        async with database.reader() as session:
            identity = await identify(session, token)
        if identity is not None:
            identities.put(key_hash, identity)
    return identity


def _wants_graphiql(connection: HTTPConnection) -> bool:
    # The GraphiQL page is static HTML; the queries it then sends carry the pasted key.
    return (
        connection.scope["type"] == "http"
        and connection.scope["method"] == "GET"
        and "query" not in connection.query_params
        and "text/html" in connection.headers.get("accept", "")
    )


class Authentication:
    """Puts the caller's Identity in `scope["state"]["identity"]`, or answers 401."""

    def __init__(
        self, app: ASGIApp, database: Database, settings: Settings, identities: IdentityCache
    ) -> None:
        self.app = app
        self.database = database
        self.settings = settings
        self.identities = identities

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        if _wants_graphiql(connection):
            await self.app(scope, receive, send)
            return
        header = connection.headers.get("authorization", "")
        if scope["type"] == "websocket" and not header:
            # Browsers cannot set headers on WebSockets: the key comes in connection_init.
            await self.app(scope, receive, send)
            return
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            await unauthenticated("Send `Authorization: Bearer <api key or token>`.")(
                scope, receive, send
            )
            return
        identity = await authenticate(self.database, self.settings, self.identities, header)
        if identity is None:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 4401})
                return
            await unauthenticated("Unknown, revoked or expired credentials.")(scope, receive, send)
            return
        scope.setdefault("state", {})["identity"] = identity
        log = scope["state"].get("log")
        if log is not None:
            log.actor = identity.actor
        await self.app(scope, receive, send)
