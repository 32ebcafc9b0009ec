"""`hub migrate`, `hub serve`, `hub demo` and `hub export-schema`."""

import asyncio
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn

from hub.authz.bootstrap import prepare_database
from hub.cli.common import console, opened_database
from hub.config import Settings, get_settings
from hub.errors import UserInputError

HostOption = Annotated[str | None, typer.Option(help="Interface to listen on.")]
PortOption = Annotated[int | None, typer.Option(help="Port to listen on.")]
WorkersOption = Annotated[
    int, typer.Option(min=1, help="Server processes (each with its own connection pool).")
]


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
    async with opened_database(settings) as database:
        return await prepare_database(database)


def migrate() -> None:
    """Bring the database (HUB_DATABASE_URL) to the newest revision; seed the default policy."""
    settings = get_settings()
    seeded = asyncio.run(_migrate(settings))
    console.print(f"[green]Database at head[/green]: {settings.database_url}")
    if seeded:
        console.print(f"Loaded the default policy ({seeded} lines).")


def serve(host: HostOption = None, port: PortOption = None, workers: WorkersOption = 1) -> None:
    """Serve GraphQL on /graphql (run `hub migrate` first)."""
    _run_server(get_settings(), host, port, workers)


def demo(
    host: HostOption = None,
    port: PortOption = None,
    reset: Annotated[bool, typer.Option(help="Delete the demo database first.")] = False,
) -> None:
    """Create, migrate and fill a SQLite demo database, print a key per role and a console
    sign-in per demo person, and serve."""
    from hub.demo.loader import prepare_demo

    settings = get_settings()
    try:
        access = asyncio.run(prepare_demo(settings, reset=reset))
    except UserInputError as error:
        console.print(f"[red]{error}[/red] Run `hub demo --reset` to start over.")
        raise typer.Exit(1) from error
    console.print("Demo API keys: paste one line into GraphiQL's Headers tab.")
    for role, secret in access.keys.items():
        # Plain print: a rich table would wrap the key and break copy and paste.
        print(f'{role:8} {{"Authorization": "Bearer {secret}"}}')
    base = f"http://{host or settings.host}:{port or settings.port}"
    console.print(f"GraphiQL: {base}/graphql")
    console.print(f"Console: {base}/console/ (sign in as one of these people)")
    for person in access.people:
        print(
            f"{person.role.value:8} {person.username:10} {person.password}  {person.display_name}"
        )
    _run_server(settings, host, port)


def export_schema(
    path: Annotated[Path, typer.Argument(help="Where to write the SDL.")] = Path("schema.graphql"),
) -> None:
    """Write the GraphQL schema (SDL) to a file."""
    from hub.api import build_schema

    path.write_text(str(build_schema(get_settings())) + "\n", encoding="utf-8")
    console.print(f"Wrote {path}")
