"""Reads of any record: node(id), nodes(ids) and a source system's ID."""

import strawberry

from hub.context.request import Info
from hub.resolvers import lookups
from hub.schema.graphql_errors import BadUserInput
from hub.schema.node import Node
from hub.schema.source_record import SourceRecord
from hub.store import source_records
from hub.store.source_records import SourceKey


async def node(info: Info, id: strawberry.ID) -> Node | None:
    """Any record by its global ID."""
    return await lookups.node(info, id)


def nodes(info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
    """Records by global ID, in the order asked (null where missing or refused)."""
    if len(ids) > info.context.settings.max_page_size:
        raise BadUserInput(f"At most {info.context.settings.max_page_size} ids at once.")
    # One awaitable per item: GraphQL resolves them together (one loader batch per type) and
    # a refused or malformed item fails alone, at its own path.
    return [lookups.node(info, global_id) for global_id in ids]  # type: ignore[misc]


async def source_record(info: Info, system: str, id: str) -> SourceRecord | None:
    """The hub record a source system's ID refers to."""
    key = SourceKey(system=system.strip(), source_id=id.strip())
    return await lookups.by_key(info, lambda session: source_records.find(session, key))


QUERY_FIELDS = {
    "node": strawberry.field(resolver=node, description="Any record by its global ID."),
    "nodes": strawberry.field(resolver=nodes, description="Records by global ID."),
    "source_record": strawberry.field(
        resolver=source_record, description="Look up a source system's ID, e.g. crm / 8812."
    ),
}
