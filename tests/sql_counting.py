"""Counting the statements SQLAlchemy sends, for tests of paths that go through it (writes,
imports); request reads are counted from the access log (tests.graphql_client.logged)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from hub.db.engine import Database


@contextmanager
def counted_statements(database: Database) -> Iterator[list[str]]:
    """Collect every SQL statement SQLAlchemy sends while the block runs (SQLite's BEGIN
    aside, so that counts do not differ by backend)."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement != "BEGIN":
            statements.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)
