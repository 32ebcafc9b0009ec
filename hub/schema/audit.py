"""GraphQL presentation of the audit trail and the change feed."""

from datetime import datetime
from typing import Any, NewType

import strawberry
from strawberry.scalars import JSON

from hub.db.audit import AuditEvent as AuditEventRow
from hub.global_ids import encode_id
from hub.schema.node import registers

BigInt = NewType("BigInt", int)
"""A 64-bit integer (change-feed sequence numbers); GraphQL's Int stops at 2^31."""

BIG_INT_SCALAR = strawberry.scalar(
    name="BigInt",
    description="A 64-bit integer (change-feed sequence numbers).",
    serialize=int,
    parse_value=int,
)


@registers(AuditEventRow, addressable=False)
@strawberry.type(description="One change to one record; `seq` orders the change feed.")
class AuditEvent:
    seq: BigInt
    at: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: strawberry.ID = strawberry.field(description="Global ID of the changed record.")
    changes: JSON = strawberry.field(description='{field: {"before": …, "after": …}}')
    request_id: str | None

    @classmethod
    def from_row(cls, row: AuditEventRow, changes: Any = None) -> "AuditEvent":
        """Present a stored event (with `changes` already filtered for the caller, if given)."""
        return cls(
            seq=row.seq,
            at=row.at,
            actor=row.actor,
            action=row.action,
            entity_type=row.entity_type,
            entity_id=strawberry.ID(encode_id(row.entity_type, row.entity_id)),
            changes=row.changes if changes is None else changes,
            request_id=row.request_id,
        )


@strawberry.type(description="A slice of the change feed; resume with `after: lastSeq`.")
class ChangeFeedPage:
    events: list[AuditEvent]
    last_seq: BigInt = strawberry.field(description="Pass as `after` to read on.")
    has_more: bool
