"""The one connection a request reads through: opened on first use, shared by its loaders."""

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from sqlalchemy import Executable
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from hub.db.compiled import compiled_read
from hub.db.engine import Database, count_statement

# What asyncpg raises when the server or the network dropped the connection under us.
_DRIVER_DISCONNECTS = (asyncpg.ConnectionDoesNotExistError, asyncpg.InterfaceError, OSError)


class RequestReads:
    """Reads of one request over one pooled connection, in one read-only unit of work.

    Strawberry resolves sibling fields concurrently, so every use of the connection holds a
    lock: loader batches take turns instead of interleaving on one socket. On PostgreSQL the
    connection runs in autocommit (no BEGIN/ROLLBACK around reads, no ping on checkout); a
    read that meets a dropped connection is retried once on a fresh one. On SQLite the reads
    share one transaction, which WAL keeps from blocking writers.
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        self._connection: AsyncConnection | None = None
        self._lock = asyncio.Lock()

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self._database.dialect

    async def _open(self) -> AsyncConnection:
        if self._connection is None:
            connection = await self._database.read_engine.connect()
            await connection.begin()
            self._connection = connection
        return self._connection

    async def _discard(self) -> None:
        # A dropped connection usually means the server restarted: the rest of the pool is as
        # dead, so the pool is replaced (its idle connections dropped) along with this one.
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.invalidate()
            await connection.close()
        await self._database.engine.dispose(close=False)

    async def rows(
        self, statement: Executable, parameters: dict[str, Any] | None = None
    ) -> Sequence[Any]:
        """Every row of one read statement, with attribute access by column name (retried once
        on a dropped connection)."""
        async with self._lock:
            try:
                return await self._rows(statement, parameters)
            except (DBAPIError, *_DRIVER_DISCONNECTS) as error:
                if isinstance(error, DBAPIError) and not error.connection_invalidated:
                    raise
                await self._discard()
            return await self._rows(statement, parameters)

    async def _rows(
        self, statement: Executable, parameters: dict[str, Any] | None
    ) -> Sequence[Any]:
        connection = await self._open()
        dialect = connection.dialect
        if dialect.driver == "asyncpg":
            read = compiled_read(statement, parameters, dialect)
            if read is not None:
                sql, arguments, shape = read
                driver = (await connection.get_raw_connection()).driver_connection
                assert driver is not None
                count_statement()
                return shape.rows(await driver.fetch(sql, *arguments))
        return (await connection.execute(statement, parameters)).all()

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """An ORM session for store functions that take one: short-lived and in its own
        transaction, since some of them stream rows, which PostgreSQL allows only inside one.
        (The loaders, pages and planned reads use the request's connection.)"""
        async with self._database.reader() as session:
            yield session

    async def close(self) -> None:
        """Give the connection back to the pool (its transaction, if any, rolled back)."""
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.close()
