"""The app with its webhook machinery, a live receiver, and helpers to drive the dispatcher."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from starlette.applications import Starlette

from hub.app import create_app, webhook_dispatcher
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import DeliveryStatus, Role
from hub.db.webhook import WebhookDelivery
from hub.webhooks.dispatcher import Dispatcher
from tests.graphql_client import GraphQLClient, issue_key
from tests.webhooks.receiver import Receiver, serving

CREATE_WEBHOOK = """
mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    webhook { id name url entityTypes active role orgPath version }
    secret
    userErrors { field code message }
  }
}
"""
DELIVERIES = """
query($id: ID!, $status: DeliveryStatus) {
  webhookDeliveries(webhookId: $id, status: $status) {
    deliveries { id eventSeq status attempts lastStatusCode lastError nextAttemptAt deliveredAt }
    hasMore
  }
}
"""


@pytest.fixture
def webhook_settings(settings: Settings) -> Settings:
    """Test settings: three attempts, backoffs of milliseconds, a short poll, and the test
    receiver's loopback address allowed as a destination."""
    return settings.model_copy(
        update={
            "webhook_backoff_base_seconds": 0.01,
            "webhook_backoff_cap_seconds": 0.04,
            "webhook_max_attempts": 3,
            "webhook_timeout_seconds": 5.0,
            "webhook_poll_seconds": 0.2,
            "webhook_allow_private": ["127.0.0.1"],
        }
    )


@pytest.fixture
def hub_app(webhook_settings: Settings, database: Database) -> Starlette:
    """The real app (its lifespan, and so its own dispatcher, is entered only when a test
    asks for it)."""
    return create_app(webhook_settings, database)


@pytest.fixture
async def hub_http(hub_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app."""
    transport = httpx.ASGITransport(app=hub_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http:
        yield http


@pytest.fixture
async def admin(hub_http: httpx.AsyncClient, database: Database) -> GraphQLClient:
    """An admin client."""
    return GraphQLClient(hub_http, await issue_key(database, Role.ADMIN, "admin"))


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    """A live HTTP receiver on 127.0.0.1."""
    async with serving() as live:
        yield live


@pytest.fixture
async def dispatcher(hub_app: Starlette) -> AsyncIterator[Dispatcher]:
    """A dispatcher sharing the app's policy engine and notifier, driven by the test."""
    worker = webhook_dispatcher(hub_app)
    yield worker
    await worker.aclose()


async def register(admin: GraphQLClient, **input: Any) -> dict[str, Any]:
    """Create a webhook that must be accepted; returns {webhook fields, secret}."""
    payload = (await admin.data(CREATE_WEBHOOK, input=input))["createWebhook"]
    assert payload["userErrors"] == []
    return {**payload["webhook"], "secret": payload["secret"]}


async def count_pending(database: Database) -> int:
    """How many deliveries are still PENDING."""
    statement = select(func.count()).where(WebhookDelivery.status == DeliveryStatus.PENDING)
    async with database.reader() as session:
        return (await session.execute(statement)).scalar_one()


async def drive(
    dispatcher: Dispatcher,
    done: Callable[[], Awaitable[bool]],
    rounds: int = 500,
) -> None:
    """Step the dispatcher until `done()`; between idle steps, yield briefly to the clock so
    that backoffs of a few milliseconds fall due."""
    for _ in range(rounds):
        if await done():
            return
        if not await dispatcher.step():
            await asyncio.sleep(0.005)
    raise AssertionError("the dispatcher did not finish")


async def deliver_all(dispatcher: Dispatcher, database: Database) -> None:
    """Enqueue everything and step until no delivery is PENDING."""
    await dispatcher.enqueue()

    async def settled() -> bool:
        return await count_pending(database) == 0

    await drive(dispatcher, settled)


async def deliveries(admin: GraphQLClient, webhook_id: str, status: str | None = None) -> Any:
    """The webhook's deliveries, as the admin API shows them."""
    data = await admin.data(DELIVERIES, id=webhook_id, status=status)
    return data["webhookDeliveries"]["deliveries"]
