"""Every GraphQL request needs a valid API key; the GraphiQL page and probes do not."""

import httpx
from sqlalchemy import select

from hub.audit.writer import Author
from hub.authz.api_keys import revoke_key
from hub.db.api_key import ApiKey
from hub.db.engine import Database
from hub.db.enums import Role
from tests.graphql_client import issue_key

QUERY = {"query": "{ institutions { totalCount } }"}


async def test_request_without_key_gets_401_with_graphql_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=QUERY)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "data" not in response.json()


async def test_request_with_unknown_key_gets_401(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json=QUERY, headers={"Authorization": "Bearer hub_not-a-real-key"}
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == "Unknown, revoked or expired credentials."


async def test_request_with_other_scheme_gets_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=QUERY, headers={"Authorization": "Basic eDp5"})
    assert response.status_code == 401


async def test_valid_key_is_answered(client: httpx.AsyncClient, database: Database) -> None:
    key = await issue_key(database, Role.CRM)
    response = await client.post("/graphql", json=QUERY, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    assert response.json() == {"data": {"institutions": {"totalCount": 0}}}


async def test_revoked_key_gets_401(client: httpx.AsyncClient, database: Database) -> None:
    key = await issue_key(database, Role.WMS, "wms-old")
    async with database.transaction() as session:
        await revoke_key(session, Author(actor="test"), "wms-old")
    response = await client.post("/graphql", json=QUERY, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401


async def test_graphiql_page_loads_without_key(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_query_over_get_still_needs_a_key(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql",
        params={"query": "{ institutions { totalCount } }"},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 401


async def test_keys_are_stored_only_as_hashes(database: Database) -> None:
    key = await issue_key(database, Role.ADMIN, "hash-check")
    async with database.reader() as session:
        stored = (
            await session.execute(select(ApiKey).where(ApiKey.name == "hash-check"))
        ).scalar_one()
    assert key not in (stored.key_hash, stored.prefix)
    assert len(stored.key_hash) == 64
