"""`hub keys create | rotate | revoke | list`: API keys of service accounts."""

import asyncio
from typing import Annotated

import typer
from rich.table import Table

from hub.authz.api_keys import create_key, list_keys, revoke_key, rotate_key
from hub.cli.common import CLI_AUTHOR, console, opened_database, refusal_ends_command
from hub.db.base import ROOT_ORG_PATH
from hub.db.enums import Role

keys_app = typer.Typer(help="Manage API keys of service accounts.", no_args_is_help=True)
NameArgument = Annotated[str, typer.Argument(help="Name of the key.")]


async def _create_key(name: str, role: Role, org_path: str) -> str:
    async with opened_database() as database, database.transaction() as session:
        issued = await create_key(session, CLI_AUTHOR, name, role, org_path)
    return issued.secret


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="Service account name, e.g. crm-prod.")],
    role: Annotated[Role, typer.Option(help="Role of the account.")],
    org_path: Annotated[str, typer.Option(help="Organisation unit it acts for.")] = ROOT_ORG_PATH,
) -> None:
    """Create an API key; the key itself is the last line printed, and is shown only once."""
    with refusal_ends_command():
        secret = asyncio.run(_create_key(name, role, org_path))
    console.print(f"Created key [bold]{name}[/bold] with role {role.value}. Store it now:")
    print(secret)


async def _revoke_key(name: str) -> None:
    async with opened_database() as database, database.transaction() as session:
        await revoke_key(session, CLI_AUTHOR, name)


async def _rotate_key(name: str) -> str:
    async with opened_database() as database, database.transaction() as session:
        return (await rotate_key(session, CLI_AUTHOR, name)).secret


@keys_app.command("rotate")
def keys_rotate(name: NameArgument) -> None:
    """Give a key a new secret (printed as the last line); the old one stops working."""
    with refusal_ends_command():
        secret = asyncio.run(_rotate_key(name))
    console.print(f"Rotated {name}. Store the new key now:")
    print(secret)


@keys_app.command("revoke")
def keys_revoke(name: NameArgument) -> None:
    """Revoke an API key."""
    with refusal_ends_command():
        asyncio.run(_revoke_key(name))
    console.print(f"Revoked {name}.")


async def _list_keys() -> list[tuple[str, str, str, str, str]]:
    async with opened_database() as database, database.reader() as session:
        return [
            (
                key.name,
                key.role.value,
                key.org_path,
                key.prefix + "…",
                "revoked" if key.revoked_at else "active",
            )
            for key in await list_keys(session)
        ]


@keys_app.command("list")
def keys_list() -> None:
    """List API keys (never their secrets)."""
    table = Table("name", "role", "org path", "prefix", "state")
    for row in asyncio.run(_list_keys()):
        table.add_row(*row)
    console.print(table)
