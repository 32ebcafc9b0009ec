"""Change-feed latency: from a committed mutation to the subscriber receiving its event.

    HUB_DATABASE_URL=sqlite+aiosqlite:////tmp/feed.db python bench/feed_latency.py --events 200

Runs the real app in-process (HTTP and WebSocket through one ASGI transport), subscribes to
`changes`, then creates institutions one by one; for each, the clock runs from the mutation's
response (the commit is done) to the matching event arriving on the WebSocket.
"""

import argparse
import asyncio
import statistics
import time

import httpx
from httpx_ws import aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from hub.app import create_app
from hub.audit.writer import Author
from hub.authz.api_keys import create_key
from hub.authz.bootstrap import prepare_database
from hub.config import Settings, get_settings
from hub.db.engine import Database
from hub.db.enums import Role

CREATE = (
    "mutation($n: String!) { createInstitution(input: {name: $n, kind: CLINIC}) "
    "{ institution { id } } }"
)
FEED = "subscription($after: BigInt!) { changes(after: $after) { seq entityId } }"


async def run(events: int) -> None:
    """Measure `events` round trips and print p50/p95/max in milliseconds."""
    settings = Settings(database_url=get_settings().database_url, log_level="WARNING")
    database = Database(settings.database_url)
    await prepare_database(database)
    async with database.transaction() as session:
        key = (
            await create_key(session, Author("bench"), f"feed-{time.time_ns()}", Role.ADMIN)
        ).secret
    headers = {"Authorization": f"Bearer {key}"}
    transport = ASGIWebSocketTransport(app=create_app(settings, database))
    latencies: list[float] = []
    async with httpx.AsyncClient(
        transport=transport, base_url="http://hub", headers=headers
    ) as http:
        feed = await http.post("/graphql", json={"query": "{ changes(first: 0) { lastSeq } }"})
        cursor = feed.json()["data"]["changes"]["lastSeq"]
        async with aconnect_ws("/graphql", http, subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send_json({"type": "connection_init", "payload": headers})
            await ws.receive_json()
            await ws.send_json(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": FEED, "variables": {"after": cursor}},
                }
            )
            for index in range(events):
                response = await http.post(
                    "/graphql", json={"query": CREATE, "variables": {"n": f"延迟测试{index}"}}
                )
                committed = time.perf_counter()
                wanted = response.json()["data"]["createInstitution"]["institution"]["id"]
                while (await ws.receive_json(timeout=10))["payload"]["data"]["changes"][
                    "entityId"
                ] != wanted:
                    pass
                latencies.append((time.perf_counter() - committed) * 1000)
    await database.dispose()
    ordered = sorted(latencies)
    print(f"{settings.database_url.split(':')[0]}: {events} events")
    print(
        f"latency ms  p50 {statistics.median(ordered):.2f}  "
        f"p95 {ordered[int(0.95 * len(ordered)) - 1]:.2f}  max {ordered[-1]:.2f}"
    )


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    asyncio.run(run(parser.parse_args().events))


if __name__ == "__main__":
    main()
