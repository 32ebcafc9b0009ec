"""Webhook administration (admin only, through `op:` policy lines): register, change, rotate,
remove, inspect deliveries and send failed ones again."""

from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.context.request import Info
from hub.db.enums import DeliveryStatus
from hub.db.types import utcnow
from hub.db.webhook import Webhook as WebhookRow
from hub.global_ids import decode_any, decode_id
from hub.resolvers import mutations
from hub.schema.audit import BigInt
from hub.schema.graphql_errors import BadUserInput
from hub.schema.webhook import (
    CreateWebhookInput,
    RedeliverWebhookDeliveryInput,
    RetryFailedWebhookDeliveriesInput,
    RetryFailedWebhookDeliveriesPayload,
    UpdateWebhookInput,
    Webhook,
    WebhookDelivery,
    WebhookDeliveryPage,
    WebhookDeliveryPayload,
    WebhookPayload,
    WebhookRefInput,
    WebhookSecretPayload,
)
from hub.webhooks import queue, registry
from hub.webhooks.destinations import Allowlist
from hub.webhooks.registry import WebhookSpec

_START = BigInt(0)


async def list_webhooks(info: Info) -> list[Webhook]:
    """Every webhook, by name."""
    async with info.context.reads.session() as session:
        return [Webhook.from_row(row) for row in await registry.list_webhooks(session)]


async def webhook_deliveries(
    info: Info,
    webhook_id: strawberry.ID,
    status: DeliveryStatus | None = None,
    first: int | None = None,
    after: BigInt = _START,
) -> WebhookDeliveryPage:
    """A webhook's deliveries in event order, optionally of one status."""
    decoded = decode_any(webhook_id)
    if decoded is None or decoded[0] != "Webhook":
        raise BadUserInput("`webhookId` is not the ID of a Webhook.")
    maximum = info.context.settings.max_page_size
    limit = info.context.settings.default_page_size if first is None else first
    if not 0 <= limit <= maximum:
        raise BadUserInput(f"`first` must be between 0 and {maximum}.")
    async with info.context.reads.session() as session:
        rows = await queue.list_deliveries(session, decoded[1], status, after, limit + 1)
    page = rows[:limit]
    return WebhookDeliveryPage(
        deliveries=[WebhookDelivery.from_row(row) for row in page],
        last_seq=BigInt(page[-1].event_seq) if page else after,
        has_more=len(rows) > limit,
    )


async def _secret(_: AsyncSession, __: Author, row: WebhookRow) -> dict[str, Any]:
    return {"secret": row.secret}


async def create_webhook(info: Info, input: CreateWebhookInput) -> WebhookSecretPayload:
    """Register a webhook; the payload carries its signing secret, this once."""
    spec = WebhookSpec(
        name=input.name,
        url=input.url,
        entity_types=list(input.entity_types),
        role=input.role,
        org_path=input.org_path,
        active=input.active,
    )

    async def write(session: AsyncSession, author: Author) -> WebhookRow:
        return await registry.create_webhook(
            session, author, spec, Allowlist(info.context.settings.webhook_allow_private)
        )

    return await mutations.run(info, WebhookSecretPayload, write, _secret)  # type: ignore[no-any-return]


def _given(value: Any) -> Any:
    return None if value is strawberry.UNSET else value


async def update_webhook(info: Info, input: UpdateWebhookInput) -> WebhookPayload:  # type: ignore[valid-type]
    """Change a webhook's URL, filters, role or state; the secret stays."""
    spec = WebhookSpec(
        name=_given(input.name),
        url=_given(input.url),
        entity_types=_given(input.entity_types),
        role=_given(input.role),
        org_path=_given(input.org_path),
        active=_given(input.active),
    )

    async def write(session: AsyncSession, author: Author) -> WebhookRow:
        webhook_id = decode_id(input.id, "Webhook", "id")
        allowlist = Allowlist(info.context.settings.webhook_allow_private)
        return await registry.update_webhook(
            session, author, webhook_id, spec, allowlist, input.expected_version
        )

    return await mutations.run(info, WebhookPayload, write)  # type: ignore[no-any-return]


async def rotate_webhook_secret(info: Info, input: WebhookRefInput) -> WebhookSecretPayload:
    """Give a webhook a new secret (shown this once); the old one stops signing at once."""

    async def write(session: AsyncSession, author: Author) -> WebhookRow:
        webhook_id = decode_id(input.id, "Webhook", "id")
        return await registry.rotate_secret(session, author, webhook_id, input.expected_version)

    return await mutations.run(info, WebhookSecretPayload, write, _secret)  # type: ignore[no-any-return]


async def delete_webhook(info: Info, input: WebhookRefInput) -> WebhookPayload:  # type: ignore[valid-type]
    """Remove a webhook and its deliveries; the payload shows it as it was."""

    async def write(session: AsyncSession, author: Author) -> WebhookRow:
        webhook_id = decode_id(input.id, "Webhook", "id")
        return await registry.delete_webhook(session, author, webhook_id, input.expected_version)

    return await mutations.run(info, WebhookPayload, write)  # type: ignore[no-any-return]


async def redeliver_webhook_delivery(
    info: Info, input: RedeliverWebhookDeliveryInput
) -> WebhookDeliveryPayload:  # type: ignore[valid-type]
    """Send a FAILED (or DELIVERED) delivery again, with a fresh set of attempts."""

    async def write(session: AsyncSession, _: Author) -> Any:
        delivery_id = decode_id(input.id, "WebhookDelivery", "id")
        return await queue.redeliver(session, delivery_id, utcnow())

    return await mutations.run(info, WebhookDeliveryPayload, write)  # type: ignore[no-any-return]


async def retry_failed_webhook_deliveries(
    info: Info, input: RetryFailedWebhookDeliveriesInput
) -> RetryFailedWebhookDeliveriesPayload:
    """Send every FAILED delivery of a webhook again (e.g. after the receiver's outage)."""

    async def write(session: AsyncSession, _: Author) -> WebhookRow:
        webhook_id = decode_id(input.webhook_id, "Webhook", "webhook_id")
        return await registry.find_webhook(session, webhook_id, "webhook_id")

    async def retry(session: AsyncSession, _: Author, webhook: WebhookRow) -> dict[str, Any]:
        return {"retried": await queue.retry_failed(session, webhook.id, utcnow())}

    return await mutations.run(info, RetryFailedWebhookDeliveriesPayload, write, retry)  # type: ignore[no-any-return]


QUERY_FIELDS = {
    "webhooks": strawberry.field(resolver=list_webhooks, description="Every webhook (admin)."),
    "webhook_deliveries": strawberry.field(
        resolver=webhook_deliveries,
        description="A webhook's deliveries in event order, with their retry state (admin).",
    ),
}

MUTATION_FIELDS = {
    "create_webhook": strawberry.field(
        resolver=create_webhook, description="Register a webhook; returns its secret once."
    ),
    "update_webhook": strawberry.field(resolver=update_webhook, description="Change a webhook."),
    "rotate_webhook_secret": strawberry.field(
        resolver=rotate_webhook_secret, description="New signing secret, returned once."
    ),
    "delete_webhook": strawberry.field(
        resolver=delete_webhook, description="Remove a webhook and its deliveries."
    ),
    "redeliver_webhook_delivery": strawberry.field(
        resolver=redeliver_webhook_delivery, description="Send one delivery again."
    ),
    "retry_failed_webhook_deliveries": strawberry.field(
        resolver=retry_failed_webhook_deliveries,
        description="Send every FAILED delivery of a webhook again.",
    ),
}
