"""GraphQL presentation of an institution's timeline."""

import uuid
from datetime import datetime

import strawberry

from hub.context.request import Info
from hub.global_ids import encode_id
from hub.schema import relations
from hub.schema.node import Node, model_for
from hub.store.timeline import TimelineKind

strawberry.enum(TimelineKind, description="What happened on a customer's timeline.")


@strawberry.type(description="One dated event about a customer, and the record it is about.")
class TimelineEntry:
    kind: TimelineKind
    at: datetime = strawberry.field(description="When; a date-only event is at 00:00 UTC.")
    label: str | None = strawberry.field(
        description="The record's number or department; null when the caller may not read it."
    )
    record_type: str = strawberry.field(description="The GraphQL type of the record.")
    entity_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="The record's global ID.")
    def record_id(self) -> strawberry.ID:
        return strawberry.ID(encode_id(self.record_type, self.entity_id))

    @strawberry.field(description="The record itself, under the caller's field permissions.")
    async def record(self, info: Info) -> Node | None:
        return await relations.one(info, model_for(self.record_type), self.entity_id)
