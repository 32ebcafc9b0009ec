"""Who presented which API key, remembered for a few seconds instead of asked per request."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from hub.authz.identity import Identity


@dataclass
class IdentityCache:
    """Identities of recently seen API keys, by key hash, for `seconds` seconds each.

    A revoked or rotated key therefore keeps working for at most `seconds` after the change
    (0 turns the cache off). Unknown keys are never remembered: a new key works at once, and
    guessing cannot fill the cache.
    """

    seconds: float
    max_entries: int = 10_000
    clock: Callable[[], float] = time.monotonic
    _entries: dict[str, tuple[float, Identity]] = field(default_factory=dict)

    def get(self, key_hash: str) -> Identity | None:
        """The remembered identity, or None when unknown or expired."""
        entry = self._entries.get(key_hash)
        if entry is None:
            return None
        expires, identity = entry
        if self.clock() >= expires:
            del self._entries[key_hash]
            return None
        return identity

    def put(self, key_hash: str, identity: Identity) -> None:
        """Remember an identity just read from the database."""
        if self.seconds <= 0:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.clear()  # rare: many live keys; they are re-read once each
        self._entries[key_hash] = (self.clock() + self.seconds, identity)
