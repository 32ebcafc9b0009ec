"""Fixtures for the channel tests: a second and third person besides the admin."""

import httpx
import pytest

from hub.db.engine import Database
from hub.db.enums import Role
from tests.authz.conftest import as_role  # noqa: F401 - the authz tests' fixture, for ours
from tests.graphql_client import GraphQLClient, issue_key


@pytest.fixture
async def reviewers(
    client: httpx.AsyncClient, database: Database
) -> tuple[GraphQLClient, GraphQLClient]:
    """Two stewards with keys of their own, so two actor names besides the admin's."""
    first = GraphQLClient(client, await issue_key(database, Role.STEWARD, "reviewer-li"))
    second = GraphQLClient(client, await issue_key(database, Role.STEWARD, "reviewer-wang"))
    return first, second
