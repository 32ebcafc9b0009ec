"""Databases the suite creates on the PostgreSQL server under test, and drops again."""

import uuid

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine


async def on_server(server_url: str, statement: str) -> None:
    """Run one statement outside any transaction (CREATE/DROP DATABASE) on the server."""
    engine = create_async_engine(make_url(server_url), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def create_postgres_database(server_url: str, template: str | None = None) -> str:
    """A new database with a random name (a copy of `template`, if given), as a URL."""
    name = f"hub_test_{uuid.uuid4().hex[:12]}"
    copied = f' TEMPLATE "{template}"' if template else ""
    await on_server(server_url, f'CREATE DATABASE "{name}"{copied}')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


async def drop_postgres_database(server_url: str, database_url: str) -> None:
    """Drop the database `database_url` names, whoever is still connected to it."""
    name = make_url(database_url).database
    await on_server(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
