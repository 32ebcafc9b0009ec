"""`Institution.timeline`: one page per institution, batched across institutions."""

import uuid
from datetime import date
from typing import Any

from hub.authz.masking import mask
from hub.authz.permissions import FieldAccess, Permissions
from hub.authz.row_scope import graphql_field_name, read_scope
from hub.context.request import Info
from hub.schema.connection import Connection, Edge, PageInfo, decode_cursor, encode_cursor
from hub.schema.graphql_errors import BadUserInput
from hub.schema.timeline import TimelineEntry
from hub.store import timeline
from hub.store.timeline import SOURCES, Entry, TimelineKind, Visible, Window


def _access(permissions: Permissions | None, source: timeline.Source, column: Any) -> FieldAccess:
    if permissions is None or column is None:
        return FieldAccess.CLEAR
    return permissions.field_access(source.model.__name__, graphql_field_name(column.key))


def visible_sources(permissions: Permissions | None) -> tuple[Visible, frozenset[TimelineKind]]:
    """The sources whose date the caller reads in clear, those whose label it may see, and
    those whose label it sees masked. Rows are filtered per source model in SQL."""
    sources = tuple(s for s in SOURCES if _access(permissions, s, s.at) is FieldAccess.CLEAR)
    label_access = {s.kind: _access(permissions, s, s.label) for s in sources}
    labelled = frozenset(k for k, a in label_access.items() if a is not FieldAccess.DENIED)
    masked = frozenset(k for k, a in label_access.items() if a is FieldAccess.MASKED)
    return Visible(sources, labelled), masked


def _entry(entry: Entry, masked: frozenset[TimelineKind]) -> TimelineEntry:
    label = entry.label
    if entry.kind in masked:
        label = mask("label", label)
    return TimelineEntry(
        kind=entry.kind,
        at=entry.at,
        label=label,
        record_type=entry.entity_type,
        entity_id=entry.entity_id,
    )


async def timeline_of(
    info: Info,
    institution_id: uuid.UUID,
    first: int | None,
    after: str | None,
    kinds: list[TimelineKind] | None,
    since: date | None,
    until: date | None,
) -> Connection[TimelineEntry]:
    """Newest first; `first`/`after` page forwards. Every institution asked for in one
    request with the same arguments shares two SQL statements."""
    settings = info.context.settings
    size = settings.default_page_size if first is None else first
    if not 0 <= size <= settings.max_page_size:
        raise BadUserInput(f"`first` must be between 0 and {settings.max_page_size}.")
    offset = 0
    if after is not None:
        decoded = decode_cursor(after)
        if decoded is None:
            raise BadUserInput("`after` is not a valid cursor.")
        offset = decoded + 1
    if since is not None and until is not None and until < since:
        raise BadUserInput("`to` must not be before `from`.")
    window = Window(frozenset(kinds) if kinds else None, since, until)
    permissions = info.context.permissions
    visible, masked = visible_sources(permissions)

    async def load(ids: list[uuid.UUID]) -> list[tuple[int, list[Entry]]]:
        async with info.context.database.reader() as session:
            totals, pages = await timeline.page(
                session,
                ids,
                window,
                visible,
                lambda model: read_scope(permissions, model),
                offset,
                offset + size,
            )
        return [(totals.get(i, 0), pages.get(i, [])) for i in ids]

    key = ("timeline", window, offset, size)
    total, entries = await info.context.loaders.batch(key, load).load(institution_id)
    nodes = [_entry(entry, masked) for entry in entries]
    edges = [Edge(cursor=encode_cursor(offset + i), node=n) for i, n in enumerate(nodes)]
    return Connection(
        edges=edges,
        nodes=nodes,
        total_count=total,
        page_info=PageInfo(
            has_next_page=offset + len(nodes) < total,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
