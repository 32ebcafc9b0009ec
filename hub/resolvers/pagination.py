"""Turns connection arguments into a page query, and a COUNT only when the total is needed."""

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from hub.authz.row_scope import ensure_searchable, read_scope
from hub.context.request import Info, RequestContext
from hub.db.listing import Listing, SortDirection, count_statement, page_statement, where_clauses
from hub.resolvers.selection import selects
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


def window(args: PageArgs, total: int | None, default_size: int, max_size: int) -> tuple[int, int]:
    """(start, end) offsets of the requested page within `total` rows (None: not counted,
    which is enough unless the page is counted back from the end)."""
    for name, size in (("first", args.first), ("last", args.last)):
        if size is not None and not 0 <= size <= max_size:
            raise BadUserInput(f"`{name}` must be between 0 and {max_size}.")
    after = _cursor_offset(args.after, "after")
    before = _cursor_offset(args.before, "before")
    start = 0 if after is None else after + 1
    if total is None:
        assert before is not None or args.last is None, "`last` alone needs the total"
        end = sys.maxsize if before is None else before
    else:
        end = total if before is None else min(before, total)
    if args.first is None and args.last is None:
        end = min(end, start + default_size)
    if args.first is not None:
        end = min(end, start + args.first)
    if args.last is not None:
        start = max(start, end - args.last)
    return start, max(start, end)


@dataclass(frozen=True)
class Page:
    """The rows of one page, where it starts, the total when counted, and what lies beyond."""

    rows: Sequence[Any]
    start: int
    total: int | None
    has_next_page: bool


async def fetch_page(
    context: RequestContext,
    listing: Listing,
    filter_values: dict[str, Any],
    order_field: str | None,
    direction: SortDirection,
    args: PageArgs,
    *,
    count: bool,
    columns: tuple[str, ...] | None = None,
) -> Page:
    """One page of the rows the caller may read that match the filter; COUNTed when `count`
    or when the page is counted back from the end."""
    settings = context.settings
    ensure_searchable(context.permissions, listing, filter_values, order_field)
    clauses = [
        *where_clauses(listing, filter_values),
        *read_scope(context.permissions, listing.model),
    ]
    total: int | None = None
    if count or (args.last is not None and args.before is None):
        total = (await context.reads.rows(count_statement(listing, clauses)))[0][0]
    start, end = window(args, total, settings.default_page_size, settings.max_page_size)
    # Uncounted, one row past the page says whether there is a next page.
    probe = 1 if total is None else 0
    rows: Sequence[Any] = []
    if end > start:
        rows = await context.reads.rows(
            page_statement(
                listing,
                clauses,
                order_field=order_field,
                direction=direction,
                offset=start,
                limit=end - start + probe,
                columns=columns,
            )
        )
    has_next_page = len(rows) > end - start if total is None else start + len(rows) < total
    return Page(rows[: end - start], start, total, has_next_page)


async def paginate(
    info: Info,
    listing: Listing,
    filter_values: dict[str, Any],
    order_field: str | None,
    direction: SortDirection,
    args: PageArgs,
    present: Callable[[Any], Any] | None = None,
) -> Connection[Any]:
    """A connection over the rows matching the filter, each presented by `present`."""
    count = selects(info, "totalCount")
    page = await fetch_page(
        info.context, listing, filter_values, order_field, direction, args, count=count
    )
    nodes = [to_node(row, listing.model) if present is None else present(row) for row in page.rows]
    edges = [Edge(cursor=encode_cursor(page.start + i), node=n) for i, n in enumerate(nodes)]
    return Connection(
        edges=edges,
        nodes=nodes,
        total_count=-1 if page.total is None else page.total,  # -1 is never shown: not asked
        page_info=PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=page.start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
