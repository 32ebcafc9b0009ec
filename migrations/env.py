"""Alembic environment: one history for SQLite (batch mode) and PostgreSQL."""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from hub.config import get_settings
from hub.db.models import Base
from hub.db.name_search import declared_by_models

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # The trigram search structures are created by migration, not declared as models.
        include_name=declared_by_models,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_url(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


def run_migrations_online() -> None:
    """Use the connection handed over by `hub.db.migrate`, or open one from the settings."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url") or get_settings().database_url
    asyncio.run(_run_with_url(url))


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `hub migrate`")
run_migrations_online()
