"""Fixtures of the console's browser tests: the demo served by `hub serve` per backend, and
one headless Chromium for the module."""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest
from selenium import webdriver
from starlette.applications import Starlette

from hub.app import create_app
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from hub.demo.loader import prepare_demo
from tests import demo_copies
from tests.conftest import BACKENDS, POSTGRES_URL
from tests.console.live_site import DemoSite, chromium, free_port, start_hub, stop_hub
from tests.console.visitors import PASSWORD, Visitor, add_person

SignIn = Callable[..., Awaitable[Visitor]]


@pytest.fixture
def console_app(settings: Settings, database: Database) -> Starlette:
    """The hub's ASGI app on the test database."""
    return create_app(settings, database)


@pytest.fixture
async def visitor(console_app: Starlette) -> AsyncIterator[Visitor]:
    """A browser-like client that has not signed in."""
    client = Visitor(console_app)
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture
async def signed_in(console_app: Starlette, database: Database) -> AsyncIterator[SignIn]:
    """Signs in a new person of a role (and organisation unit) and returns their client."""
    clients: list[Visitor] = []

    async def sign_in(role: Role, org_path: str = "cn") -> Visitor:
        client = Visitor(console_app)
        clients.append(client)
        username = await add_person(database, role, org_path)
        answer = await client.sign_in(username=username, password=PASSWORD)
        assert answer.status_code == 303
        return client

    try:
        yield sign_in
    finally:
        for client in clients:
            await client.aclose()


@pytest.fixture(scope="module", params=BACKENDS)
async def demo_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[DemoSite]:
    """The demo data, loaded by `hub demo`'s own loader, behind a live `hub serve`."""
    url = await demo_copies.copy(request.param, tmp_path_factory.mktemp("console"), POSTGRES_URL)
    # On a loaded database this only hands out fresh keys and passwords, as `hub demo` does.
    access = await prepare_demo(Settings(database_url=url), reset=False)
    port = free_port()
    process = start_hub(url, port)
    try:
        yield DemoSite(
            url=f"http://127.0.0.1:{port}/console",
            database_url=url,
            people={person.username: person for person in access.people},
        )
    finally:
        stop_hub(process)
        await demo_copies.discard(url, POSTGRES_URL)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    """One Chromium for every test of the module (signing in again per test)."""
    driver = chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()
