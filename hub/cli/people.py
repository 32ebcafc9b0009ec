"""`hub people add | passwd | disable | enable | list`: who may sign in to the console."""

import asyncio
import sys
from typing import Annotated

import typer
from rich.table import Table

from hub.authz import people
from hub.cli.common import CLI_AUTHOR, console, opened_database, refusal_ends_command
from hub.db.base import ROOT_ORG_PATH
from hub.db.enums import Role

people_app = typer.Typer(help="Manage the people who sign in to the console.", no_args_is_help=True)
UsernameArgument = Annotated[str, typer.Argument(help="The person's username, e.g. li.na.")]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from standard input instead of prompting."
    ),
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


async def _add(username: str, password: str, role: Role, name: str | None, org_path: str) -> None:
    async with opened_database() as database, database.transaction() as session:
        await people.create_person(
            session, CLI_AUTHOR, username, password, role, display_name=name, org_path=org_path
        )


@people_app.command("add")
def people_add(
    username: UsernameArgument,
    role: Annotated[Role, typer.Option(help="What the person does: steward, auditor, sales...")],
    name: Annotated[str | None, typer.Option(help="Name shown in the console, e.g. 李娜.")] = None,
    org_path: Annotated[str, typer.Option(help="Organisation unit they work in.")] = ROOT_ORG_PATH,
    password_stdin: PasswordStdin = False,
) -> None:
    """Add a person; the password is stored only as an Argon2id hash."""
    password = _password(password_stdin)
    with refusal_ends_command():
        asyncio.run(_add(username, password, role, name, org_path))
    console.print(f"Added [bold]{username}[/bold] ({role.value}, {org_path}).")


async def _passwd(username: str, password: str) -> None:
    async with opened_database() as database, database.transaction() as session:
        await people.set_password(session, CLI_AUTHOR, username, password)


@people_app.command("passwd")
def people_passwd(username: UsernameArgument, password_stdin: PasswordStdin = False) -> None:
    """Set a new password for a person."""
    password = _password(password_stdin)
    with refusal_ends_command():
        asyncio.run(_passwd(username, password))
    console.print(f"New password set for [bold]{username}[/bold].")


async def _set_disabled(username: str, disabled: bool) -> None:
    async with opened_database() as database, database.transaction() as session:
        await people.set_disabled(session, CLI_AUTHOR, username, disabled)


@people_app.command("disable")
def people_disable(username: UsernameArgument) -> None:
    """Stop a person signing in; their open console sessions stop working at once."""
    with refusal_ends_command():
        asyncio.run(_set_disabled(username, True))
    console.print(f"Disabled [bold]{username}[/bold].")


@people_app.command("enable")
def people_enable(username: UsernameArgument) -> None:
    """Let a disabled person sign in again."""
    with refusal_ends_command():
        asyncio.run(_set_disabled(username, False))
    console.print(f"Enabled [bold]{username}[/bold].")


async def _list() -> list[tuple[str, str, str, str, str]]:
    async with opened_database() as database, database.reader() as session:
        return [
            (
                p.username,
                p.display_name,
                p.role.value,
                p.org_path,
                "disabled" if p.disabled_at else "active",
            )
            for p in await people.list_people(session)
        ]


@people_app.command("list")
def people_list() -> None:
    """Every person who may sign in (never their passwords)."""
    table = Table("username", "name", "role", "org path", "state")
    for row in asyncio.run(_list()):
        table.add_row(*row)
    console.print(table)
