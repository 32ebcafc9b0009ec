"""GraphQL presentation of source-system cross-references."""

import strawberry

from hub.context.request import Info
from hub.db.source_record import SourceRecord as SourceRecordRow
from hub.schema import relations
from hub.schema.node import Node, Record, model_for, registers


@registers(SourceRecordRow)
@strawberry.type(description="A source system's ID for a hub record.")
class SourceRecord(Record):
    source_system: str | None
    source_id: str | None
    entity_type: str | None

    @strawberry.field(description="The hub record the source ID refers to.")
    async def entity(self, info: Info) -> Node | None:
        model = model_for(self.row.entity_type)
        return await relations.one(info, model, self.row.entity_id) if model else None
