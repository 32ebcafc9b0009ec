"""GraphQL presentation of webhooks and their deliveries (admin configuration, not records)."""

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from hub.db.base import ROOT_ORG_PATH
from hub.db.enums import DeliveryStatus, Role
from hub.db.webhook import Webhook as WebhookRow
from hub.db.webhook import WebhookDelivery as DeliveryRow
from hub.global_ids import encode_id
from hub.schema.audit import BigInt
from hub.schema.errors import UserError
from hub.schema.node import registers
from hub.schema.payloads import payload_type


@registers(WebhookRow, addressable=False)
@strawberry.type(
    description="A URL that receives signed POSTs of change-feed events. Its secret is shown "
    "only by createWebhook and rotateWebhookSecret."
)
class Webhook:
    id: strawberry.ID
    name: str
    url: str
    entity_types: list[str] = strawberry.field(description="Types sent; empty means all.")
    active: bool
    role: Role = strawberry.field(description="Deliveries carry what this role may read.")
    org_path: str = strawberry.field(description="The organisation unit the role acts for.")
    cursor: BigInt = strawberry.field(description="The last feed seq turned into deliveries.")
    version: int = strawberry.field(description="Pass as `expectedVersion` to detect races.")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: WebhookRow) -> "Webhook":
        """Present a stored webhook (never its secret)."""
        return cls(
            id=strawberry.ID(encode_id("Webhook", row.id)),
            name=row.name,
            url=row.url,
            entity_types=list(row.entity_types),
            active=row.active,
            role=row.role,
            org_path=row.org_path,
            cursor=BigInt(row.cursor),
            version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@registers(DeliveryRow, addressable=False)
@strawberry.type(description="One event sent (or to be sent) to one webhook.")
class WebhookDelivery:
    id: strawberry.ID = strawberry.field(description="Sent as the X-Hub-Delivery header.")
    webhook_id: strawberry.ID
    event_seq: BigInt
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None = strawberry.field(description="Set while PENDING.")
    last_attempt_at: datetime | None
    last_status_code: int | None = strawberry.field(description="The receiver's last answer.")
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    payload: JSON = strawberry.field(description="The body sent: the event as the role sees it.")

    @classmethod
    def from_row(cls, row: DeliveryRow) -> "WebhookDelivery":
        """Present a stored delivery."""
        pending = row.status is DeliveryStatus.PENDING
        return cls(
            id=strawberry.ID(encode_id("WebhookDelivery", row.id)),
            webhook_id=strawberry.ID(encode_id("Webhook", row.webhook_id)),
            event_seq=BigInt(row.event_seq),
            status=row.status,
            attempts=row.attempts,
            next_attempt_at=row.next_attempt_at if pending else None,
            last_attempt_at=row.last_attempt_at,
            last_status_code=row.last_status_code,
            last_error=row.last_error,
            created_at=row.created_at,
            delivered_at=row.delivered_at,
            payload=row.payload,
        )


@strawberry.type(description="A slice of a webhook's deliveries; read on with `after: lastSeq`.")
class WebhookDeliveryPage:
    deliveries: list[WebhookDelivery]
    last_seq: BigInt
    has_more: bool


@strawberry.input(description="Register a webhook; the payload shows its secret this once.")
class CreateWebhookInput:
    name: str
    url: str = strawberry.field(description="http:// or https://; receives POSTs.")
    entity_types: list[str] = strawberry.field(
        default_factory=list, description="e.g. [Institution, Contact]; empty sends all types."
    )
    role: Role = strawberry.field(
        default=Role.AUDITOR,
        description="Whose read permissions filter and mask the events (default auditor: "
        "everything, personal data masked).",
    )
    org_path: str = ROOT_ORG_PATH
    active: bool = True


@strawberry.input(description="Change a webhook; omitted fields keep their values.")
class UpdateWebhookInput:
    id: strawberry.ID
    expected_version: int | None = None
    name: str | None = strawberry.UNSET
    url: str | None = strawberry.UNSET
    entity_types: list[str] | None = strawberry.UNSET
    role: Role | None = strawberry.UNSET
    org_path: str | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET


@strawberry.input(description="A webhook, and the version the change was made against.")
class WebhookRefInput:
    id: strawberry.ID
    expected_version: int | None = None


@strawberry.input(description="A delivery to send again with a fresh set of attempts.")
class RedeliverWebhookDeliveryInput:
    id: strawberry.ID


@strawberry.input(description="Every FAILED delivery of a webhook, to send again.")
class RetryFailedWebhookDeliveriesInput:
    webhook_id: strawberry.ID


WebhookPayload = payload_type(Webhook, "webhook")
WebhookDeliveryPayload = payload_type(WebhookDelivery, "delivery")


@strawberry.type(description="A webhook and its signing secret, shown this once: store it now.")
class WebhookSecretPayload:
    webhook: Webhook | None = None
    secret: str | None = strawberry.field(
        default=None, description="Verifies X-Hub-Signature-256; never shown again."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


WebhookSecretPayload.record_field = "webhook"  # type: ignore[attr-defined]


@strawberry.type(description="How many FAILED deliveries of the webhook were queued again.")
class RetryFailedWebhookDeliveriesPayload:
    webhook: Webhook | None = None
    retried: int = 0
    user_errors: list[UserError] = strawberry.field(default_factory=list)


RetryFailedWebhookDeliveriesPayload.record_field = "webhook"  # type: ignore[attr-defined]
