"""The webhook worker: enqueues new events, POSTs due deliveries, records every outcome.

All state lives in the database, so a restarted worker carries on where the last one stopped.
On PostgreSQL several workers (one per server process) share the queue: claims and fan-out
use `FOR UPDATE SKIP LOCKED`. On SQLite run a single worker.
"""

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import httpx

from hub.audit.notifier import ChangeNotifier
from hub.authz.engine import PolicyEngine
from hub.authz.identity import Identity
from hub.config import Settings
from hub.db.engine import Database
from hub.db.types import utcnow
from hub.db.webhook import Webhook
from hub.global_ids import encode_id
from hub.webhooks import queue, signing
from hub.webhooks.destinations import Allowlist, delivery_refusal

logger = logging.getLogger("hub.webhooks")

_ENQUEUE_BATCH = 500
_PARALLEL_WEBHOOKS = 20
# A claimed attempt is abandoned (and retried) this long after its request timeout.
_LEASE_MARGIN = timedelta(seconds=30)
_USER_AGENT = "device-master-hub-webhooks/1"
_MIN_IDLE_SECONDS = 0.05

Clock = Callable[[], datetime]


def webhook_identity(webhook: Webhook) -> Identity:
    """The caller a webhook reads the feed as: its role and organisation unit, and its own
    Casbin subject (`webhook:<name>`) for policy lines about it alone."""
    return Identity(
        subject=webhook.name, roles=(webhook.role,), org_path=webhook.org_path, kind="webhook"
    )


def encode_body(payload: dict[str, object]) -> bytes:
    """The exact bytes POSTed (and signed) for a payload."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


class Dispatcher:
    """Delivers webhook events; `run()` forever, or `step()` once at a time."""

    def __init__(
        self,
        database: Database,
        settings: Settings,
        policy: PolicyEngine,
        notifier: ChangeNotifier,
        *,
        clock: Clock = utcnow,
    ) -> None:
        self._database = database
        self._settings = settings
        self._policy = policy
        self._notifier = notifier
        self._clock = clock
        self._retry = queue.RetryPolicy(
            base_seconds=settings.webhook_backoff_base_seconds,
            cap_seconds=settings.webhook_backoff_cap_seconds,
            max_attempts=settings.webhook_max_attempts,
        )
        self._lease = timedelta(seconds=settings.webhook_timeout_seconds) + _LEASE_MARGIN
        self._http = httpx.AsyncClient(follow_redirects=False, headers={"User-Agent": _USER_AGENT})
        self._allowlist = Allowlist(settings.webhook_allow_private)

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._http.aclose()

    async def run(self) -> None:
        """Deliver until cancelled: wake on every committed change, poll otherwise."""
        async with self._notifier.subscribed():
            while True:
                try:
                    if await self.step():
                        continue
                    idle = await self._idle_seconds()
                except Exception:
                    # A lost connection or a busy database must not end the worker.
                    logger.exception("webhook dispatch failed; retrying")
                    idle = self._settings.webhook_poll_seconds
                await self._notifier.wait(idle)

    async def step(self) -> int:
        """Enqueue new events, then make every attempt that is due now (the oldest pending
        delivery of each webhook, concurrently); returns how many attempts were made."""
        await self.enqueue()
        async with self._database.transaction() as session:
            attempts = await queue.claim(session, self._clock(), self._lease, _PARALLEL_WEBHOOKS)
        await asyncio.gather(*(self._attempt(attempt) for attempt in attempts))
        return len(attempts)

    async def enqueue(self) -> int:
        """Turn new feed events into deliveries for every active webhook."""
        await self._policy.refresh_if_changed(self._settings.policy_refresh_seconds)
        added = 0
        async with self._database.transaction() as session:
            head = await queue.feed_head(session)
            for webhook in await queue.webhooks_to_feed(session):
                permissions = await self._policy.permissions(webhook_identity(webhook))
                added += await queue.enqueue(
                    session, webhook, permissions, head, self._clock(), _ENQUEUE_BATCH
                )
        return added

    async def _idle_seconds(self) -> float:
        async with self._database.reader() as session:
            due = await queue.next_due(session)
        poll = self._settings.webhook_poll_seconds
        if due is None:
            return poll
        # The floor keeps a worker from spinning on a delivery another worker holds locked.
        return min(poll, max(_MIN_IDLE_SECONDS, (due - self._clock()).total_seconds()))

    async def _attempt(self, attempt: queue.Attempt) -> None:
        body = encode_body(attempt.payload)
        timestamp = int(self._clock().timestamp())
        headers = {
            "Content-Type": "application/json",
            # The ID the admin API shows, so a receiver's log leads straight to the delivery.
            signing.DELIVERY_HEADER: encode_id("WebhookDelivery", attempt.delivery_id),
            signing.SEQ_HEADER: str(attempt.event_seq),
            signing.TIMESTAMP_HEADER: str(timestamp),
            signing.SIGNATURE_HEADER: signing.signature(attempt.secret, timestamp, body),
        }
        status_code: int | None = None
        error: str | None = None
        try:
            async with asyncio.timeout(self._settings.webhook_timeout_seconds):
                url = httpx.URL(attempt.url)
                port = url.port or (443 if url.scheme == "https" else 80)
                error = await delivery_refusal(url.host, port, self._allowlist)
                if error is None:
                    response = await self._http.post(url, content=body, headers=headers)
                    status_code = response.status_code
                    if not response.is_success:
                        error = f"HTTP {status_code}"
        except (httpx.HTTPError, TimeoutError) as failure:
            error = f"{type(failure).__name__}: {failure}".rstrip(": ")
        async with self._database.transaction() as session:
            if error is None:
                assert status_code is not None
                await queue.record_success(session, attempt, status_code, self._clock())
            else:
                status = await queue.record_failure(
                    session, attempt, status_code, error, self._clock(), self._retry
                )
                logger.warning(
                    "webhook delivery %s (seq %s) attempt %s failed: %s → %s",
                    attempt.delivery_id,
                    attempt.event_seq,
                    attempt.number,
                    error,
                    status.value,
                )
