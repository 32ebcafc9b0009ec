"""Fixtures for the client tests: a live hub per test, and keys and clients for it."""

from collections.abc import Iterator

import pytest
from hub_client import HubClient

from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from tests.clients.live import LiveHub
from tests.graphql_client import issue_key


@pytest.fixture
def live_hub(settings: Settings) -> Iterator[LiveHub]:
    """A running hub on the test database."""
    server = LiveHub(settings)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def admin_key(database: Database) -> str:
    """An admin service account's key."""
    return await issue_key(database, Role.ADMIN, "client-admin")


@pytest.fixture
def admin_hub(live_hub: LiveHub, admin_key: str) -> Iterator[HubClient]:
    """A HubClient for the live hub, as admin."""
    with HubClient(live_hub.url, api_key=admin_key) as client:
        yield client
