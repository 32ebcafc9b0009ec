"""Engine and session factory for one database, with per-request SQL statement counting."""

import contextvars
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


@dataclass
class StatementCounter:
    """How many SQL statements the current request has sent."""

    count: int = 0


_statement_counter: contextvars.ContextVar[StatementCounter | None] = contextvars.ContextVar(
    "hub_statement_counter", default=None
)


def start_counting() -> StatementCounter:
    """Count every statement executed from this context (and tasks it spawns) from now on."""
    counter = StatementCounter()
    _statement_counter.set(counter)
    return counter


def count_statement() -> None:
    """Count one statement sent by other means than SQLAlchemy's cursor (hub.db.reads)."""
    counter = _statement_counter.get()
    if counter is not None:
        counter.count += 1


def _count(*_: Any) -> None:
    count_statement()


def _autocommit(connection: Connection) -> bool:
    return connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT"


def _count_transaction_end(connection: Connection) -> None:
    # COMMIT and ROLLBACK are sent when a transaction was begun, which autocommit never does.
    if not _autocommit(connection):
        count_statement()


def _count_postgres_begin(connection: Connection) -> None:
    # asyncpg sends BEGIN itself, outside the cursor events (SQLite's BEGIN passes through them).
    if not _autocommit(connection):
        count_statement()


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    # SQLite ignores foreign keys unless told; WAL lets readers run while one writer commits.
    # The driver's own transaction handling is switched off (isolation_level None) so that
    # SQLAlchemy emits BEGIN itself: otherwise releasing a SAVEPOINT would commit everything.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def is_sqlite(url: str | URL) -> bool:
    """True for SQLite URLs."""
    return make_url(url).get_backend_name() == "sqlite"


class Database:
    """One engine and its session factory, and an autocommit view of the engine for reads.

    Pooled connections are not pinged on checkout (a ping is three round trips on asyncpg);
    they are recycled after `pool_recycle` seconds, a connection found dead is invalidated
    with the pool, and request reads retry once on a fresh one (hub.db.reads).
    """

    def __init__(
        self, url: str, *, echo: bool = False, pool_size: int = 20, pool_recycle: int = 1800
    ) -> None:
        options: dict[str, Any] = {"echo": echo}
        if not is_sqlite(url):
            options |= {
                "pool_size": pool_size,
                "max_overflow": pool_size // 2,
                "pool_recycle": pool_recycle,
            }
        self.url = url
        self.engine: AsyncEngine = create_async_engine(url, **options)
        sync_engine = self.engine.sync_engine
        if is_sqlite(url):
            event.listen(sync_engine, "connect", _sqlite_pragmas)
            event.listen(sync_engine, "begin", _sqlite_begin)
            # SQLite reads share one transaction per request: WAL keeps it from blocking writers.
            self.read_engine = self.engine
        else:
            event.listen(sync_engine, "begin", _count_postgres_begin)
            self.read_engine = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        event.listen(sync_engine, "before_cursor_execute", _count)
        event.listen(sync_engine, "commit", _count_transaction_end)
        event.listen(sync_engine, "rollback", _count_transaction_end)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed on success, rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[AsyncSession]:
        """A short-lived session for reads outside a request (a request has hub.db.reads)."""
        async with self.sessions() as session:
            yield session

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
