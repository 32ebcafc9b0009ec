"""`hub export`, `hub restore` and `hub import`: moving records in and out in bulk."""

import asyncio
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from hub.authz.bootstrap import prepare_database
from hub.cli.common import CLI_AUTHOR, console, opened_database


def _report_table(table: str, rows: int) -> None:
    console.print(f"  {table:24} {rows:>10,} rows")


async def _export(directory: Path) -> dict[str, Any]:
    from hub.transfer.export import export_database

    async with opened_database() as database:
        return await export_database(database, directory, _report_table)


async def _restore(directory: Path) -> dict[str, int]:
    from hub.transfer.restore import restore_database

    async with opened_database() as database:
        await prepare_database(database)
        return await restore_database(database, directory, _report_table)


def export(directory: Annotated[Path, typer.Argument(help="Where to write the export.")]) -> None:
    """Write every table as NDJSON plus manifest.json (counts, schema revision, checksums)."""
    manifest = asyncio.run(_export(directory))
    total = sum(entry["rows"] for entry in manifest["tables"].values())
    console.print(
        f"Exported {total:,} rows at revision {manifest['schema_revision']} to {directory}"
    )


def restore(
    directory: Annotated[Path, typer.Argument(help="An export written by hub export.")],
) -> None:
    """Load an export into an empty database (migrated to the export's revision first)."""
    from hub.transfer.restore import RestoreRefused

    try:
        restored = asyncio.run(_restore(directory))
    except RestoreRefused as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"Restored {sum(restored.values()):,} rows from {directory}")


async def _import(kind: Any, source_system: str, dry_run: bool, plan: Any, rows: list[Any]) -> Any:
    from hub.transfer.imports import import_rows

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    async with opened_database() as database:
        with Progress(*columns, TimeElapsedColumn(), console=console) as progress:
            task = progress.add_task(f"Importing {kind.value}", total=len(rows))
            return await import_rows(
                database,
                CLI_AUTHOR,
                kind,
                rows,
                source_system=source_system,
                dry_run=dry_run,
                advance=lambda done: progress.update(task, completed=done),
                ignored_columns=plan.ignored,
            )


def _summary(report: Any, dry_run: bool) -> str:
    would = "would be " if dry_run else ""
    return (
        f"{report.rows:,} rows read: {report.created:,} {would}created, "
        f"{report.updated:,} {would}updated, {report.unchanged:,} unchanged, "
        f"{report.refused:,} refused."
    )


def import_file(
    kind: Annotated[
        str,
        typer.Argument(
            help="institutions, contacts, device-models, devices, certificates or receivables."
        ),
    ],
    path: Annotated[Path, typer.Argument(help="A CSV or XLSX file with a header row.")],
    source_system: Annotated[str, typer.Option(help="Whose IDs the rows carry, e.g. crm.")],
    mapping: Annotated[
        Path | None,
        typer.Option(help="TOML: [columns] 'foreign header' = 'field'; ignore = ['header']."),
    ] = None,
    ignore_column: Annotated[
        list[str] | None,
        typer.Option(help="A column not to import (repeat); unknown columns refuse the import."),
    ] = None,
    ignore_unknown: Annotated[
        bool, typer.Option(help="Import the known columns and ignore every other one.")
    ] = False,
    dry_run: Annotated[bool, typer.Option(help="Check every row, write nothing.")] = False,
) -> None:
    """Upsert records from a file; re-importing the same file changes nothing. A column the
    import does not know refuses the whole import, before any row is read, unless it is
    mapped or ignored: nothing in the file is dropped without the operator saying so."""
    from hub.transfer.import_columns import ColumnsRefused, ImportKind
    from hub.transfer.tables import load_mapping, mapped_rows

    try:
        import_kind = ImportKind(kind)
    except ValueError as error:
        console.print(f"[red]Unknown kind {kind!r}: {', '.join(ImportKind)}.[/red]")
        raise typer.Exit(2) from error
    try:
        plan, rows = mapped_rows(
            path,
            import_kind,
            load_mapping(mapping),
            ignore=frozenset(ignore_column or []),
            ignore_unknown=ignore_unknown,
        )
    except ColumnsRefused as error:
        for problem in error.errors:
            console.print(f"[red]{problem.message}[/red]")
        if error.unknown:
            console.print(
                "Map them in a --mapping file, or pass --ignore-column NAME (repeat) "
                "or --ignore-unknown."
            )
        console.print("Nothing was imported.")
        raise typer.Exit(2) from error
    report = asyncio.run(_import(import_kind, source_system, dry_run, plan, list(rows)))
    console.print(_summary(report, dry_run))
    if report.ignored_columns:
        console.print(f"Ignored columns (not imported): {', '.join(report.ignored_columns)}")
    if report.failures:
        table = Table("row", "field", "code", "message", title="Refused rows")
        for number, problem in report.failures:
            table.add_row(str(number), ".".join(problem.field), problem.code.value, problem.message)
        console.print(table)
        raise typer.Exit(1)
