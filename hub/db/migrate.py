"""Alembic, driven from code: upgrade to head, read the current revision, compare schemas."""

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

import hub
from hub.db.engine import Database
from hub.db.models import Base
from hub.db.name_search import declared_by_models


def migrations_dir() -> Path:
    """The Alembic scripts: inside the installed wheel, or beside the package in a checkout."""
    package_dir = Path(hub.__file__).parent
    for candidate in (package_dir / "_migrations", package_dir.parent / "migrations"):
        if (candidate / "env.py").exists():
            return candidate
    raise FileNotFoundError("the Alembic migrations directory is missing")


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration pointing at the hub's scripts."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    """The newest revision of the migration history."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def upgrade_to_head(database: Database) -> None:
    """Bring the database to the newest revision (creating every table on an empty one)."""

    def _upgrade(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    async with database.engine.begin() as connection:
        await connection.run_sync(_upgrade)


async def current_revision(database: Database) -> str | None:
    """The revision the database is at, or None when it was never migrated."""

    def _current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with database.engine.connect() as connection:
        return await connection.run_sync(_current)


async def schema_differences(database: Database) -> list[Any]:
    """What autogenerate would change to make the database match the models (empty = in sync)."""

    def _compare(connection: Connection) -> list[Any]:
        options = {
            "compare_type": True,
            "include_name": declared_by_models,
        }
        context = MigrationContext.configure(connection, opts=options)
        return compare_metadata(context, Base.metadata)

    async with database.engine.connect() as connection:
        return await connection.run_sync(_compare)
