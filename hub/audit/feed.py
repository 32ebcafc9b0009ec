"""Reading the audit trail: per record, and as the change feed ordered by `seq`."""

from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.audit import AuditEvent
from hub.db.listing import Listing, equals, one_of

TRAIL_LISTING = Listing(
    model=AuditEvent,
    filters={"entity_id": equals(AuditEvent.entity_id), "actions": one_of(AuditEvent.action)},
    order_fields={"SEQ": AuditEvent.seq},
    default_order="SEQ",
)


async def changes_after(
    session: AsyncSession,
    after: int,
    limit: int,
    entity_types: Sequence[str] | None = None,
    scope: Sequence[ColumnElement[bool]] = (),
) -> list[AuditEvent]:
    """Up to `limit` events with `seq` greater than `after` (and within `scope`), oldest first."""
    statement = select(AuditEvent).where(AuditEvent.seq > after, *scope)
    if entity_types:
        statement = statement.where(AuditEvent.entity_type.in_(list(entity_types)))
    statement = statement.order_by(AuditEvent.seq).limit(limit)
    return list((await session.execute(statement)).scalars())
