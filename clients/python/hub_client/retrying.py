"""When and how HubClient retries a request.

Connection failures (refused, DNS, connect timeout) are retried for every operation: the request
never reached the hub, so a mutation cannot have been applied. Read timeouts, dropped
connections and 502/503/504 from a gateway are retried only for queries, which are idempotent;
for a mutation the hub may have committed before the answer was lost, so the error is raised
and the caller decides (re-read, or resend with `expectedVersion` to turn a duplicate into a
CONFLICT user error).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_exponential

from hub_client.errors import HubConnectionError, HubUnavailable

log = logging.getLogger("hub_client")

T = TypeVar("T")
RetryHook = Callable[[int, BaseException, float], None]
"""Called before each wait: (failed attempt number, its error, seconds until the next)."""

# The request never left this machine: safe to resend whatever it was.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# The request may have been processed: safe to resend only a query.
_MAYBE_SENT = (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError, HubUnavailable)


def log_retry(attempt: int, error: BaseException, wait: float) -> None:
    """The default hook: one warning per failed attempt."""
    log.warning("hub request failed (attempt %d: %r); retrying in %.1fs", attempt, error, wait)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry: exponential backoff between attempts."""

    attempts: int = 5
    initial_wait: float = 0.2
    max_wait: float = 5.0

    def run(self, call: Callable[[], T], *, idempotent: bool, on_retry: RetryHook) -> T:
        """`call()` with retries; HubConnectionError when the last attempt failed in transport."""
        retryable = _NOT_SENT + _MAYBE_SENT if idempotent else _NOT_SENT

        def before_sleep(state: RetryCallState) -> None:
            error = state.outcome.exception() if state.outcome else None
            wait = state.next_action.sleep if state.next_action else 0.0
            if error is not None:
                on_retry(state.attempt_number, error, wait)

        retrying = Retrying(
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential(multiplier=self.initial_wait, max=self.max_wait),
            retry=retry_if_exception(lambda error: isinstance(error, retryable)),
            before_sleep=before_sleep,
            reraise=True,
        )
        try:
            return retrying(call)
        except (httpx.TransportError, HubUnavailable) as error:
            attempts = retrying.statistics.get("attempt_number", 1)
            raise HubConnectionError(attempts, error) from error
