"""Webhooks may not point into the hub's own network unless the allow-list names the host."""

from collections.abc import AsyncIterator

import httpx
import pytest

from hub.app import create_app
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from hub.webhooks.destinations import Allowlist, refusal
from hub.webhooks.dispatcher import Dispatcher
from tests import factories
from tests.graphql_client import GraphQLClient, issue_key
from tests.webhooks.conftest import CREATE_WEBHOOK, deliver_all, deliveries, register
from tests.webhooks.receiver import Receiver

UPDATE_URL = """
mutation($input: UpdateWebhookInput!) {
  updateWebhook(input: $input) { webhook { url } userErrors { field code message } }
}
"""
INTERNAL_URLS = [
    "http://127.0.0.1:8080/hooks",
    "http://127.8.9.10/hooks",
    "http://localhost:8080/hooks",
    "http://erp.localhost/hooks",
    "http://10.0.0.5/hooks",
    "http://172.16.1.1/hooks",
    "http://192.168.1.10/hooks",
    "http://169.254.169.254/latest/meta-data",
    "http://100.64.0.1/hooks",
    "http://0.0.0.0/hooks",
    "http://[::1]/hooks",
    "http://[fe80::1]/hooks",
    "http://[fd00::1]/hooks",
    "http://[::ffff:127.0.0.1]/hooks",
]


@pytest.fixture
async def strict_admin(settings: Settings, database: Database) -> AsyncIterator[GraphQLClient]:
    """An admin of a hub with the default settings: no internal destination allowed."""
    transport = httpx.ASGITransport(app=create_app(settings, database))
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http:
        yield GraphQLClient(http, await issue_key(database, Role.ADMIN, "strict-admin"))


async def test_internal_addresses_are_refused_at_registration(
    strict_admin: GraphQLClient,
) -> None:
    codes = {}
    for index, url in enumerate(INTERNAL_URLS):
        data = await strict_admin.data(CREATE_WEBHOOK, input={"name": f"h{index}", "url": url})
        payload = data["createWebhook"]
        codes[url] = [(error["field"], error["code"]) for error in payload["userErrors"]]

    assert codes == {url: [(["input", "url"], "INVALID")] for url in INTERNAL_URLS}


async def test_public_hosts_are_accepted(strict_admin: GraphQLClient) -> None:
    erp = await register(strict_admin, name="erp", url="https://erp.example/hooks")
    by_address = await register(strict_admin, name="wms", url="https://93.184.216.34/hooks")

    assert (erp["url"], by_address["url"]) == (
        "https://erp.example/hooks",
        "https://93.184.216.34/hooks",
    )


async def test_a_webhook_cannot_be_moved_to_an_internal_address(
    strict_admin: GraphQLClient,
) -> None:
    hook = await register(strict_admin, name="erp", url="https://erp.example/hooks")

    data = await strict_admin.data(
        UPDATE_URL, input={"id": hook["id"], "url": "http://10.1.2.3/hooks"}
    )

    (error,) = data["updateWebhook"]["userErrors"]
    assert (error["field"], error["code"]) == (["input", "url"], "INVALID")
    assert "HUB_WEBHOOK_ALLOW_PRIVATE" in error["message"]


async def test_the_allow_list_admits_exactly_the_hosts_it_names(admin: GraphQLClient) -> None:
    # The test settings allow 127.0.0.1 (the receiver) and nothing else.
    allowed = await admin.data(CREATE_WEBHOOK, input={"name": "a", "url": "http://127.0.0.1/h"})
    other = await admin.data(CREATE_WEBHOOK, input={"name": "b", "url": "http://127.0.0.2/h"})

    assert allowed["createWebhook"]["userErrors"] == []
    assert [error["code"] for error in other["createWebhook"]["userErrors"]] == ["INVALID"]


def test_the_allow_list_takes_networks_and_host_names() -> None:
    allowlist = Allowlist(["10.20.0.0/16", "erp.corp.internal"])

    assert refusal("10.20.3.4", allowlist) is None
    assert refusal("10.21.3.4", allowlist) is not None
    assert refusal("erp.corp.internal", allowlist) is None
    assert refusal("wms.corp.internal", allowlist) is not None


async def test_a_stored_internal_url_is_not_delivered_to_without_the_allow_list(
    admin: GraphQLClient,
    receiver: Receiver,
    hub_app: object,
    webhook_settings: Settings,
    database: Database,
) -> None:
    # Registered while the allow-list named 127.0.0.1; the operator has since removed it.
    hook = await register(admin, name="erp", url=receiver.url, entityTypes=["Institution"])
    await factories.institution(admin, code="SH-1")
    strict = webhook_settings.model_copy(update={"webhook_allow_private": []})
    graphql = hub_app.state.graphql  # type: ignore[attr-defined]
    dispatcher = Dispatcher(database, strict, graphql.policy, graphql.notifier)
    try:
        await deliver_all(dispatcher, database)
    finally:
        await dispatcher.aclose()

    failed = await deliveries(admin, hook["id"], "FAILED")
    assert [item["lastStatusCode"] for item in failed] == [None]
    assert "loopback, link-local or private" in failed[0]["lastError"]
    assert receiver.requests == []
