"""The archive on an institution page costs SQL statements per level, not per row."""

import pytest

from hub.db.engine import Database
from tests import factories
from tests.graphql_client import GraphQLClient, logged

ARCHIVE = """
query Archive($first: Int!) {
  institutions(first: $first, orderBy: {field: NAME}) {
    nodes {
      departments { code contacts { name } devices { serialNumber } }
      interactions { kind contacts { name } department { code } }
      trainings { deviceModel { name } attendees { certificateNumber contact { name } } }
    }
  }
}
"""


async def _populate(api: GraphQLClient, count: int) -> None:
    model = await factories.device_model(api)
    for index in range(count):
        hospital = await factories.institution(api, name=f"医院{index:03d}")
        cardiology = await factories.department(api, hospital["id"], name="心内科")
        person = await factories.contact(
            api, hospital["id"], name=f"医生{index}", department="心内"
        )
        await factories.device(
            api,
            model["id"],
            serialNumber=f"SN{index:04d}",
            institutionId=hospital["id"],
            departmentId=cardiology["id"],
        )
        await factories.interaction(
            api, hospital["id"], departmentId=cardiology["id"], contactIds=[person["id"]]
        )
        await factories.training(
            api,
            hospital["id"],
            cardiology["id"],
            model["id"],
            attendees=[{"contactId": person["id"], "certificateNumber": f"OP-{index}"}],
        )


async def _statements_for(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture, first: int
) -> int:
    line = await logged(caplog, api, ARCHIVE, first=first)
    nodes = line["body"]["data"]["institutions"]["nodes"]
    assert len(nodes) == first
    assert all(node["trainings"][0]["attendees"][0]["contact"]["name"] for node in nodes)
    # SQLite wraps a request's reads in BEGIN ... ROLLBACK; PostgreSQL reads in autocommit.
    return int(line["sql_statements"]) - (2 if database.dialect == "sqlite" else 0)


async def test_the_archive_of_many_institutions_costs_what_one_costs(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    await _populate(api, 8)
    one = await _statements_for(api, database, caplog, 1)
    eight = await _statements_for(api, database, caplog, 8)
    assert one == eight
    # The page (no COUNT: totalCount is not asked for; the API key is remembered), then one per
    # relation: departments, their contacts, their devices, interactions, their contacts, their
    # departments, trainings, models, attendees, contacts.
    assert eight == 11
