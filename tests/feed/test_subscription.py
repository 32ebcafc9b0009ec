"""The live change feed over graphql-transport-ws: replay, streaming, permissions, resume."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from httpx_ws import AsyncWebSocketSession, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from hub.app import create_app
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from tests import factories
from tests.graphql_client import GraphQLClient, issue_key

SHANGHAI = "cn/east/shanghai"
FEED = "subscription($after: BigInt!) { changes(after: $after) { seq entityType entityId } }"


@asynccontextmanager
async def hub_client(settings: Settings, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """A client that speaks both HTTP and WebSocket to the real app, in this event loop.

    Entered inside each test: the transport's task group must close in the task that opened it.
    """
    app = create_app(settings, database)
    transport = ASGIWebSocketTransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield client
    # The transport runs no lifespan, so stop listening here as the app's shutdown would.
    await app.state.graphql.notifier.aclose()


async def _subscribe(ws: AsyncWebSocketSession, key: str, after: int) -> dict[str, Any]:
    await ws.send_json({"type": "connection_init", "payload": {"Authorization": f"Bearer {key}"}})
    ack = await ws.receive_json()
    await ws.send_json(
        {
            "id": "feed",
            "type": "subscribe",
            "payload": {"query": FEED, "variables": {"after": after}},
        }
    )
    return ack


async def _next_event(ws: AsyncWebSocketSession) -> dict[str, Any]:
    message = await ws.receive_json(timeout=10)
    assert message["type"] == "next", message
    return message["payload"]["data"]["changes"]


async def test_replays_then_streams_new_events(settings: Settings, database: Database) -> None:
    async with hub_client(settings, database) as http:
        admin = GraphQLClient(http, await issue_key(database, Role.ADMIN, "admin"))
        first = await factories.institution(admin, name="甲医院")
        async with aconnect_ws("/graphql", http, subprotocols=["graphql-transport-ws"]) as ws:
            ack = await _subscribe(ws, admin.key, 0)
            assert ack["type"] == "connection_ack"
            replayed = [await _next_event(ws) for _ in range(2)]  # the key, then the institution
            assert replayed[1]["entityId"] == first["id"]
            second = await factories.institution(admin, name="乙医院")
            streamed = await _next_event(ws)
            assert streamed["entityId"] == second["id"]
            assert streamed["seq"] > replayed[1]["seq"]


async def test_reconnecting_with_the_last_cursor_misses_nothing_and_repeats_nothing(
    settings: Settings, database: Database
) -> None:
    async with hub_client(settings, database) as http:
        admin = GraphQLClient(http, await issue_key(database, Role.ADMIN, "admin"))
        created = [await factories.institution(admin, name=f"医院{i}") for i in range(4)]
        seen: list[dict[str, Any]] = []
        async with aconnect_ws("/graphql", http, subprotocols=["graphql-transport-ws"]) as ws:
            await _subscribe(ws, admin.key, 0)
            seen += [await _next_event(ws) for _ in range(3)]
        # The connection is gone mid-stream; more changes happen meanwhile.
        created += [await factories.institution(admin, name="断线期间")]
        async with aconnect_ws("/graphql", http, subprotocols=["graphql-transport-ws"]) as ws:
            await _subscribe(ws, admin.key, seen[-1]["seq"])
            seen += [await _next_event(ws) for _ in range(3)]
        seqs = [event["seq"] for event in seen]
        assert seqs == sorted(set(seqs))
        assert [event["entityId"] for event in seen[1:]] == [record["id"] for record in created]


async def test_a_sales_subscriber_never_receives_another_branch(
    settings: Settings, database: Database
) -> None:
    async with hub_client(settings, database) as http:
        admin = GraphQLClient(http, await issue_key(database, Role.ADMIN, "admin"))
        sales_key = await issue_key(database, Role.SALES, "sales-sh", org_path=SHANGHAI)
        await factories.institution(admin, name="北京的", orgPath="cn/north/beijing")
        own = await factories.institution(admin, name="上海的", orgPath=SHANGHAI)
        await factories.contact(admin, own["id"], name="王芳", mobile="13812345678")
        async with aconnect_ws("/graphql", http, subprotocols=["graphql-transport-ws"]) as ws:
            await _subscribe(ws, sales_key, 0)
            first = await _next_event(ws)
            second = await _next_event(ws)
        assert (first["entityId"], second["entityType"]) == (own["id"], "Contact")


async def test_a_connection_without_credentials_is_refused(
    settings: Settings, database: Database
) -> None:
    async with (
        hub_client(settings, database) as http,
        aconnect_ws("/graphql", http, subprotocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init", "payload": {}})
        with pytest.raises(Exception, match=r"4403|Forbidden"):
            await ws.receive_json(timeout=5)
