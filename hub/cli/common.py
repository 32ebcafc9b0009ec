"""What every command shares: the console, the CLI's audit author, opening the database."""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import typer
from rich.console import Console

from hub.audit.writer import Author
from hub.authz.identity import SYSTEM
from hub.config import Settings, get_settings
from hub.db.engine import Database
from hub.errors import UserInputError

console = Console()
CLI_AUTHOR = Author(actor=SYSTEM.actor, request_id="cli")


@asynccontextmanager
async def opened_database(
    settings: Settings | None = None, *, pool_size: int | None = None
) -> AsyncIterator[Database]:
    """The configured database (HUB_DATABASE_URL), disposed when the command is done."""
    settings = settings or get_settings()
    database = (
        Database(settings.database_url)
        if pool_size is None
        else Database(settings.database_url, pool_size=pool_size)
    )
    try:
        yield database
    finally:
        await database.dispose()


@contextmanager
def refusal_ends_command() -> Iterator[None]:
    """A refused change prints its reason in red and ends the command with exit code 1."""
    try:
        yield
    except UserInputError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
