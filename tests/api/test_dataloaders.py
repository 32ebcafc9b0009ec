"""A nested query costs SQL statements per level, not per row."""

import pytest

from hub.db.engine import Database
from tests import factories
from tests.graphql_client import GraphQLClient, logged

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


async def _statements_for(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture, first: int
) -> int:
    line = await logged(caplog, api, NESTED, first=first)
    assert len(line["body"]["data"]["institutions"]["nodes"]) == first
    # SQLite wraps a request's reads in BEGIN ... ROLLBACK; PostgreSQL reads in autocommit.
    return int(line["sql_statements"]) - (2 if database.dialect == "sqlite" else 0)


async def test_nested_query_cost_does_not_grow_with_rows(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    await _populate(api, 50)
    small = await _statements_for(api, database, caplog, 5)
    large = await _statements_for(api, database, caplog, 50)
    assert small == large
    # The page (no COUNT: totalCount is not asked for; the API key is remembered from the
    # requests before), then one statement per relation: parent, contacts, their certificates,
    # devices, models, batches, device tickets, contracts, covered devices, certificates, open
    # tickets, their contacts (their devices come from the device loader), then due
    # maintenance and service KPIs with the lookups they share (measured: 6 more). The count
    # is the same for 2 institutions as for 20.
    assert large == 19


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
