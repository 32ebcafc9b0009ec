"""API keys are looked up once per cache period; revocation takes effect within it."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from hub.app import create_app
from hub.audit.writer import Author
from hub.authz.api_keys import revoke_key
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from tests.graphql_client import issue_key

QUERY = {"query": "{ institutions(first: 1) { nodes { name } } }"}


@contextmanager
def key_lookups(database: Database) -> Iterator[list[str]]:
    """The statements reading the api_key table while the block runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "FROM api_key" in statement:
            seen.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)


async def _status(http: httpx.AsyncClient, key: str) -> int:
    response = await http.post("/graphql", json=QUERY, headers={"Authorization": f"Bearer {key}"})
    return response.status_code


async def _revoke(database: Database, name: str) -> None:
    async with database.transaction() as session:
        await revoke_key(session, Author(actor="test"), name)


async def test_a_key_is_looked_up_once_within_the_cache_period(
    client: httpx.AsyncClient, database: Database
) -> None:
    key = await issue_key(database, Role.CRM)
    with key_lookups(database) as lookups:
        assert [await _status(client, key) for _ in range(3)] == [200, 200, 200]
    assert len(lookups) == 1


async def test_a_revoked_key_works_until_its_cache_entry_expires(
    settings: Settings, database: Database
) -> None:
    app = create_app(settings.model_copy(update={"identity_cache_seconds": 30}), database)
    now = [1000.0]
    app.state.graphql.identities.clock = lambda: now[0]
    key = await issue_key(database, Role.WMS, "wms-cached")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http:
        assert await _status(http, key) == 200
        await _revoke(database, "wms-cached")
        now[0] += 29
        assert await _status(http, key) == 200
        now[0] += 2
        assert await _status(http, key) == 401


async def test_without_a_cache_period_revocation_is_immediate(
    settings: Settings, database: Database
) -> None:
    app = create_app(settings.model_copy(update={"identity_cache_seconds": 0}), database)
    key = await issue_key(database, Role.WMS, "wms-uncached")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http:
        assert await _status(http, key) == 200
        await _revoke(database, "wms-uncached")
        assert await _status(http, key) == 401


async def test_an_unknown_key_is_not_remembered(
    client: httpx.AsyncClient, database: Database
) -> None:
    with key_lookups(database) as lookups:
        assert [await _status(client, "hub_unknown") for _ in range(2)] == [401, 401]
    assert len(lookups) == 2
