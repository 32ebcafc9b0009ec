"""`hub plan maintenance` and `hub plan sla`: the scheduled jobs of the service desk."""

import asyncio
import json
from datetime import UTC, date, datetime
from typing import Annotated, Any

import typer
from rich.table import Table

from hub.audit.writer import Author
from hub.authz.identity import SYSTEM
from hub.cli.common import console, opened_database
from hub.config import get_settings
from hub.db.ticket import Ticket
from hub.quality.clock import today
from hub.quality.rules import RulesError
from hub.quality.service_rules import ServiceRules, load_service_rules
from hub.store import maintenance_run, service_levels

plan_app = typer.Typer(help="Scheduled service jobs: maintenance tickets and SLA breaches.")
_AUTHOR = Author(actor=SYSTEM.actor, request_id="cli:plan")
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _service_rules() -> ServiceRules:
    try:
        return load_service_rules(get_settings().rules_file)
    except RulesError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error


def _ticket_json(ticket: Ticket) -> dict[str, Any]:
    return {
        "number": ticket.number,
        "status": ticket.status.value,
        "assignee": ticket.assignee,
        "dueAt": ticket.due_at.isoformat() if ticket.due_at else None,
        "summary": ticket.summary,
    }


def _show(tickets: list[Ticket], title: str, as_json: bool) -> None:
    rows = [_ticket_json(ticket) for ticket in tickets]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("number", "status", "assignee", "due at", "summary", title=title)
    for row in rows:
        assignee, due_at = row["assignee"] or "-", row["dueAt"] or "-"
        table.add_row(row["number"], row["status"], assignee, due_at, row["summary"])
    console.print(table)


@plan_app.command("maintenance")
def maintenance(
    within: Annotated[int, typer.Option(help="Devices due within these days.")] = 30,
    on: Annotated[str | None, typer.Option(help="Plan as of this day (YYYY-MM-DD).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Open the MAINTENANCE tickets of devices due within the window, once; a second run opens
    nothing new. Tickets go to the region's engineer named in the rules file."""
    rules = _service_rules()
    day = date.fromisoformat(on) if on else today()

    async def run() -> maintenance_run.PlanRun:
        async with opened_database() as database, database.transaction() as session:
            return await maintenance_run.open_due_tickets(session, _AUTHOR, day, within, rules)

    result = asyncio.run(run())
    _show(result.opened, f"{len(result.opened)} maintenance tickets opened", as_json)
    if not as_json:
        console.print(f"{result.already_open} due devices already had their ticket.")


@plan_app.command("sla")
def sla(as_json: JsonOption = False) -> None:
    """Record every new SLA breach (an SLA_BREACH event each, in the change feed)."""

    async def run() -> list[Ticket]:
        async with opened_database() as database, database.transaction() as session:
            return await service_levels.record_breaches(session, _AUTHOR, datetime.now(UTC))

    breached = asyncio.run(run())
    _show(breached, f"{len(breached)} new SLA breaches", as_json)
