"""Admins change the policy at runtime; the change applies on the next request, is audited,
and nobody else may make it."""

import asyncio

import httpx
import pytest
from typer.testing import CliRunner

from hub.app import create_app
from hub.cli import app as cli
from hub.config import Settings, get_settings
from hub.db.engine import Database
from hub.db.enums import Role
from tests import factories
from tests.authz.conftest import RoleClient
from tests.graphql_client import GraphQLClient, issue_key

ADD = """
mutation($input: PolicyLineInput!) {
  addPolicy(input: $input) { line { text } userErrors { field code message } }
}
"""
REMOVE = """
mutation($input: PolicyLineInput!) {
  removePolicy(input: $input) { line { text } userErrors { code } }
}
"""
DENY_EMAIL = {"ptype": "p", "values": ["crm", "field:Contact.email", "*", "deny"]}
CONTACT_EMAIL = "{ contacts { nodes { email } } }"


async def test_added_line_applies_on_the_next_request_and_is_audited(
    api: GraphQLClient, as_role: RoleClient
) -> None:
    hospital = await factories.institution(api)
    await factories.contact(api, hospital["id"], email="li@example.com")
    crm = await as_role(Role.CRM)
    assert (await crm.data(CONTACT_EMAIL))["contacts"]["nodes"] == [{"email": "li@example.com"}]
    added = (await api.data(ADD, input=DENY_EMAIL))["addPolicy"]
    assert added == {"line": {"text": "p, crm, field:Contact.email, *, deny"}, "userErrors": []}
    refused = await crm.execute(CONTACT_EMAIL)
    assert refused["data"]["contacts"]["nodes"] == [{"email": None}]
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    removed = (await api.data(REMOVE, input=DENY_EMAIL))["removePolicy"]
    assert removed["userErrors"] == []
    assert (await crm.data(CONTACT_EMAIL))["contacts"]["nodes"] == [{"email": "li@example.com"}]
    feed = await api.data('{ changes(entityTypes: ["PolicyLine"]) { events { action changes } } }')
    assert [event["action"] for event in feed["changes"]["events"]] == [
        "ADD_POLICY",
        "REMOVE_POLICY",
    ]


async def test_role_assignment_gives_a_key_another_role(
    api: GraphQLClient, client: httpx.AsyncClient, database: Database
) -> None:
    hospital = await factories.institution(api)
    await api.data(
        'mutation($id: ID!) { createContract(input: {number: "HT-9", institutionId: $id, '
        "kind: SERVICE}) { userErrors { code } } }",
        id=hospital["id"],
    )
    desk = GraphQLClient(client, await issue_key(database, Role.SERVICE, "desk-1"))
    assert await desk.data("{ contracts { totalCount } }") == {"contracts": {"totalCount": 0}}
    await api.data(ADD, input={"ptype": "g", "values": ["key:desk-1", "crm"]})
    assert await desk.data("{ contracts { totalCount } }") == {"contracts": {"totalCount": 1}}


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
async def test_only_admins_manage_policies(role: Role, as_role: RoleClient) -> None:
    caller = await as_role(role)
    body = await caller.execute(ADD, input=DENY_EMAIL)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    listing = await caller.execute("{ policies { text } }")
    assert listing["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_malformed_line_is_a_user_error(api: GraphQLClient) -> None:
    payload = (
        await api.data(ADD, input={"ptype": "p", "values": ["crm", "field:X", "read", "maybe"]})
    )["addPolicy"]
    assert payload["userErrors"][0]["code"] == "INVALID"


async def test_cli_change_reaches_a_running_server(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(database_url=database.url, policy_refresh_seconds=0)
    app = create_app(settings, database)
    crm_key = await issue_key(database, Role.CRM)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hub.test"
    ) as http:
        crm = GraphQLClient(http, crm_key)
        assert "errors" not in await crm.execute("{ contracts { totalCount } }")
        monkeypatch.setenv("HUB_DATABASE_URL", database.url)
        get_settings.cache_clear()
        result = await asyncio.to_thread(
            CliRunner().invoke, cli, ["policy", "add", "p", "crm", "op:changes", "call", "deny"]
        )
        get_settings.cache_clear()
        assert result.exit_code == 0, result.output
        body = await crm.execute("{ changes { lastSeq } }")
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
