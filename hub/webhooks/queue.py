"""The delivery queue: turning feed events into deliveries, claiming due ones, recording results.

Every webhook gets one delivery row per event, sent in `seq` order: a webhook's next delivery
waits while an earlier one is still PENDING (retrying), so receivers see changes in the order
they were committed. A delivery that exhausts its attempts becomes FAILED and no longer holds
the others back. A claimed attempt holds a lease (its `next_attempt_at` moves past the request
timeout); a worker that dies mid-request leaves the delivery to be retried when the lease
runs out, which makes delivery at-least-once: receivers de-duplicate on `X-Hub-Event-Seq`.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from hub.audit import feed
from hub.authz.permissions import Permissions
from hub.authz.row_scope import read_scope
from hub.db.audit import AuditEvent
from hub.db.enums import DeliveryStatus
from hub.db.webhook import Webhook, WebhookDelivery
from hub.errors import ErrorCode, fail
from hub.webhooks.payload import event_payload

_ERROR_TEXT_LIMIT = 500


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: retry n waits min(cap, base * 2^(n-1)); give up after max."""

    base_seconds: float
    cap_seconds: float
    max_attempts: int

    def delay(self, attempts: int) -> timedelta:
        """How long to wait after the `attempts`-th failed attempt."""
        exponent = min(attempts - 1, 62)  # large enough to reach any cap, small enough to compute
        return timedelta(seconds=min(self.cap_seconds, self.base_seconds * 2**exponent))


@dataclass(frozen=True)
class Attempt:
    """One claimed delivery attempt: what to send where, signed with which secret."""

    delivery_id: uuid.UUID
    webhook_id: uuid.UUID
    url: str
    secret: str
    event_seq: int
    payload: dict[str, Any]
    number: int


async def webhooks_to_feed(session: AsyncSession) -> list[Webhook]:
    """The active webhooks, locked for this transaction (PostgreSQL: others skip them, so
    two workers never enqueue for the same webhook at once)."""
    statement = (
        select(Webhook)
        .where(Webhook.active.is_(True))
        .order_by(Webhook.name)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(statement)).scalars())


async def feed_head(session: AsyncSession) -> int:
    """The newest committed `seq` (0 for an empty feed). Writers commit in `seq` order, so
    nothing at or below it can still appear."""
    return (await session.execute(select(func.coalesce(func.max(AuditEvent.seq), 0)))).scalar_one()


async def enqueue(
    session: AsyncSession,
    webhook: Webhook,
    permissions: Permissions,
    head: int,
    now: datetime,
    limit: int,
) -> int:
    """Turn up to `limit` feed events up to `head` that this webhook may see into deliveries;
    returns how many. The cursor moves past every event considered, visible or not."""
    if head <= webhook.cursor:
        return 0
    events = await feed.changes_after(
        session,
        webhook.cursor,
        limit,
        webhook.entity_types or None,
        [*read_scope(permissions, AuditEvent), AuditEvent.seq <= head],
    )
    session.add_all(
        WebhookDelivery(
            webhook_id=webhook.id,
            event_seq=event.seq,
            payload=event_payload(event, permissions),
            status=DeliveryStatus.PENDING,
            attempts=0,
            next_attempt_at=now,
        )
        for event in events
    )
    cursor = events[-1].seq if len(events) == limit else head
    # A plain UPDATE: moving the cursor is bookkeeping, not an edit of the configuration.
    await session.execute(update(Webhook).where(Webhook.id == webhook.id).values(cursor=cursor))
    return len(events)


def _is_head() -> ColumnElement[bool]:
    # No earlier delivery of the same webhook is still pending: deliveries go out in order.
    earlier = aliased(WebhookDelivery)
    return ~exists().where(
        earlier.webhook_id == WebhookDelivery.webhook_id,
        earlier.status == DeliveryStatus.PENDING,
        earlier.event_seq < WebhookDelivery.event_seq,
    )


def _ready() -> Sequence[ColumnElement[bool]]:
    return (
        WebhookDelivery.status == DeliveryStatus.PENDING,
        Webhook.active.is_(True),
        _is_head(),
    )


async def claim(
    session: AsyncSession, now: datetime, lease: timedelta, limit: int
) -> list[Attempt]:
    """Claim the due head delivery of up to `limit` webhooks, counting the attempt now."""
    statement = (
        select(WebhookDelivery, Webhook.url, Webhook.secret)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(*_ready(), WebhookDelivery.next_attempt_at <= now)
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.event_seq)
        .limit(limit)
        .with_for_update(skip_locked=True, of=WebhookDelivery)
    )
    attempts = []
    for delivery, url, secret in (await session.execute(statement)).all():
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.next_attempt_at = now + lease
        attempts.append(
            Attempt(
                delivery_id=delivery.id,
                webhook_id=delivery.webhook_id,
                url=url,
                secret=secret,
                event_seq=delivery.event_seq,
                payload=delivery.payload,
                number=delivery.attempts,
            )
        )
    await session.flush()
    return attempts


async def next_due(session: AsyncSession) -> datetime | None:
    """When the earliest deliverable delivery falls due (None: nothing is waiting)."""
    statement = (
        select(func.min(WebhookDelivery.next_attempt_at))
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(*_ready())
    )
    return (await session.execute(statement)).scalar_one()


def _still_ours(attempt: Attempt) -> Sequence[ColumnElement[bool]]:
    # A worker whose lease ran out must not overwrite the outcome of a later attempt.
    return (
        WebhookDelivery.id == attempt.delivery_id,
        WebhookDelivery.attempts == attempt.number,
        WebhookDelivery.status == DeliveryStatus.PENDING,
    )


async def record_success(
    session: AsyncSession, attempt: Attempt, status_code: int, now: datetime
) -> None:
    """The receiver accepted the delivery."""
    await session.execute(
        update(WebhookDelivery)
        .where(*_still_ours(attempt))
        .values(
            status=DeliveryStatus.DELIVERED,
            delivered_at=now,
            last_status_code=status_code,
            last_error=None,
        )
    )


async def record_failure(
    session: AsyncSession,
    attempt: Attempt,
    status_code: int | None,
    error: str,
    now: datetime,
    retry: RetryPolicy,
) -> DeliveryStatus:
    """The attempt failed: schedule the next one after the backoff, or give up (FAILED)."""
    gives_up = attempt.number >= retry.max_attempts
    status = DeliveryStatus.FAILED if gives_up else DeliveryStatus.PENDING
    await session.execute(
        update(WebhookDelivery)
        .where(*_still_ours(attempt))
        .values(
            status=status,
            next_attempt_at=now + retry.delay(attempt.number),
            last_status_code=status_code,
            last_error=error[:_ERROR_TEXT_LIMIT],
        )
    )
    return status


async def redeliver(
    session: AsyncSession, delivery_id: uuid.UUID, now: datetime
) -> WebhookDelivery:
    """Queue a FAILED or DELIVERED delivery again, with a fresh set of attempts."""
    delivery = await session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        raise fail("id", ErrorCode.NOT_FOUND, "No webhook delivery with that id exists.")
    if delivery.status is DeliveryStatus.PENDING:
        raise fail("id", ErrorCode.INVALID_STATE, "The delivery is still pending.")
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = now
    delivery.delivered_at = None
    await session.flush()
    return delivery


async def retry_failed(session: AsyncSession, webhook_id: uuid.UUID, now: datetime) -> int:
    """Queue every FAILED delivery of a webhook again; returns how many."""
    result = await session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.webhook_id == webhook_id,
            WebhookDelivery.status == DeliveryStatus.FAILED,
        )
        .values(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=now)
    )
    return result.rowcount  # type: ignore[attr-defined, no-any-return]


async def list_deliveries(
    session: AsyncSession,
    webhook_id: uuid.UUID,
    status: DeliveryStatus | None,
    after: int,
    limit: int,
) -> list[WebhookDelivery]:
    """Up to `limit` deliveries of a webhook with `event_seq` after `after`, oldest first."""
    statement = select(WebhookDelivery).where(
        WebhookDelivery.webhook_id == webhook_id, WebhookDelivery.event_seq > after
    )
    if status is not None:
        statement = statement.where(WebhookDelivery.status == status)
    statement = statement.order_by(WebhookDelivery.event_seq).limit(limit)
    return list((await session.execute(statement)).scalars())
