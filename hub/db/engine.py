"""Engine and session factory for one database, with per-request SQL statement counting."""

import contextvars
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
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


def _count_statement(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
    counter = _statement_counter.get()
    if counter is not None and not is_transaction_control(statement):
        counter.count += 1


def is_transaction_control(statement: str) -> bool:
    """BEGIN is sent as a statement on SQLite only; counts must not differ by backend."""
    return statement == "BEGIN"


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
    """One engine and its session factory."""

    def __init__(self, url: str, *, echo: bool = False, pool_size: int = 10) -> None:
        options: dict[str, Any] = {"echo": echo}
        if not is_sqlite(url):
            options |= {"pool_size": pool_size, "max_overflow": pool_size, "pool_pre_ping": True}
        self.url = url
        self.engine: AsyncEngine = create_async_engine(url, **options)
        if is_sqlite(url):
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
            event.listen(self.engine.sync_engine, "begin", _sqlite_begin)
        event.listen(self.engine.sync_engine, "before_cursor_execute", _count_statement)
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
        """A short-lived session for reads (one per loader batch, never shared concurrently)."""
        async with self.sessions() as session:
            yield session

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
