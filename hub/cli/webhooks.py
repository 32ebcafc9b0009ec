"""`hub webhooks add | list | remove | run`."""

import asyncio
import contextlib
from typing import Annotated

import typer
from rich.table import Table

from hub.audit.notifier import ChangeNotifier
from hub.authz.engine import PolicyEngine
from hub.authz.guarded import guarded_schema
from hub.cli.common import CLI_AUTHOR, console, opened_database, refusal_ends_command
from hub.config import Settings, get_settings
from hub.db.base import ROOT_ORG_PATH
from hub.db.enums import Role
from hub.webhooks import registry
from hub.webhooks.destinations import Allowlist
from hub.webhooks.dispatcher import Dispatcher
from hub.webhooks.registry import WebhookSpec

webhooks_app = typer.Typer(
    help="Webhooks: signed POSTs of change events to registered URLs.", no_args_is_help=True
)


async def _add(spec: WebhookSpec) -> str:
    async with opened_database() as database, database.transaction() as session:
        allowlist = Allowlist(get_settings().webhook_allow_private)
        webhook = await registry.create_webhook(session, CLI_AUTHOR, spec, allowlist)
    return webhook.secret


@webhooks_app.command("add")
def add(
    name: Annotated[str, typer.Option(help="A name for the receiver, e.g. erp-sync.")],
    url: Annotated[str, typer.Option(help="http:// or https:// URL that receives POSTs.")],
    entity_type: Annotated[
        list[str] | None, typer.Option(help="An entity type to send; repeat; none sends all.")
    ] = None,
    role: Annotated[Role, typer.Option(help="Whose read permissions filter events.")] = (
        Role.AUDITOR
    ),
    org_path: Annotated[str, typer.Option(help="Organisation unit the role acts for.")] = (
        ROOT_ORG_PATH
    ),
) -> None:
    """Register a webhook; its signing secret is the last line printed, shown only once."""
    spec = WebhookSpec(
        name=name, url=url, entity_types=entity_type or [], role=role, org_path=org_path
    )
    with refusal_ends_command():
        secret = asyncio.run(_add(spec))
    console.print(f"Registered webhook [bold]{name}[/bold]. Store its signing secret now:")
    print(secret)


async def _list() -> list[tuple[str, ...]]:
    async with opened_database() as database, database.reader() as session:
        return [
            (
                webhook.name,
                webhook.url,
                ", ".join(webhook.entity_types) or "all",
                webhook.role.value,
                webhook.org_path,
                "active" if webhook.active else "inactive",
                str(webhook.cursor),
            )
            for webhook in await registry.list_webhooks(session)
        ]


@webhooks_app.command("list")
def list_webhooks() -> None:
    """List webhooks (never their secrets)."""
    table = Table("name", "url", "types", "role", "org path", "state", "cursor")
    for row in asyncio.run(_list()):
        table.add_row(*row)
    console.print(table)


async def _remove(name: str) -> None:
    async with opened_database() as database, database.transaction() as session:
        webhook = await registry.find_webhook_by_name(session, name)
        await registry.delete_webhook(session, CLI_AUTHOR, webhook.id, None)


@webhooks_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="Name of the webhook.")]) -> None:
    """Remove a webhook and its delivery history."""
    with refusal_ends_command():
        asyncio.run(_remove(name))
    console.print(f"Removed webhook {name}.")


async def _run(settings: Settings) -> None:
    from hub.api import build_schema

    async with opened_database(settings, pool_size=settings.pool_size) as database:
        policy = PolicyEngine(database, guarded_schema(build_schema(settings)._schema))
        dispatcher = Dispatcher(database, settings, policy, ChangeNotifier(database))
        try:
            await dispatcher.run()
        finally:
            await dispatcher.aclose()


@webhooks_app.command("run")
def run() -> None:
    """Deliver webhooks until stopped (for servers started with HUB_WEBHOOKS_DISPATCH=false)."""
    settings = get_settings()
    console.print(f"Delivering webhooks from {settings.database_url} (Ctrl-C stops).")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_run(settings))
