"""`hub credit rescreen`: re-evaluate every credit account (overdue days grow with time)."""

import asyncio
from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from hub.audit.writer import Author
from hub.authz.identity import SYSTEM
from hub.cli.common import console, opened_database
from hub.config import get_settings
from hub.credit.rules import CreditRules, load_credit_rules
from hub.quality.clock import today
from hub.quality.rules import RulesError
from hub.store.credit_standing import TierChange, profile_holders, store_standings

credit_app = typer.Typer(help="Credit control.", no_args_is_help=True)
_AUTHOR = Author(actor=SYSTEM.actor, request_id="cli:credit-rescreen")
# Accounts evaluated per pair of statements.
_CHUNK = 500


async def _rescreen(rules: CreditRules, on: date) -> list[TierChange]:
    changes: list[TierChange] = []
    async with opened_database() as database, database.transaction() as session:
        holders = await profile_holders(session)
        for start in range(0, len(holders), _CHUNK):
            chunk = holders[start : start + _CHUNK]
            changes.extend(await store_standings(session, _AUTHOR, chunk, rules, on))
    return changes


@credit_app.command("rescreen")
def rescreen(
    on: Annotated[
        str | None, typer.Option(help="Evaluate as of this day (YYYY-MM-DD); default today.")
    ] = None,
) -> None:
    """Store every credit account's status as the rules give it today; audit each change
    (CREDIT_STATUS events reach the change feed and webhooks). Run it daily."""
    try:
        rules = load_credit_rules(get_settings().rules_file)
    except RulesError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    changes = asyncio.run(_rescreen(rules, date.fromisoformat(on) if on else today()))
    if not changes:
        console.print("No credit status changed.")
        return
    table = Table("institution", "before", "after", "reasons", title=f"{len(changes)} changes")
    for change in changes:
        reasons = ", ".join(change.reasons)
        table.add_row(str(change.institution_id), change.before or "-", change.after, reasons)
    console.print(table)
