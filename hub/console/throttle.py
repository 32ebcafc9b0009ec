"""Failed sign-ins, counted per account and per client address, to slow down password guessing.

After `per_account` failures for one username within `window_seconds`, that account's sign-in
is refused until the oldest failure leaves the window, right password or not (the form says
how long to wait); `per_address` failures from one client address, whatever the usernames or
API keys tried, do the same for that address. A successful sign-in forgets its account's
failures. Counts live in the server process: with `hub serve --workers N` each worker counts
its own.
"""

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

_MAX_KEYS = 100_000  # beyond this, forgotten wholesale: a flood must not exhaust memory


@dataclass
class SignInThrottle:
    """Recent failed sign-ins, by account and by address."""

    per_account: int = 5
    per_address: int = 30
    window_seconds: float = 900.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    @staticmethod
    def account(username: str) -> str:
        """The counter of one username (case as people type it does not matter)."""
        return f"account:{username.strip().lower()}"

    @staticmethod
    def address(host: str | None) -> str:
        """The counter of one client address."""
        return f"address:{host or '-'}"

    def _recent(self, key: str) -> deque[float]:
        failures = self._failures.get(key, deque())
        horizon = self.clock() - self.window_seconds
        while failures and failures[0] <= horizon:
            failures.popleft()
        return failures

    def wait_seconds(self, keys: dict[str, int]) -> int:
        """Seconds until every counter in `keys` ({key: limit}) is under its limit (0: now)."""
        wait = 0.0
        for key, limit in keys.items():
            failures = self._recent(key)
            if len(failures) >= limit:
                wait = max(wait, failures[-limit] + self.window_seconds - self.clock())
        return max(0, math.ceil(wait))

    def failed(self, keys: list[str]) -> None:
        """Count one failed sign-in against each key."""
        if len(self._failures) >= _MAX_KEYS:
            self._failures.clear()
        now = self.clock()
        for key in keys:
            self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, key: str) -> None:
        """Forget the failures of the account that just signed in."""
        self._failures.pop(key, None)
