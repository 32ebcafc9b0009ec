"""`hub departments adopt` and `hub follow-ups`: the customer archive's maintenance commands."""

import asyncio
from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from hub.cli.common import CLI_AUTHOR, console, opened_database
from hub.config import get_settings
from hub.quality.clock import today
from hub.quality.customer_rules import CustomerRules, load_customer_rules
from hub.quality.rules import RulesError
from hub.store import departments, follow_ups
from hub.store.follow_ups import Finding

departments_app = typer.Typer(help="Departments (科室) and the department dictionary.")


async def _adopt() -> tuple[int, int]:
    async with opened_database() as database, database.transaction() as session:
        return await departments.adopt(session, CLI_AUTHOR)


@departments_app.command("adopt")
def adopt() -> None:
    """Place contacts' department texts on department records (after an upgrade, or after
    teaching the dictionary a spelling); texts it does not know are listed, never dropped."""
    placed, left = asyncio.run(_adopt())
    console.print(f"Placed {placed} contacts in their departments; {left} texts unmatched.")
    if left:
        console.print("The unmatched ones: query `unmatchedDepartments` (steward).")


def _configured_rules() -> CustomerRules:
    try:
        return load_customer_rules(get_settings().rules_file)
    except RulesError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error


async def _screen(rules: CustomerRules, on: date) -> list[Finding]:
    async with opened_database() as database, database.transaction() as session:
        return await follow_ups.screen(session, CLI_AUTHOR, rules, on)


def screen_follow_ups(
    on: Annotated[
        str | None, typer.Option(help="Screen as of this day (YYYY-MM-DD); default today.")
    ] = None,
) -> None:
    """Apply the follow-up rules: raise each newly due follow-up on its interaction, clear the
    settled ones; every change is audited and so reaches the change feed of its region."""
    day = date.fromisoformat(on) if on else today()
    raised = asyncio.run(_screen(_configured_rules(), day))
    if not raised:
        console.print("No new follow-up is due.")
        return
    table = Table("due on", "rule", "what", "who acts", title=f"{len(raised)} follow-ups due")
    for finding in raised:
        table.add_row(
            finding.due_on.isoformat(), finding.kind, finding.label, finding.assignee or "-"
        )
    console.print(table)
