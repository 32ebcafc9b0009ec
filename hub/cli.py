"""The `hub` command: serve, demo, migrate, keys, webhooks, export-schema, rescreen, alerts,
reports."""

import asyncio
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from hub.audit.writer import Author
from hub.authz import tokens
from hub.authz.api_keys import create_key, list_keys, revoke_key, rotate_key
from hub.authz.bootstrap import prepare_database
from hub.authz.identity import SYSTEM
from hub.authz.policies import PolicyLine, add_line, list_lines, remove_line
from hub.config import Settings, get_settings
from hub.db.base import ROOT_ORG_PATH
from hub.db.engine import Database
from hub.db.enums import MatchEntity, Role
from hub.errors import UserInputError
from hub.quality import commands as quality_commands
from hub.webhooks.commands import webhooks_app

app = typer.Typer(
    help="hub: the master-data hub for medical-device companies.", no_args_is_help=True
)
keys_app = typer.Typer(help="Manage API keys of service accounts.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")
app.command("rescreen")(quality_commands.rescreen)
app.command("alerts")(quality_commands.alerts)
app.command("quality-report")(quality_commands.quality_report)
policy_app = typer.Typer(help="Read and change the Casbin policy.", no_args_is_help=True)
app.add_typer(policy_app, name="policy")
token_app = typer.Typer(help="JWT bearer tokens for people.", no_args_is_help=True)
app.add_typer(token_app, name="token")
dedup_app = typer.Typer(help="Find and merge duplicate records.", no_args_is_help=True)
app.add_typer(dedup_app, name="dedup")
app.add_typer(webhooks_app, name="webhooks")
console = Console()

HostOption = Annotated[str | None, typer.Option(help="Interface to listen on.")]
PortOption = Annotated[int | None, typer.Option(help="Port to listen on.")]
WorkersOption = Annotated[
    int, typer.Option(min=1, help="Server processes (each with its own connection pool).")
]
_CLI_AUTHOR = Author(actor=SYSTEM.actor, request_id="cli")


def _run_server(settings: Settings, host: str | None, port: int | None, workers: int = 1) -> None:
    from hub.app import create_app

    options: dict[str, Any] = {
        "host": host or settings.host,
        "port": port or settings.port,
        "log_level": settings.log_level.lower(),
        "access_log": False,
    }
    if workers > 1:
        # Each worker process builds its own app (and pool) from the same HUB_* settings.
        # Building the schema takes seconds on a busy machine: a worker still starting must
        # not be taken for a dead one (uvicorn's default is 5 s).
        uvicorn.run(
            "hub.app:create_app",
            factory=True,
            workers=workers,
            timeout_worker_healthcheck=60,
            **options,
        )
    else:
        uvicorn.run(create_app(settings), **options)


async def _migrate(settings: Settings) -> int:
    database = Database(settings.database_url)
    try:
        return await prepare_database(database)
    finally:
        await database.dispose()


@app.command()
def migrate() -> None:
    """Bring the database (HUB_DATABASE_URL) to the newest revision; seed the default policy."""
    settings = get_settings()
    seeded = asyncio.run(_migrate(settings))
    console.print(f"[green]Database at head[/green]: {settings.database_url}")
    if seeded:
        console.print(f"Loaded the default policy ({seeded} lines).")


@app.command()
def serve(host: HostOption = None, port: PortOption = None, workers: WorkersOption = 1) -> None:
    """Serve GraphQL on /graphql (run `hub migrate` first)."""
    _run_server(get_settings(), host, port, workers)


@app.command()
def demo(
    host: HostOption = None,
    port: PortOption = None,
    reset: Annotated[bool, typer.Option(help="Delete the demo database first.")] = False,
) -> None:
    """Create, migrate and fill a SQLite demo database, print a key per role, and serve."""
    from hub.demo.loader import prepare_demo

    settings = get_settings()
    try:
        keys = asyncio.run(prepare_demo(settings, reset=reset))
    except UserInputError as error:
        console.print(f"[red]{error}[/red] Run `hub demo --reset` to start over.")
        raise typer.Exit(1) from error
    console.print("Demo API keys: paste one line into GraphiQL's Headers tab.")
    for role, secret in keys.items():
        # Plain print: a rich table would wrap the key and break copy and paste.
        print(f'{role:8} {{"Authorization": "Bearer {secret}"}}')
    shown_host = host or settings.host
    console.print(f"GraphiQL: http://{shown_host}:{port or settings.port}/graphql")
    _run_server(settings, host, port)


async def _create_key(settings: Settings, name: str, role: Role, org_path: str) -> str:
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            issued = await create_key(session, _CLI_AUTHOR, name, role, org_path)
        return issued.secret
    finally:
        await database.dispose()


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="Service account name, e.g. crm-prod.")],
    role: Annotated[Role, typer.Option(help="Role of the account.")],
    org_path: Annotated[str, typer.Option(help="Organisation unit it acts for.")] = ROOT_ORG_PATH,
) -> None:
    """Create an API key; the key itself is the last line printed, and is shown only once."""
    try:
        secret = asyncio.run(_create_key(get_settings(), name, role, org_path))
    except UserInputError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"Created key [bold]{name}[/bold] with role {role.value}. Store it now:")
    print(secret)


async def _revoke_key(settings: Settings, name: str) -> None:
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            await revoke_key(session, _CLI_AUTHOR, name)
    finally:
        await database.dispose()


async def _rotate_key(settings: Settings, name: str) -> str:
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            return (await rotate_key(session, _CLI_AUTHOR, name)).secret
    finally:
        await database.dispose()


@keys_app.command("rotate")
def keys_rotate(name: Annotated[str, typer.Argument(help="Name of the key.")]) -> None:
    """Give a key a new secret (printed as the last line); the old one stops working."""
    try:
        secret = asyncio.run(_rotate_key(get_settings(), name))
    except UserInputError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"Rotated {name}. Store the new key now:")
    print(secret)


@keys_app.command("revoke")
def keys_revoke(name: Annotated[str, typer.Argument(help="Name of the key.")]) -> None:
    """Revoke an API key."""
    try:
        asyncio.run(_revoke_key(get_settings(), name))
    except UserInputError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"Revoked {name}.")


async def _list_keys(settings: Settings) -> list[tuple[str, str, str, str, str]]:
    database = Database(settings.database_url)
    try:
        async with database.reader() as session:
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
    finally:
        await database.dispose()


@keys_app.command("list")
def keys_list() -> None:
    """List API keys (never their secrets)."""
    table = Table("name", "role", "org path", "prefix", "state")
    for row in asyncio.run(_list_keys(get_settings())):
        table.add_row(*row)
    console.print(table)


@app.command("export-schema")
def export_schema(
    path: Annotated[Path, typer.Argument(help="Where to write the SDL.")] = Path("schema.graphql"),
) -> None:
    """Write the GraphQL schema (SDL) to a file."""
    from hub.api import build_schema

    path.write_text(str(build_schema(get_settings())) + "\n", encoding="utf-8")
    console.print(f"Wrote {path}")


PolicyValues = Annotated[
    list[str], typer.Argument(help="p: subject object action allow|deny; g: subject role.")
]
PolicyType = Annotated[str, typer.Argument(help="p (permission) or g (role assignment).")]


async def _list_policies(settings: Settings) -> list[PolicyLine]:
    database = Database(settings.database_url)
    try:
        async with database.reader() as session:
            return await list_lines(session)
    finally:
        await database.dispose()


async def _change_policy(settings: Settings, line: PolicyLine, add: bool) -> None:
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            change = add_line if add else remove_line
            await change(session, _CLI_AUTHOR, line)
    finally:
        await database.dispose()


@policy_app.command("list")
def policy_list() -> None:
    """Print every policy line in the CSV format."""
    for line in asyncio.run(_list_policies(get_settings())):
        print(line)


def _apply_policy_change(ptype: str, values: list[str], add: bool) -> None:
    line = PolicyLine(ptype.strip(), tuple(value.strip() for value in values))
    try:
        asyncio.run(_change_policy(get_settings(), line, add))
    except UserInputError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"{'Added' if add else 'Removed'}: {line} (servers pick it up within seconds)")


@policy_app.command("add")
def policy_add(ptype: PolicyType, values: PolicyValues) -> None:
    """Add a line, e.g. `hub policy add p crm field:Contact.email read deny`."""
    _apply_policy_change(ptype, values, add=True)


@policy_app.command("remove")
def policy_remove(ptype: PolicyType, values: PolicyValues) -> None:
    """Remove a line, e.g. `hub policy remove g user:alice steward`."""
    _apply_policy_change(ptype, values, add=False)


@token_app.command("mint")
def token_mint(
    subject: Annotated[str, typer.Option(help="The person, e.g. alice@example.com.")],
    role: Annotated[list[Role], typer.Option(help="A role; repeat for several.")],
    org_path: Annotated[str, typer.Option(help="Their organisation unit.")] = ROOT_ORG_PATH,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds.")] = 3600,
) -> None:
    """Mint an HS256 token with HUB_JWT_SECRET (for development); printed as the last line."""
    try:
        token = tokens.mint(get_settings(), subject, role, org_path, ttl)
    except tokens.TokenRejected as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"Token for {subject} ({', '.join(r.value for r in role)}), valid {ttl} s:")
    print(token)


async def _scan(settings: Settings, entity: MatchEntity, auto_merge: bool) -> Any:
    from hub.dedup.scan import run_scan

    database = Database(settings.database_url)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    try:
        with Progress(*columns, TimeElapsedColumn(), console=console) as progress:
            task = progress.add_task(f"Loading {entity.name.lower()} records", total=None)

            def loaded(count: int) -> None:
                progress.update(task, description=f"Comparing {count:,} records' pairs")

            def advanced(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            return await run_scan(
                database,
                _CLI_AUTHOR,
                entity,
                auto_merge=auto_merge,
                progress=advanced,
                on_loaded=loaded,
            )
    finally:
        await database.dispose()


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
        report = asyncio.run(_scan(get_settings(), MatchEntity[entity.name.upper()], auto_merge))
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


async def _export(settings: Settings, directory: Path) -> dict[str, Any]:
    from hub.transfer.export import export_database

    database = Database(settings.database_url)
    try:
        return await export_database(database, directory, _report_table)
    finally:
        await database.dispose()


async def _restore(settings: Settings, directory: Path) -> dict[str, int]:
    from hub.transfer.restore import restore_database

    database = Database(settings.database_url)
    try:
        await prepare_database(database)
        return await restore_database(database, directory, _report_table)
    finally:
        await database.dispose()


def _report_table(table: str, rows: int) -> None:
    console.print(f"  {table:24} {rows:>10,} rows")


@app.command("export")
def export(directory: Annotated[Path, typer.Argument(help="Where to write the export.")]) -> None:
    """Write every table as NDJSON plus manifest.json (counts, schema revision, checksums)."""
    manifest = asyncio.run(_export(get_settings(), directory))
    total = sum(entry["rows"] for entry in manifest["tables"].values())
    console.print(
        f"Exported {total:,} rows at revision {manifest['schema_revision']} to {directory}"
    )


@app.command("restore")
def restore(
    directory: Annotated[Path, typer.Argument(help="An export written by hub export.")],
) -> None:
    """Load an export into an empty database (migrated to the export's revision first)."""
    from hub.transfer.restore import RestoreRefused

    try:
        restored = asyncio.run(_restore(get_settings(), directory))
    except RestoreRefused as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"Restored {sum(restored.values()):,} rows from {directory}")


async def _import(
    settings: Settings,
    kind: Any,
    path: Path,
    mapping: Path | None,
    source_system: str,
    dry_run: bool,
) -> Any:
    from hub.transfer.import_columns import aliases_with
    from hub.transfer.imports import import_rows
    from hub.transfer.tables import load_mapping, mapped, read_rows

    aliases = aliases_with(kind, load_mapping(mapping))
    rows = [(number, mapped(cells, aliases)) for number, cells in read_rows(path)]
    database = Database(settings.database_url)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    try:
        with Progress(*columns, TimeElapsedColumn(), console=console) as progress:
            task = progress.add_task(f"Importing {kind.value}", total=len(rows))
            return await import_rows(
                database,
                _CLI_AUTHOR,
                kind,
                rows,
                source_system=source_system,
                dry_run=dry_run,
                advance=lambda done: progress.update(task, completed=done),
            )
    finally:
        await database.dispose()


@app.command("import")
def import_file(
    kind: Annotated[
        str, typer.Argument(help="institutions, contacts, device-models, devices or certificates.")
    ],
    path: Annotated[Path, typer.Argument(help="A CSV or XLSX file with a header row.")],
    source_system: Annotated[str, typer.Option(help="Whose IDs the rows carry, e.g. crm.")],
    mapping: Annotated[
        Path | None, typer.Option(help="TOML: [columns] 'foreign header' = 'field'.")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Check every row, write nothing.")] = False,
) -> None:
    """Upsert records from a file; re-importing the same file changes nothing."""
    from hub.transfer.import_columns import ImportKind

    try:
        import_kind = ImportKind(kind)
    except ValueError as error:
        console.print(f"[red]Unknown kind {kind!r}: {', '.join(ImportKind)}.[/red]")
        raise typer.Exit(2) from error
    report = asyncio.run(
        _import(get_settings(), import_kind, path, mapping, source_system, dry_run)
    )
    verb = "would be written" if dry_run else "written"
    console.print(
        f"{report.rows} rows read, {report.written} {verb}, {report.failed_rows} refused."
    )
    if report.failures:
        table = Table("row", "field", "code", "message", title="Refused rows")
        for number, problem in report.failures:
            table.add_row(str(number), ".".join(problem.field), problem.code.value, problem.message)
        console.print(table)
        raise typer.Exit(1)
