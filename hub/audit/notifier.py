"""Wakes change-feed subscribers when events may have been committed.

Within a process, mutations notify after their commit. Across processes on PostgreSQL, the
transaction that writes events sends NOTIFY (delivered at commit) and every server LISTENs.
Subscribers also look again after a short timeout, which covers SQLite across processes.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from hub.db.engine import Database

CHANNEL = "hub_changes"


class ChangeNotifier:
    """A broadcast wake-up: `notify()` releases every current `wait()`."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._event = asyncio.Event()
        self._listener: AsyncConnection | None = None
        self._subscribers = 0

    def notify(self, *_: Any) -> None:
        """New events may exist (safe to call too often)."""
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait(self, timeout: float) -> None:
        """Return when notified, or after `timeout` seconds at the latest."""
        await self._listen()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)

    async def _listen(self) -> None:
        if self._listener is not None or self._database.dialect != "postgresql":
            return
        connection = await self._database.engine.connect()
        raw = await connection.get_raw_connection()
        await raw.driver_connection.add_listener(CHANNEL, self.notify)  # type: ignore[union-attr]
        self._listener = connection

    @asynccontextmanager
    async def subscribed(self) -> AsyncIterator[None]:
        """Count a subscriber; the PostgreSQL listener lives while anyone is subscribed."""
        self._subscribers += 1
        try:
            yield
        finally:
            self._subscribers -= 1
            if self._subscribers == 0 and self._listener is not None:
                listener, self._listener = self._listener, None
                await listener.close()
