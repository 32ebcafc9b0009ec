"""Turns connection arguments into one COUNT and one page query."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hub.authz.row_scope import ensure_searchable, read_scope
from hub.context.request import Info
from hub.db.listing import Listing, SortDirection, count, fetch_page, where_clauses
from hub.schema.connection import Connection, Edge, PageInfo, decode_cursor, encode_cursor
from hub.schema.graphql_errors import BadUserInput
from hub.schema.node import to_node


@dataclass(frozen=True)
class PageArgs:
    """Relay arguments: `first`/`after` forwards, `last`/`before` backwards."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


def _cursor_offset(cursor: str | None, name: str) -> int | None:
    if cursor is None:
        return None
    offset = decode_cursor(cursor)
    if offset is None:
        raise BadUserInput(f"`{name}` is not a valid cursor.")
    return offset


def window(args: PageArgs, total: int, default_size: int, max_size: int) -> tuple[int, int]:
    """(start, end) offsets of the requested page within `total` rows."""
    for name, size in (("first", args.first), ("last", args.last)):
        if size is not None and not 0 <= size <= max_size:
            raise BadUserInput(f"`{name}` must be between 0 and {max_size}.")
    after = _cursor_offset(args.after, "after")
    before = _cursor_offset(args.before, "before")
    start = 0 if after is None else after + 1
    end = total if before is None else min(before, total)
    if args.first is None and args.last is None:
        end = min(end, start + default_size)
    if args.first is not None:
        end = min(end, start + args.first)
    if args.last is not None:
        start = max(start, end - args.last)
    return start, max(start, end)


async def paginate(
    info: Info,
    listing: Listing,
    filter_values: dict[str, Any],
    order_field: str | None,
    direction: SortDirection,
    args: PageArgs,
    present: Callable[[Any], Any] = to_node,
) -> Connection[Any]:
    """A connection over the rows matching the filter, each presented by `present`."""
    settings = info.context.settings
    ensure_searchable(info.context.permissions, listing, filter_values, order_field)
    clauses = [
        *where_clauses(listing, filter_values),
        *read_scope(info.context.permissions, listing.model),
    ]
    async with info.context.database.reader() as session:
        total = await count(session, listing, clauses)
        start, end = window(args, total, settings.default_page_size, settings.max_page_size)
        rows = (
            await fetch_page(
                session,
                listing,
                clauses,
                order_field=order_field,
                direction=direction,
                offset=start,
                limit=end - start,
            )
            if end > start
            else []
        )
    nodes = [present(row) for row in rows]
    edges = [Edge(cursor=encode_cursor(start + i), node=node) for i, node in enumerate(nodes)]
    return Connection(
        edges=edges,
        nodes=nodes,
        total_count=total,
        page_info=PageInfo(
            has_next_page=start + len(rows) < total,
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
