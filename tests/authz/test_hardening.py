"""Crafted queries hit the limits, each with a stable code; production hides internals."""

import httpx
import pytest

from hub.app import create_app
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from tests import factories
from tests.graphql_client import GraphQLClient, issue_key

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def _post(api: GraphQLClient, query: str) -> httpx.Response:
    # application/graphql-response+json: refusals of the document are answered with a 400.
    headers = {"Authorization": f"Bearer {api.key}", "Accept": GRAPHQL_RESPONSE}
    return await api.http.post("/graphql", json={"query": query}, headers=headers)


async def test_deep_nesting_is_refused(api: GraphQLClient) -> None:
    nested = "parent { " * 12 + "name" + " }" * 12
    response = await _post(api, f"{{ institutions {{ nodes {{ {nested} }} }} }}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"


async def test_alias_flood_is_refused(api: GraphQLClient) -> None:
    aliases = " ".join(f"a{i}: institutions {{ totalCount }}" for i in range(40))
    response = await _post(api, f"{{ {aliases} }}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_ALIASES"


async def test_token_flood_is_refused(api: GraphQLClient) -> None:
    fields = " ".join("totalCount" for _ in range(6000))
    response = await _post(api, f"{{ institutions {{ {fields} }} }}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_TOKENS"


async def test_huge_page_is_refused(api: GraphQLClient) -> None:
    body = await api.execute("{ contacts(first: 100000) { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_huge_nested_page_is_refused(api: GraphQLClient) -> None:
    await factories.institution(api)
    body = await api.execute("{ institutions { nodes { contacts(first: 5000) { name } } } }")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["path"] == ["institutions", "nodes", 0, "contacts"]


async def test_oversized_body_is_refused_with_413(api: GraphQLClient) -> None:
    padding = " " * 1_100_000
    response = await _post(api, "{ institutions { totalCount } }" + padding)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


@pytest.fixture
async def production(database: Database) -> httpx.AsyncClient:
    settings = Settings(database_url=database.url, env="production", policy_refresh_seconds=3600)
    transport = httpx.ASGITransport(app=create_app(settings, database))
    return httpx.AsyncClient(transport=transport, base_url="http://hub.test")


INTROSPECT = {"query": "{ __schema { types { name } } }"}


async def test_introspection_is_admin_only_in_production(
    production: httpx.AsyncClient, database: Database
) -> None:
    crm = {
        "Authorization": f"Bearer {await issue_key(database, Role.CRM)}",
        "Accept": GRAPHQL_RESPONSE,
    }
    admin = {"Authorization": f"Bearer {await issue_key(database, Role.ADMIN)}"}
    refused = await production.post("/graphql", json=INTROSPECT, headers=crm)
    allowed = await production.post("/graphql", json=INTROSPECT, headers=admin)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "INTROSPECTION_DISABLED"
    assert allowed.status_code == 200
    assert "types" in allowed.json()["data"]["__schema"]


async def test_introspection_is_open_in_development(
    client: httpx.AsyncClient, database: Database
) -> None:
    crm = {"Authorization": f"Bearer {await issue_key(database, Role.CRM)}"}
    response = await client.post("/graphql", json=INTROSPECT, headers=crm)
    assert response.status_code == 200


async def test_unexpected_errors_are_masked_in_production(
    production: httpx.AsyncClient, database: Database
) -> None:
    admin = {"Authorization": f"Bearer {await issue_key(database, Role.ADMIN)}"}
    # A table gone missing is the kind of internal failure whose details must not leak.
    async with database.engine.begin() as connection:
        await connection.exec_driver_sql("ALTER TABLE ticket RENAME TO ticket_hidden")
    try:
        response = await production.post(
            "/graphql", json={"query": "{ tickets { totalCount } }"}, headers=admin
        )
    finally:
        async with database.engine.begin() as connection:
            await connection.exec_driver_sql("ALTER TABLE ticket_hidden RENAME TO ticket")
    assert response.status_code == 200
    assert response.json()["errors"] == [
        {
            "message": "Unexpected error.",
            "locations": [{"line": 1, "column": 3}],
            "path": ["tickets"],
            "extensions": {
                "code": "INTERNAL_SERVER_ERROR",
                "requestId": response.headers["x-request-id"],
            },
        }
    ]
    assert "ticket" not in response.json()["errors"][0]["message"]
