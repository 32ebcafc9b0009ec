"""`hub policy list | add | remove`: the Casbin policy in the database."""

import asyncio
from typing import Annotated

import typer

from hub.authz.policies import PolicyLine, add_line, list_lines, remove_line
from hub.cli.common import CLI_AUTHOR, console, opened_database, refusal_ends_command

policy_app = typer.Typer(help="Read and change the Casbin policy.", no_args_is_help=True)
PolicyValues = Annotated[
    list[str], typer.Argument(help="p: subject object action allow|deny; g: subject role.")
]
PolicyType = Annotated[str, typer.Argument(help="p (permission) or g (role assignment).")]


async def _list_policies() -> list[PolicyLine]:
    async with opened_database() as database, database.reader() as session:
        return await list_lines(session)


async def _change_policy(line: PolicyLine, add: bool) -> None:
    async with opened_database() as database, database.transaction() as session:
        change = add_line if add else remove_line
        await change(session, CLI_AUTHOR, line)


@policy_app.command("list")
def policy_list() -> None:
    """Print every policy line in the CSV format."""
    for line in asyncio.run(_list_policies()):
        print(line)


def _apply_policy_change(ptype: str, values: list[str], add: bool) -> None:
    line = PolicyLine(ptype.strip(), tuple(value.strip() for value in values))
    with refusal_ends_command():
        asyncio.run(_change_policy(line, add))
    console.print(f"{'Added' if add else 'Removed'}: {line} (servers pick it up within seconds)")


@policy_app.command("add")
def policy_add(ptype: PolicyType, values: PolicyValues) -> None:
    """Add a line, e.g. `hub policy add p crm field:Contact.email read deny`."""
    _apply_policy_change(ptype, values, add=True)


@policy_app.command("remove")
def policy_remove(ptype: PolicyType, values: PolicyValues) -> None:
    """Remove a line, e.g. `hub policy remove g user:alice steward`."""
    _apply_policy_change(ptype, values, add=False)
