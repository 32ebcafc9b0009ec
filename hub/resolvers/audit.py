"""The audit trail of one record and the change feed, paged and live."""

from collections.abc import AsyncGenerator

import strawberry

from hub.audit import feed
from hub.authz.row_scope import read_scope, visible_changes
from hub.context.request import Info
from hub.db.audit import AuditEvent as AuditEventRow
from hub.db.listing import SortDirection
from hub.global_ids import decode_any
from hub.resolvers import lookups
from hub.resolvers.pagination import PageArgs, paginate
from hub.schema.audit import AuditEvent, BigInt, ChangeFeedPage
from hub.schema.connection import Connection
from hub.schema.graphql_errors import BadUserInput

_FEED_START = BigInt(0)


async def audit_trail(
    info: Info,
    entity_id: strawberry.ID,
    first: int | None = None,
    after: str | None = None,
) -> Connection[AuditEvent]:
    """Every recorded change of one record, oldest first."""
    await lookups.node(info, entity_id)  # refuses records outside the caller's units
    decoded = decode_any(entity_id)
    assert decoded is not None
    args = PageArgs(first=first, after=after)
    return await paginate(
        info,
        feed.TRAIL_LISTING,
        {"entity_id": decoded[1]},
        None,
        SortDirection.ASC,
        args,
        present=lambda row: _event(info, row),
    )


async def changes(
    info: Info,
    after: BigInt = _FEED_START,
    first: int | None = None,
    entity_types: list[str] | None = None,
) -> ChangeFeedPage:
    """The change feed: events with `seq` after the cursor, oldest first."""
    maximum = info.context.settings.max_page_size
    limit = maximum if first is None else first
    if not 0 <= limit <= maximum:
        raise BadUserInput(f"`first` must be between 0 and {maximum}.")
    scope = read_scope(info.context.permissions, AuditEventRow)
    async with info.context.reads.session() as session:
        rows = await feed.changes_after(session, after, limit + 1, entity_types, scope)
    page = rows[:limit]
    return ChangeFeedPage(
        events=[_event(info, row) for row in page],
        last_seq=page[-1].seq if page else after,
        has_more=len(rows) > limit,
    )


_FEED_BATCH = 100
_FEED_IDLE_SECONDS = 1.0


async def follow_changes(
    info: Info, after: BigInt = _FEED_START, entity_types: list[str] | None = None
) -> AsyncGenerator[AuditEvent, None]:
    """The live change feed: every event after the cursor, then each new one as it commits,
    with the caller's row and field permissions applied to each. Reconnect with the last
    `seq` received to miss nothing and see nothing twice."""
    cursor = int(after)
    scope = read_scope(info.context.permissions, AuditEventRow)
    async with info.context.notifier.subscribed():
        while True:
            async with info.context.database.reader() as session:
                rows = await feed.changes_after(session, cursor, _FEED_BATCH, entity_types, scope)
            for row in rows:
                cursor = row.seq
                yield _event(info, row)
            if len(rows) < _FEED_BATCH:
                await info.context.notifier.wait(_FEED_IDLE_SECONDS)


def _event(info: Info, row: AuditEventRow) -> AuditEvent:
    changes = visible_changes(info.context.permissions, row.entity_type, row.changes)
    return AuditEvent.from_row(row, changes)


SUBSCRIPTION_FIELDS = {
    "changes": strawberry.subscription(
        resolver=follow_changes,
        description="The change feed, live: replays events after `after`, then streams new ones.",
    ),
}

QUERY_FIELDS = {
    "audit_trail": strawberry.field(
        resolver=audit_trail, description="Every change of one record, oldest first."
    ),
    "changes": strawberry.field(
        resolver=changes, description="The change feed: events after a `seq` cursor."
    ),
}
