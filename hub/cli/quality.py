"""`hub rescreen`, `hub alerts` and `hub quality-report`: qualification and data quality."""

import asyncio
import json
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import typer
from rich.progress import Progress
from rich.table import Table

from hub.audit.writer import Author
from hub.authz.identity import SYSTEM
from hub.cli.common import console, opened_database
from hub.config import get_settings
from hub.db.engine import Database
from hub.quality.clock import today
from hub.quality.rules import Rules, RulesError, load_rules
from hub.store import alerts as alert_store
from hub.store import data_quality, qualifications
from hub.store.alerts import Alert, AlertKind
from hub.store.qualifications import StatusChange

T = TypeVar("T")
_AUTHOR = Author(actor=SYSTEM.actor, request_id="cli:rescreen")
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


async def _using_database(work: Callable[[Database], Awaitable[T]]) -> T:
    async with opened_database() as database:
        return await work(database)


def _configured_rules() -> Rules:
    """The rules of HUB_RULES_FILE (or the bundled ones); a bad file ends the command."""
    try:
        return load_rules(get_settings().rules_file)
    except RulesError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error


async def _rescreen(
    database: Database, rules: Rules, on: date, progress: Progress
) -> list[StatusChange]:
    async with database.transaction() as session:
        ids = await qualifications.screened_ids(session)
        task = progress.add_task("Re-screening", total=len(ids))
        return await qualifications.rescreen(
            session, _AUTHOR, ids, rules, on, lambda done: progress.advance(task, done)
        )


def rescreen(
    on: Annotated[
        str | None, typer.Option(help="Screen as of this day (YYYY-MM-DD); default today.")
    ] = None,
) -> None:
    """Recompute every institution's qualification (after a rules change); audit each change."""
    day = date.fromisoformat(on) if on else today()
    rules = _configured_rules()
    with Progress(console=console, transient=True) as progress:
        changes = asyncio.run(_using_database(lambda db: _rescreen(db, rules, day, progress)))
    if not changes:
        console.print("No qualification status changed.")
        return
    table = Table("code", "name", "before", "after", title=f"{len(changes)} status changes")
    for change in changes:
        before = change.before.value if change.before else "-"
        table.add_row(change.code, change.name, before, change.after.value)
    console.print(table)
    totals = Counter(change.after.value for change in changes)
    console.print(", ".join(f"{status}: {count}" for status, count in sorted(totals.items())))


def _alert_json(alert: Alert) -> dict[str, Any]:
    return {
        "kind": alert.kind.value,
        "dueOn": alert.due_on.isoformat(),
        "daysLeft": alert.days_left,
        "label": alert.label,
        "institutionId": str(alert.institution_id) if alert.institution_id else None,
    }


def alerts(
    within: Annotated[int, typer.Option(help="Days ahead to look.")] = 90,
    kind: Annotated[list[AlertKind] | None, typer.Option(help="Only these kinds.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Expiring certificates and letters, ending contracts and warranties, due maintenance, demo
    units due back; by date."""

    async def fetch(database: Database) -> list[Alert]:
        async with database.reader() as session:
            return await alert_store.upcoming(session, today(), within, kind)

    found = asyncio.run(_using_database(fetch))
    if as_json:
        print(json.dumps([_alert_json(alert) for alert in found], ensure_ascii=False, indent=2))
        return
    table = Table(title="Alerts")
    for header in ("due on", "days", "kind"):
        table.add_column(header, no_wrap=True)
    table.add_column("what", overflow="fold")
    table.add_column("institution id", overflow="fold")
    for alert in found:
        row = _alert_json(alert)
        table.add_row(
            row["dueOn"], str(alert.days_left), row["kind"], alert.label, row["institutionId"]
        )
    console.print(table)


def quality_report(
    samples: Annotated[int, typer.Option(help="Failing record IDs shown per rule.")] = 5,
    as_json: JsonOption = False,
) -> None:
    """Per data-quality rule: records checked, records failing, the first failing IDs."""

    rules = _configured_rules()

    async def fetch(database: Database) -> list[data_quality.RuleResult]:
        async with database.reader() as session:
            return await data_quality.report(session, rules, samples)

    results = asyncio.run(_using_database(fetch))
    rows = [
        {
            "rule": result.rule.code,
            "entityType": result.rule.model.__name__,
            "field": result.rule.field,
            "checked": result.checked,
            "failing": result.failing,
            "sampleIds": [str(row_id) for row_id in result.sample_ids],
        }
        for result in results
    ]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="Data quality")
    table.add_column("rule", no_wrap=True)
    table.add_column("field", overflow="fold")
    table.add_column("checked", justify="right")
    table.add_column("failing", justify="right")
    table.add_column("first failing ids", overflow="fold")
    for row in rows:
        table.add_row(
            row["rule"],
            f"{row['entityType']}.{row['field']}",
            str(row["checked"]),
            str(row["failing"]),
            "\n".join(row["sampleIds"]),
        )
    console.print(table)
