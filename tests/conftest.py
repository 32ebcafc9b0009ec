"""Fixtures: every test that uses `database` runs on SQLite and, when configured, PostgreSQL.

PostgreSQL is configured by HUB_TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1/test).
The suite creates its own database with a random name on that server and drops it at the end;
an unreachable server fails the run instead of skipping PostgreSQL.
"""

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from hub.app import create_app
from hub.authz.bootstrap import prepare_database
from hub.authz.policies import seed_defaults
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from hub.db.models import Base
from tests import demo_copies
from tests.graphql_client import GraphQLClient, issue_key
from tests.pg_databases import create_postgres_database, drop_postgres_database

POSTGRES_URL = os.environ.get("HUB_TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
TEST_JWT_SECRET = "test-secret-for-hs256-signing-only"


def pytest_configure(config: pytest.Config) -> None:
    """Name the run, so that workers share the demo loaded once (tests/demo_copies.py)."""
    demo_copies.start_run()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The controller (not an xdist worker) removes the run's loaded demo."""
    if not hasattr(session.config, "workerinput"):
        asyncio.run(demo_copies.remove_originals(POSTGRES_URL))


@pytest.fixture(scope="session", params=BACKENDS)
async def migrated_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Database]:
    """A freshly created and migrated database for the whole session, per backend."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("sqlite") / "hub.db"
        url = f"sqlite+aiosqlite:///{path}"
    else:
        assert POSTGRES_URL is not None
        url = await create_postgres_database(POSTGRES_URL)
    database = Database(url, pool_size=5)
    try:
        await prepare_database(database)
        yield database
    finally:
        await database.dispose()
        if request.param == "postgresql":
            assert POSTGRES_URL is not None
            await drop_postgres_database(POSTGRES_URL, url)


async def _reset(database: Database) -> None:
    """Empty every table, then restore the default policy."""
    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    async with database.engine.begin() as connection:
        if database.dialect == "postgresql":
            # DELETE, not TRUNCATE: a test leaves a handful of rows, and TRUNCATE's fixed cost
            # per table (new files for each table and index) made it 40x slower here. The
            # sequences restart as TRUNCATE ... RESTART IDENTITY would have restarted them.
            raw = (await connection.get_raw_connection()).driver_connection
            assert raw is not None
            sequences = await raw.fetch("SELECT schemaname, sequencename FROM pg_sequences")
            await raw.execute(
                "; ".join(
                    [f"DELETE FROM {table}" for table in tables]
                    + [f'ALTER SEQUENCE "{row[0]}"."{row[1]}" RESTART' for row in sequences]
                )
            )
        else:
            for table in tables:
                await connection.execute(text(f"DELETE FROM {table}"))
    async with database.transaction() as session:
        await seed_defaults(session)


@pytest.fixture
async def database(migrated_database: Database) -> AsyncIterator[Database]:
    """The session's database, reset to empty (default policy only) after each test."""
    try:
        yield migrated_database
    finally:
        await _reset(migrated_database)


@pytest.fixture
def settings(database: Database) -> Settings:
    """Settings pointing at the test database."""
    return Settings(
        database_url=database.url,
        log_level="WARNING",
        jwt_secret=TEST_JWT_SECRET,
        # Statement-count tests must not meet a periodic policy check, nor an API key whose
        # remembered identity expired between two requests on a slow machine
        # (tests/test_identity_cache.py sets its own lifetimes).
        policy_refresh_seconds=3600,
        identity_cache_seconds=3600,
    )


@pytest.fixture
async def client(settings: Settings, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the real ASGI app."""
    app = create_app(settings, database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http:
        yield http


@pytest.fixture
async def api(client: httpx.AsyncClient, database: Database) -> GraphQLClient:
    """A GraphQL client authenticated as an admin service account."""
    return GraphQLClient(client, await issue_key(database, Role.ADMIN, "admin"))


@pytest.fixture
def project_root() -> Iterator[Path]:
    """The repository root."""
    yield Path(__file__).resolve().parent.parent
