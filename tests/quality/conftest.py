"""Fixtures for the quality tests: two reviewers besides the submitting admin, and the CLI's."""

import httpx
import pytest

from hub.db.engine import Database
from hub.db.enums import Role
from tests.graphql_client import GraphQLClient, issue_key
from tests.test_cli import database_url  # noqa: F401 - the CLI tests' fixture, for ours


@pytest.fixture
async def reviewers(
    client: httpx.AsyncClient, database: Database
) -> tuple[GraphQLClient, GraphQLClient]:
    """Two stewards, each with their own key and so their own actor name."""
    first = GraphQLClient(client, await issue_key(database, Role.ADMIN, "reviewer-li"))
    second = GraphQLClient(client, await issue_key(database, Role.ADMIN, "reviewer-wang"))
    return first, second
