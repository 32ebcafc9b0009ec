"""Fixtures for the credit tests: a credit officer and a credit manager, each their own actor."""

import httpx
import pytest

from hub.db.engine import Database
from hub.db.enums import Role
from tests.authz.conftest import as_role  # noqa: F401 - the authz tests' fixture, for ours
from tests.graphql_client import GraphQLClient, issue_key
from tests.quality.conftest import reviewers  # noqa: F401 - the quality tests' fixture, for ours


@pytest.fixture
async def desk(
    client: httpx.AsyncClient, database: Database
) -> tuple[GraphQLClient, GraphQLClient]:
    """(officer, manager): two people of the credit role; one requests, the other approves."""
    officer = GraphQLClient(client, await issue_key(database, Role.CREDIT, "credit-zhao"))
    manager = GraphQLClient(client, await issue_key(database, Role.CREDIT, "credit-qian"))
    return officer, manager
