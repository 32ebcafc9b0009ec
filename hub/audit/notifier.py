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
        self._opening = asyncio.Lock()
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
        if self._database.dialect != "postgresql":
            return
        # One listener for all waiters, even when several start waiting at once.
        async with self._opening:
            if self._listener is not None:
                return
            connection = await self._database.engine.connect()
            try:
                raw = await connection.get_raw_connection()
                driver = raw.driver_connection
                await driver.add_listener(CHANNEL, self.notify)  # type: ignore[union-attr]
            except BaseException:
                await asyncio.shield(connection.close())
                raise
            self._listener = connection

    @asynccontextmanager
    async def subscribed(self) -> AsyncIterator[None]:
        """Count a subscriber; the PostgreSQL listener lives while anyone is subscribed."""
        self._subscribers += 1
        try:
            yield
        finally:
            self._subscribers -= 1
            if self._subscribers == 0:
                await self.aclose()

    async def aclose(self) -> None:
        """Stop listening (at shutdown). A subscription whose socket dropped while it waited to
        send is only finalised by the garbage collector, so its count may never come down."""
        if self._listener is not None:
            listener, self._listener = self._listener, None
            await asyncio.shield(listener.close())  # a cancelled caller must not leak it
