"""A GraphQL client for tests, and API keys for it."""

import json
import logging
import uuid
from typing import Any

import httpx
import pytest

from hub.audit.writer import Author
from hub.authz.api_keys import create_key
from hub.db.engine import Database
from hub.db.enums import Role

TEST_AUTHOR = Author(actor="test:fixture", request_id="test")


async def issue_key(
    database: Database, role: Role, name: str | None = None, org_path: str = "cn"
) -> str:
    """A new API key secret for a role."""
    async with database.transaction() as session:
        issued = await create_key(
            session, TEST_AUTHOR, name or f"{role.value}-{uuid.uuid4().hex[:6]}", role, org_path
        )
    return issued.secret


class GraphQLClient:
    """Posts GraphQL documents with an API key and returns the decoded response."""

    def __init__(self, http: httpx.AsyncClient, key: str) -> None:
        self.http = http
        self.key = key

    async def execute(self, query: str, **variables: Any) -> dict[str, Any]:
        """The full response body (data and errors)."""
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.key}"},
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, query: str, **variables: Any) -> dict[str, Any]:
        """The data of a response that must have no errors."""
        body = await self.execute(query, **variables)
        assert "errors" not in body, body["errors"]
        return body["data"]


async def logged(
    caplog: pytest.LogCaptureFixture, api: GraphQLClient, query: str, **variables: Any
) -> dict[str, Any]:
    """The access-log line of one request (its `sql_statements` counts every statement sent,
    transaction control included), with the response body under `body`."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="hub.access"):
        body = await api.execute(query, **variables)
    (line,) = [json.loads(r.getMessage()) for r in caplog.records if r.name == "hub.access"]
    return line | {"body": body}
