"""`hub dedup scan`: rebuild the duplicate-candidate queue."""

import asyncio
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from hub.cli.common import CLI_AUTHOR, console, opened_database
from hub.db.enums import MatchEntity

dedup_app = typer.Typer(help="Find and merge duplicate records.", no_args_is_help=True)


async def _scan(entity: MatchEntity, auto_merge: bool) -> Any:
    from hub.dedup.scan import run_scan

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    async with opened_database() as database:
        with Progress(*columns, TimeElapsedColumn(), console=console) as progress:
            task = progress.add_task(f"Loading {entity.name.lower()} records", total=None)

            def loaded(count: int) -> None:
                progress.update(task, description=f"Comparing {count:,} records' pairs")

            def advanced(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            return await run_scan(
                database,
                CLI_AUTHOR,
                entity,
                auto_merge=auto_merge,
                progress=advanced,
                on_loaded=loaded,
            )


class ScanEntity(StrEnum):
    institution = "institution"
    contact = "contact"


@dedup_app.command("scan")
def dedup_scan(
    entity: Annotated[ScanEntity, typer.Option(help="Which records to scan.")] = (
        ScanEntity.institution
    ),
    auto_merge: Annotated[
        bool, typer.Option(help="Merge pairs above the auto threshold, if the rules enable it.")
    ] = False,
) -> None:
    """Rebuild the duplicate-candidate queue for the whole database."""
    from hub.dedup.scan import AutoMergeDisabled

    try:
        report = asyncio.run(_scan(MatchEntity[entity.name.upper()], auto_merge))
    except AutoMergeDisabled as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    summary = report.summary
    table = Table("records", "open candidates", "above auto threshold", "kept dismissed/merged")
    table.add_row(
        f"{summary.records:,}",
        f"{summary.candidates:,}",
        f"{summary.auto_mergeable:,}",
        f"{summary.skipped_decided:,}",
    )
    console.print(table)
    if auto_merge:
        console.print(f"Auto-merged {report.merged} pairs; {report.refused} refused.")
