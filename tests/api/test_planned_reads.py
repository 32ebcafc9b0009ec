"""Queries answered from a look-ahead at the selection equal the field-by-field answers."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from hub.app import create_app
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from hub.schema.connection import encode_cursor
from tests import factories
from tests.graphql_client import GraphQLClient, issue_key

ACCOUNT_VIEW = """
query AccountView($code: String!) {
  institution(code: $code) {
    id code name kind uscc regionCode status tags
    contacts { name title mobile email }
    certificates { kind number validTo reviewStatus }
    devices(first: 20) { serialNumber status warrantyEndsOn deviceModel { name deviceClass } }
    tickets(statuses: [OPEN, ASSIGNED, IN_PROGRESS]) { number status priority summary dueAt }
  }
}
"""

LIST_SHAPES = """
fragment Unit on Device { serialNumber batch { lotNumber } }
query Lists($after: String) {
  first: institutions(first: 2, orderBy: {field: NAME}) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { __typename id name parent { name } } }
  }
  rest: institutions(first: 5, after: $after, orderBy: {field: NAME}) {
    nodes { name devices(first: 1) { ...Unit deviceModel { name } } children { name } }
    pageInfo { hasNextPage }
  }
}
"""


@pytest.fixture
async def field_by_field(
    settings: Settings, database: Database
) -> AsyncIterator[httpx.AsyncClient]:
    """The same hub with planned reads switched off."""
    app = create_app(settings.model_copy(update={"planned_reads": False}), database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http:
        yield http


async def _populate(api: GraphQLClient) -> str:
    model = await factories.device_model(api)
    lot = await factories.batch(api, model["id"])
    group = await factories.institution(api, name="集团总部", tags=["重点客户"])
    code = ""
    for index in range(3):
        hospital = await factories.institution(api, name=f"医院{index}", parentId=group["id"])
        code = code or hospital["code"]
        person = await factories.contact(api, hospital["id"], name=f"联系人{index}")
        for serial in range(2):
            await factories.device(
                api,
                model["id"],
                serialNumber=f"SN{index}{serial}",
                batchId=lot["id"] if serial else None,
                institutionId=hospital["id"],
            )
        await factories.ticket(api, hospital["id"], contactId=person["id"])
    return code


async def _both(
    api: GraphQLClient, field_by_field: httpx.AsyncClient, key: str, query: str, **variables: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    planned = await GraphQLClient(api.http, key).execute(query, **variables)
    general = await GraphQLClient(field_by_field, key).execute(query, **variables)
    return planned, general


async def test_the_account_view_is_the_same_either_way(
    api: GraphQLClient, field_by_field: httpx.AsyncClient
) -> None:
    code = await _populate(api)
    planned, general = await _both(api, field_by_field, api.key, ACCOUNT_VIEW, code=code)
    assert "errors" not in planned
    assert planned == general
    assert [d["serialNumber"] for d in planned["data"]["institution"]["devices"]] == [
        "SN00",
        "SN01",
    ]


async def test_pages_edges_fragments_and_aliases_are_the_same_either_way(
    api: GraphQLClient, field_by_field: httpx.AsyncClient
) -> None:
    await _populate(api)
    after = encode_cursor(0)
    planned, general = await _both(api, field_by_field, api.key, LIST_SHAPES, after=after)
    assert "errors" not in planned
    assert planned == general
    assert planned["data"]["first"]["totalCount"] == 4
    assert planned["data"]["first"]["pageInfo"]["hasNextPage"] is True


async def test_masked_fields_read_as_strictly_either_way(
    api: GraphQLClient, field_by_field: httpx.AsyncClient, database: Database
) -> None:
    code = await _populate(api)
    auditor = await issue_key(database, Role.AUDITOR)
    planned, general = await _both(api, field_by_field, auditor, ACCOUNT_VIEW, code=code)
    assert planned == general
    assert planned["data"]["institution"]["contacts"][0]["mobile"] == "138****5678"


async def test_denied_fields_are_refused_either_way(
    api: GraphQLClient, field_by_field: httpx.AsyncClient, database: Database
) -> None:
    code = await _populate(api)
    crm = await issue_key(database, Role.CRM)
    planned, general = await _both(api, field_by_field, crm, ACCOUNT_VIEW, code=code)
    assert planned == general
    assert {error["extensions"]["code"] for error in planned["errors"]} == {"FORBIDDEN"}


async def test_a_row_outside_the_callers_units_is_refused_either_way(
    api: GraphQLClient, field_by_field: httpx.AsyncClient, database: Database
) -> None:
    code = await _populate(api)
    elsewhere = await issue_key(database, Role.SALES, org_path="cn/west")
    planned, general = await _both(api, field_by_field, elsewhere, ACCOUNT_VIEW, code=code)
    assert planned == general
    assert planned["data"]["institution"] is None
