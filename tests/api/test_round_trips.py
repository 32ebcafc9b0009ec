"""Round trips per request, as the access log counts them: every statement sent, BEGIN,
COMMIT and ROLLBACK included."""

import pytest
from sqlalchemy import text

from hub.db.engine import Database
from hub.db.enums import Role
from tests import factories
from tests.api.test_planned_reads import ACCOUNT_VIEW
from tests.graphql_client import GraphQLClient, issue_key, logged


async def _account(api: GraphQLClient) -> str:
    model = await factories.device_model(api)
    hospital = await factories.institution(api)
    person = await factories.contact(api, hospital["id"])
    for serial in range(3):
        await factories.device(
            api, model["id"], serialNumber=f"SN{serial}", institutionId=hospital["id"]
        )
    await factories.ticket(api, hospital["id"], contactId=person["id"])
    return str(hospital["code"])


async def test_the_account_view_costs_six_statements_and_no_transaction_control(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    code = await _account(api)
    line = await logged(caplog, api, ACCOUNT_VIEW, code=code)
    assert "errors" not in line["body"]
    assert line["planned_reads"] is True
    # The institution, its contacts, certificates, devices, their models and open tickets, on
    # one connection: PostgreSQL reads in autocommit (no BEGIN/ROLLBACK, no ping on checkout);
    # SQLite wraps the request's reads in one BEGIN ... ROLLBACK.
    transaction_control = 2 if database.dialect == "sqlite" else 0
    assert line["sql_statements"] == 6 + transaction_control


async def test_the_cost_does_not_grow_with_the_account(
    api: GraphQLClient, caplog: pytest.LogCaptureFixture
) -> None:
    code = await _account(api)
    small = await logged(caplog, api, ACCOUNT_VIEW, code=code)
    hospital = (await api.data(ACCOUNT_VIEW, code=code))["institution"]
    model = await factories.device_model(api, name="另一型号")
    for serial in range(10):
        await factories.device(
            api, model["id"], serialNumber=f"MORE{serial}", institutionId=hospital["id"]
        )
    large = await logged(caplog, api, ACCOUNT_VIEW, code=code)
    assert len(large["body"]["data"]["institution"]["devices"]) == 13
    assert large["sql_statements"] == small["sql_statements"]


async def test_a_caller_whose_fields_are_masked_is_answered_field_by_field(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    code = await _account(api)
    auditor = GraphQLClient(api.http, await issue_key(database, Role.AUDITOR))
    await auditor.data(ACCOUNT_VIEW, code=code)
    line = await logged(caplog, auditor, ACCOUNT_VIEW, code=code)
    assert line["planned_reads"] is False
    assert line["body"]["data"]["institution"]["contacts"][0]["mobile"] == "138****5678"


async def test_a_list_counts_only_when_the_total_is_asked_for(
    api: GraphQLClient, caplog: pytest.LogCaptureFixture
) -> None:
    await _account(api)
    without = await logged(caplog, api, "{ institutions(first: 5) { nodes { name } } }")
    counted = await logged(caplog, api, "{ institutions(first: 5) { totalCount } }")
    assert counted["sql_statements"] == without["sql_statements"] + 1
    assert counted["body"]["data"]["institutions"]["totalCount"] == 1


async def _drop_pooled_connections(database: Database) -> None:
    """What a database restart does to the pool: every connection it holds is gone."""
    if database.dialect == "sqlite":
        await database.engine.dispose()
        return
    async with database.engine.connect() as admin:
        await admin.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )


async def test_a_read_on_a_dropped_connection_is_retried_on_a_fresh_one(
    api: GraphQLClient, database: Database
) -> None:
    code = await _account(api)
    await api.data(ACCOUNT_VIEW, code=code)
    await _drop_pooled_connections(database)
    data = await api.data(ACCOUNT_VIEW, code=code)
    assert data["institution"]["code"] == code
