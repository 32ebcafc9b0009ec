"""The Starlette application: /graphql (with GraphiQL), /healthz and /readyz."""

import contextlib
import logging
from collections.abc import AsyncIterator

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute

from hub.authz.middleware import Authentication
from hub.body_limit import BodySizeLimit
from hub.config import Settings, get_settings
from hub.db.engine import Database
from hub.db.migrate import current_revision, head_revision
from hub.graphql_app import HubGraphQL
from hub.request_log import RequestLogging


def create_app(settings: Settings | None = None, database: Database | None = None) -> Starlette:
    """The hub as an ASGI app; pass a Database to share one (tests), else one is created."""
    settings = settings or get_settings()
    owns_database = database is None
    database = database or Database(
        settings.database_url, echo=settings.sql_echo, pool_size=settings.pool_size
    )
    logging.basicConfig(level=settings.log_level, format="%(message)s")

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_: Request) -> Response:
        try:
            async with database.reader() as session:
                await session.execute(text("SELECT 1"))
            revision = await current_revision(database)
        except Exception as error:
            return JSONResponse({"status": "unavailable", "reason": type(error).__name__}, 503)
        head = head_revision()
        if revision != head:
            return JSONResponse(
                {"status": "unavailable", "reason": "migrations", "at": revision, "head": head},
                503,
            )
        return JSONResponse({"status": "ok", "revision": revision})

    graphql = BodySizeLimit(
        Authentication(HubGraphQL(database, settings), database, settings),
        settings.max_body_bytes,
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        if owns_database:
            await database.dispose()

    app = Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", graphql),
            WebSocketRoute("/graphql", graphql),
        ],
        lifespan=lifespan,
    )
    app.state.database = database
    app.add_middleware(RequestLogging)
    return app
