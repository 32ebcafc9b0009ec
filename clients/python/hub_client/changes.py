"""ChangeFollower: reads the change feed in batches and keeps its cursor after each one."""

import time
from collections.abc import Callable, Sequence
from typing import NoReturn

from hub_client.client import HubClient
from hub_client.cursors import CursorStore
from hub_client.generated.changes import ChangesChangesEvents as ChangeEvent

BatchHandler = Callable[[Sequence[ChangeEvent]], None]
"""Processes one batch of events, oldest first."""


class ChangeFollower:
    """Polls `changes(after:, first:, entityTypes:)` from the stored cursor.

    After the handler has processed a batch the cursor moves to the batch's `lastSeq` and is
    saved, so a restarted follower resumes after the last processed event: nothing missed,
    nothing repeated (a handler that raises leaves the cursor where it was).
    """

    def __init__(
        self,
        client: HubClient,
        cursor: CursorStore,
        *,
        entity_types: Sequence[str] | None = None,
        batch_size: int = 100,
        poll_interval: float = 2.0,
    ) -> None:
        self.client = client
        self.cursor = cursor
        self.entity_types = list(entity_types) if entity_types else None
        self.batch_size = batch_size
        self.poll_interval = poll_interval

    def catch_up(self, handle: BatchHandler) -> int:
        """Process every event the hub has now, batch by batch; the number processed."""
        processed = 0
        after = self.cursor.load()
        while True:
            page = self.client.changes(
                after=after, first=self.batch_size, entity_types=self.entity_types
            ).changes
            if page.events:
                handle(page.events)
                self.cursor.save(page.last_seq)
                processed += len(page.events)
                after = page.last_seq
            if not page.has_more:
                return processed

    def follow(self, handle: BatchHandler) -> NoReturn:
        """Catch up, then poll every `poll_interval` seconds, until interrupted."""
        while True:
            self.catch_up(handle)
            time.sleep(self.poll_interval)


__all__ = ["BatchHandler", "ChangeEvent", "ChangeFollower"]
