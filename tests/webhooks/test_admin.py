"""Managing webhooks: admin only, validated input, the secret shown once, CLI commands."""

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from hub.api import build_schema
from hub.cli import app
from hub.config import Settings, get_settings
from hub.db.engine import Database
from hub.db.enums import Role
from tests.graphql_client import GraphQLClient, issue_key
from tests.webhooks.conftest import CREATE_WEBHOOK, register

runner = CliRunner()
UPDATE = """
mutation($input: UpdateWebhookInput!) {
  updateWebhook(input: $input) {
    webhook { url entityTypes active role version }
    userErrors { field code }
  }
}
"""
DELETE = """
mutation($id: ID!) { deleteWebhook(input: {id: $id}) { webhook { name } userErrors { code } } }
"""
LIST = "{ webhooks { name url entityTypes role orgPath active } }"
FEED = '{ changes(entityTypes: ["Webhook"]) { events { action entityId changes } } }'


@pytest.mark.parametrize("role", [role for role in Role if role is not Role.ADMIN])
async def test_only_admins_manage_webhooks(
    role: Role, admin: GraphQLClient, database: Database
) -> None:
    hook = await register(admin, name="erp", url="https://erp.example/hooks")
    caller = GraphQLClient(admin.http, await issue_key(database, role))
    refusals = [
        await caller.execute(CREATE_WEBHOOK, input={"name": "x", "url": "https://x.example"}),
        await caller.execute(LIST),
        await caller.execute(
            "query($id: ID!) { webhookDeliveries(webhookId: $id) { hasMore } }", id=hook["id"]
        ),
        await caller.execute(DELETE, id=hook["id"]),
    ]
    assert [body["errors"][0]["extensions"]["code"] for body in refusals] == ["FORBIDDEN"] * 4
    assert [item["name"] for item in (await admin.data(LIST))["webhooks"]] == ["erp"]


@pytest.mark.parametrize(
    "url",
    ["ftp://files.example/in", "erp.example/hooks", "https:///no-host", "https://u:p@erp.example"],
)
async def test_a_url_that_is_not_http_is_a_user_error(url: str, admin: GraphQLClient) -> None:
    payload = (await admin.data(CREATE_WEBHOOK, input={"name": "erp", "url": url}))["createWebhook"]
    assert payload["webhook"] is None
    assert payload["secret"] is None
    assert [(error["field"], error["code"]) for error in payload["userErrors"]] == [
        (["input", "url"], "INVALID")
    ]


async def test_an_unknown_entity_type_is_a_user_error(admin: GraphQLClient) -> None:
    payload = (
        await admin.data(
            CREATE_WEBHOOK,
            input={"name": "erp", "url": "https://erp.example", "entityTypes": ["Contact", "Car"]},
        )
    )["createWebhook"]
    assert [(error["field"], error["code"]) for error in payload["userErrors"]] == [
        (["input", "entityTypes", "1"], "INVALID")
    ]


async def test_a_second_webhook_with_the_same_name_is_a_duplicate(admin: GraphQLClient) -> None:
    await register(admin, name="erp", url="https://erp.example")
    payload = (await admin.data(CREATE_WEBHOOK, input={"name": "erp", "url": "https://b.example"}))[
        "createWebhook"
    ]
    assert [error["code"] for error in payload["userErrors"]] == ["DUPLICATE"]


async def test_defaults_are_all_types_as_auditor_for_the_whole_company(
    admin: GraphQLClient,
) -> None:
    hook = await register(admin, name="erp", url="https://erp.example/hooks")
    assert (hook["entityTypes"], hook["role"], hook["orgPath"], hook["active"]) == (
        [],
        "AUDITOR",
        "cn",
        True,
    )
    assert hook["secret"].startswith("whsec_")


def test_no_webhook_type_can_show_the_secret() -> None:
    schema = build_schema(Settings())._schema
    assert "secret" not in schema.type_map["Webhook"].fields  # type: ignore[union-attr]


async def test_the_audit_trail_records_changes_but_never_the_secret(
    admin: GraphQLClient,
) -> None:
    hook = await register(admin, name="erp", url="https://erp.example/hooks")
    await admin.data(
        "mutation($id: ID!) { rotateWebhookSecret(input: {id: $id}) { secret } }", id=hook["id"]
    )
    trail = (await admin.data(FEED))["changes"]["events"]
    assert [(event["action"], event["entityId"]) for event in trail] == [
        ("CREATE", hook["id"]),
        ("ROTATE_SECRET", hook["id"]),
    ]
    assert trail[0]["changes"]["url"] == {"before": None, "after": "https://erp.example/hooks"}
    assert hook["secret"] not in str(trail)
    assert "secret" not in trail[0]["changes"]


async def test_an_update_changes_only_what_is_given(admin: GraphQLClient) -> None:
    hook = await register(admin, name="erp", url="https://erp.example/hooks")
    payload = (
        await admin.data(
            UPDATE,
            input={"id": hook["id"], "entityTypes": ["Device"], "role": "WMS", "active": False},
        )
    )["updateWebhook"]
    assert payload == {
        "webhook": {
            "url": "https://erp.example/hooks",
            "entityTypes": ["Device"],
            "active": False,
            "role": "WMS",
            "version": 2,
        },
        "userErrors": [],
    }


async def test_an_update_against_an_old_version_is_a_conflict(admin: GraphQLClient) -> None:
    hook = await register(admin, name="erp", url="https://erp.example/hooks")
    await admin.data(UPDATE, input={"id": hook["id"], "active": False})
    payload = (
        await admin.data(UPDATE, input={"id": hook["id"], "active": True, "expectedVersion": 1})
    )["updateWebhook"]
    assert payload["userErrors"] == [{"field": ["input", "expectedVersion"], "code": "CONFLICT"}]


async def test_an_update_to_a_bad_url_is_a_user_error(admin: GraphQLClient) -> None:
    hook = await register(admin, name="erp", url="https://erp.example/hooks")
    payload = (await admin.data(UPDATE, input={"id": hook["id"], "url": "mailto:a@b.c"}))[
        "updateWebhook"
    ]
    assert payload["userErrors"] == [{"field": ["input", "url"], "code": "INVALID"}]


async def test_a_deleted_webhook_is_gone(admin: GraphQLClient) -> None:
    hook = await register(admin, name="erp", url="https://erp.example/hooks")
    payload = (await admin.data(DELETE, id=hook["id"]))["deleteWebhook"]
    assert payload == {"webhook": {"name": "erp"}, "userErrors": []}
    assert (await admin.data(LIST))["webhooks"] == []


async def test_an_id_of_another_type_is_a_user_error(admin: GraphQLClient) -> None:
    payload = (
        await admin.data(
            DELETE, id="SW5zdGl0dXRpb246MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAx"
        )
    )["deleteWebhook"]
    assert payload["userErrors"] == [{"code": "INVALID"}]


@pytest.fixture
def database_url(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """HUB_DATABASE_URL pointing at the test database, for commands that read settings."""
    monkeypatch.setenv("HUB_DATABASE_URL", database.url)
    get_settings.cache_clear()
    yield database.url
    get_settings.cache_clear()


def test_cli_adds_lists_and_removes_a_webhook(database_url: str) -> None:
    added = runner.invoke(
        app,
        [
            *("webhooks", "add", "--name", "erp", "--url", "https://erp.example/hooks"),
            *("--entity-type", "Institution", "--role", "crm"),
        ],
    )
    assert added.exit_code == 0, added.output
    assert added.output.strip().splitlines()[-1].startswith("whsec_")
    listed = runner.invoke(app, ["webhooks", "list"])
    assert "erp" in listed.output and "Institution" in listed.output and "crm" in listed.output
    removed = runner.invoke(app, ["webhooks", "remove", "erp"])
    assert removed.exit_code == 0, removed.output
    assert "erp" not in runner.invoke(app, ["webhooks", "list"]).output


def test_cli_refuses_a_bad_url(database_url: str) -> None:
    result = runner.invoke(app, ["webhooks", "add", "--name", "erp", "--url", "ftp://x.example"])
    assert result.exit_code == 1
    assert "http" in result.output
