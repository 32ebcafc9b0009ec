"""A nested query costs SQL statements per level, not per row."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from hub.db.engine import Database, is_transaction_control
from tests import factories
from tests.graphql_client import GraphQLClient

NESTED = """
query Nested($first: Int) {
  institutions(first: $first) {
    nodes {
      name
      parent { name }
      contacts { name certificates { number } }
      devices { serialNumber deviceModel { name } batch { lotNumber } tickets { number } }
      contracts { number devices { serialNumber } }
      certificates { number }
      tickets(statuses: [OPEN]) { number device { serialNumber } contact { name } }
      maintenanceDue(withinDays: 366) { dueOn device { serialNumber } }
      serviceMetrics(from: "2020-01-01", to: "2029-12-31") { opened }
    }
  }
}
"""


@contextmanager
def counted_statements(database: Database) -> Iterator[list[str]]:
    """Collect every SQL statement the engine sends while the block runs."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not is_transaction_control(statement):
            statements.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)


async def _populate(api: GraphQLClient, count: int) -> None:
    model = await factories.device_model(api)
    lot = await factories.batch(api, model["id"])
    group = await factories.institution(api, name="集团总部")
    for index in range(count):
        hospital = await factories.institution(api, name=f"医院{index:03d}", parentId=group["id"])
        person = await factories.contact(api, hospital["id"], name=f"联系人{index}")
        device = await factories.device(
            api,
            model["id"],
            serialNumber=f"SN{index:04d}",
            batchId=lot["id"],
            institutionId=hospital["id"],
            status="INSTALLED",
            nextMaintenanceOn="2025-01-01",
        )
        await factories.ticket(api, hospital["id"], deviceId=device["id"], contactId=person["id"])


async def _statements_for(api: GraphQLClient, database: Database, first: int) -> int:
    with counted_statements(database) as statements:
        data = await api.data(NESTED, first=first)
    assert len(data["institutions"]["nodes"]) == first
    return len(statements)


async def test_nested_query_cost_does_not_grow_with_rows(
    api: GraphQLClient, database: Database
) -> None:
    await _populate(api, 50)
    small = await _statements_for(api, database, 5)
    large = await _statements_for(api, database, 50)
    assert small == large
    # API key, count, page, then one statement per relation: parent, contacts, their
    # certificates, devices, models, batches, device tickets, contracts, covered devices,
    # certificates, open tickets, their contacts (their devices come from the device loader),
    # due maintenance (with its devices) and service KPIs.
    assert large == 17


async def test_every_nested_row_is_resolved(api: GraphQLClient) -> None:
    await _populate(api, 3)
    data = await api.data(NESTED, first=4)
    hospitals = [n for n in data["institutions"]["nodes"] if n["name"].startswith("医院")]
    assert [h["devices"][0]["batch"]["lotNumber"] for h in hospitals] == ["2405A012"] * 3
    assert [h["tickets"][0]["contact"]["name"] for h in hospitals] == [
        "联系人0",
        "联系人1",
        "联系人2",
    ]
    assert all(h["parent"] == {"name": "集团总部"} for h in hospitals)
    assert [h["maintenanceDue"] for h in hospitals] == [
        [{"dueOn": "2025-01-01", "device": {"serialNumber": f"SN{index:04d}"}}]
        for index in range(3)
    ]
    assert [h["serviceMetrics"] for h in hospitals] == [{"opened": 1}] * 3
