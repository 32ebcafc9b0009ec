"""GraphQL presentation of duplicate candidates and merges."""

import uuid
from datetime import datetime

import strawberry

from hub.context.request import Info
from hub.db.dedup import DuplicateCandidate as DuplicateCandidateRow
from hub.db.dedup import MergeEvent as MergeEventRow
from hub.db.enums import CandidateStatus, MatchEntity
from hub.global_ids import encode_id
from hub.schema import relations
from hub.schema.node import Node, Record, model_for, registers
from hub.schema.payloads import payload_type


def _shown(value: object) -> str | None:
    if value is None:
        return None
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


@strawberry.type(description="How one feature of a pair compared: why the pair was proposed.")
class MatchEvidence:
    feature: str = strawberry.field(description="e.g. name.core, uscc, mobiles.")
    method: str = strawberry.field(description="Comparator: exact, ratio, ngram, region...")
    left: str | None = strawberry.field(description="The left record's normalised value.")
    right: str | None
    similarity: float | None = strawberry.field(description="Null when either value is missing.")
    weight: float
    vetoed: bool = strawberry.field(
        description="True when this difference alone rules the pair out (score capped)."
    )


@registers(DuplicateCandidateRow)
@strawberry.type(description="Two records of one type that may be the same thing.")
class DuplicateCandidate(Record):
    entity_type: MatchEntity
    score: float = strawberry.field(description="Weighted similarity in [0, 1].")
    status: CandidateStatus

    @strawberry.field(description="Per-feature comparison behind the score.")
    def evidence(self) -> list[MatchEvidence]:
        return [
            MatchEvidence(
                feature=item["feature"],
                method=item["method"],
                left=_shown(item["left"]),
                right=_shown(item["right"]),
                similarity=item["similarity"],
                weight=item["weight"],
                vetoed=item["vetoed"],
            )
            for item in self.row.evidence
        ]

    @strawberry.field(description="One record of the pair.")
    async def left(self, info: Info) -> Node | None:
        return await relations.one(info, model_for(self.entity_type.value), self.row.left_id)

    @strawberry.field(description="The other record of the pair.")
    async def right(self, info: Info) -> Node | None:
        return await relations.one(info, model_for(self.entity_type.value), self.row.right_id)


@strawberry.type(description="Which record a merged field value came from, and why.")
class FieldDecision:
    field: str
    from_id: strawberry.ID
    rule: str = strawberry.field(
        description="STEWARD, or the survivorship rule: MOST_TRUSTED_SOURCE, MOST_RECENT..."
    )


@registers(MergeEventRow)
@strawberry.type(description="One merge of duplicates into a survivor; undoable with undoMerge.")
class MergeEvent(Record):
    entity_type: MatchEntity
    actor: str = strawberry.field(description="Who merged (system:system for auto-merges).")
    undone_at: datetime | None = strawberry.field(description="Set once the merge was undone.")
    undone_by: str | None

    @strawberry.field(description="The record that absorbed the others.")
    async def survivor(self, info: Info) -> Node | None:
        return await relations.one(info, model_for(self.entity_type.value), self.row.survivor_id)

    @strawberry.field(description="The records merged into the survivor (status MERGED).")
    def merged_ids(self) -> list[strawberry.ID]:
        return [
            strawberry.ID(encode_id(self.entity_type.value, row_id))
            for row_id in map(_uuid, self.row.merged_ids)
        ]

    @strawberry.field(description="Survivor fields taken from a merged record or by choice.")
    def decisions(self) -> list[FieldDecision]:
        return [
            FieldDecision(
                field=item["field"],
                from_id=strawberry.ID(encode_id(self.entity_type.value, _uuid(item["fromId"]))),
                rule=item["rule"],
            )
            for item in self.row.decisions
        ]


def _uuid(value: str) -> uuid.UUID:
    return uuid.UUID(value)


@strawberry.input(description="Take one field's value from a given record.")
class FieldChoiceInput:
    field: str = strawberry.field(description="camelCase or snake_case field name, e.g. uscc.")
    from_id: strawberry.ID


@strawberry.input(description="Merge records into a survivor; one transaction.")
class MergeInput:
    survivor_id: strawberry.ID
    merged_ids: list[strawberry.ID]
    field_choices: list[FieldChoiceInput] | None = strawberry.field(
        default=None,
        description="Per-field picks; other fields follow the configured survivorship rule.",
    )


@strawberry.input
class DismissDuplicateInput:
    candidate_id: strawberry.ID


@strawberry.input
class UndoMergeInput:
    merge_event_id: strawberry.ID


DuplicateCandidatePayload = payload_type(DuplicateCandidate, "candidate")
MergeEventPayload = payload_type(MergeEvent, "merge_event")
