"""The body of a webhook delivery: one change-feed event as the webhook's role may see it."""

from typing import Any

from hub.authz.permissions import Permissions
from hub.authz.row_scope import visible_changes
from hub.db.audit import AuditEvent
from hub.global_ids import encode_id


def event_payload(event: AuditEvent, permissions: Permissions) -> dict[str, Any]:
    """The event in the shape of the GraphQL `AuditEvent`, with field rules applied to
    `changes` exactly as the `changes` query applies them for a caller of that role."""
    return {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor": event.actor,
        "action": event.action,
        "entityType": event.entity_type,
        "entityId": encode_id(event.entity_type, event.entity_id),
        "changes": visible_changes(permissions, event.entity_type, event.changes),
        "requestId": event.request_id,
    }
