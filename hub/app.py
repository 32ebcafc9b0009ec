"""The Starlette application: /graphql (with GraphiQL), /console, /healthz and /readyz."""

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute

from hub.authz.middleware import Authentication
from hub.body_limit import BodySizeLimit
from hub.config import Settings, get_settings
from hub.console.web import console_app
from hub.db.engine import Database
from hub.db.migrate import current_revision, head_revision
from hub.graphql_app import HubGraphQL
from hub.request_log import RequestLogging
from hub.webhooks.dispatcher import Dispatcher


def create_app(settings: Settings | None = None, database: Database | None = None) -> Starlette:
    """The hub as an ASGI app; pass a Database to share one (tests), else one is created."""
    settings = settings or get_settings()
    owns_database = database is None
    database = database or Database(
        settings.database_url, echo=settings.sql_echo, pool_size=settings.pool_size
    )
    logging.basicConfig(level=settings.log_level, format="%(message)s")
    # Casbin prints its model, and every allowed request, at INFO: not the operator's business.
    logging.getLogger("casbin").setLevel(max(logging.WARNING, logging.root.level))

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

    hub_graphql = HubGraphQL(database, settings)
    graphql = BodySizeLimit(
        Authentication(hub_graphql, database, settings, hub_graphql.identities),
        settings.max_body_bytes,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # The schema, models and policy built at start-up live as long as the process: out of
        # the collector's sight, a full collection no longer walks them mid-request.
        gc.collect()
        gc.freeze()
        async with contextlib.AsyncExitStack() as stack:
            if settings.webhooks_dispatch:
                await stack.enter_async_context(_running(webhook_dispatcher(app)))
            stack.push_async_callback(hub_graphql.notifier.aclose)
            yield
        if owns_database:
            await database.dispose()

    app = Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", graphql),
            WebSocketRoute("/graphql", graphql),
            Mount("/console", console_app(hub_graphql)),
        ],
        lifespan=lifespan,
    )
    app.state.database = database
    app.state.graphql = hub_graphql
    app.add_middleware(RequestLogging)
    return app


def webhook_dispatcher(app: Starlette, **options: Any) -> Dispatcher:
    """A webhook dispatcher sharing the app's database, policy engine and change notifier, so
    that every mutation the app commits wakes it at once."""
    graphql: HubGraphQL = app.state.graphql
    return Dispatcher(
        graphql.database, graphql.settings, graphql.policy, graphql.notifier, **options
    )


@contextlib.asynccontextmanager
async def _running(dispatcher: Dispatcher) -> AsyncIterator[None]:
    task = asyncio.create_task(dispatcher.run(), name="webhook-dispatcher")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await dispatcher.aclose()
