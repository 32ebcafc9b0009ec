"""Duplicate candidates, merges and their undo."""

from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.utils.str_converters import to_snake_case

from hub.audit.writer import Author
from hub.authz.row_scope import ensure_readable
from hub.context.request import Info
from hub.db.dedup import DuplicateCandidate as DuplicateCandidateRow
from hub.db.enums import CandidateStatus, MatchEntity
from hub.db.listing import Listing, SortDirection, equals, on_or_after
from hub.dedup import candidates, merge, undo
from hub.global_ids import decode_any, decode_id, encode_id
from hub.resolvers import lookups, mutations
from hub.resolvers.mutations import Extras
from hub.resolvers.pagination import PageArgs, paginate
from hub.schema.connection import Connection
from hub.schema.dedup import (
    DismissDuplicateInput,
    DuplicateCandidate,
    DuplicateCandidatePayload,
    MergeEvent,
    MergeEventPayload,
    MergeInput,
    UndoMergeInput,
)
from hub.schema.node import to_node

CANDIDATES = Listing(
    model=DuplicateCandidateRow,
    filters={
        "entity_type": equals(DuplicateCandidateRow.entity_type),
        "min_score": on_or_after(DuplicateCandidateRow.score),
        "status": equals(DuplicateCandidateRow.status),
    },
    order_fields={"SCORE": DuplicateCandidateRow.score},
    default_order="SCORE",
)


def possible_duplicates(entity: MatchEntity, duplicate_type: type) -> Extras:
    """Payload extras: stored records the written one may duplicate ("did you mean?")."""

    async def extras(session: AsyncSession, author: Author, row: Any) -> dict[str, Any]:
        found = await candidates.check(session, author, entity, row)
        return {
            "possible_duplicates": [
                duplicate_type(
                    record=to_node(item.row),
                    score=item.score,
                    candidate_id=strawberry.ID(
                        encode_id(DuplicateCandidate.__name__, item.candidate_id)
                    ),
                )
                for item in found
            ]
        }

    return extras


async def duplicate_candidates(
    info: Info,
    entity_type: MatchEntity,
    min_score: float | None = None,
    status: CandidateStatus = CandidateStatus.OPEN,
    first: int | None = None,
    after: str | None = None,
) -> Connection[DuplicateCandidate]:
    """Candidate pairs, best score first."""
    values = {"entity_type": entity_type, "min_score": min_score, "status": status}
    args = PageArgs(first=first, after=after)
    return await paginate(info, CANDIDATES, values, None, SortDirection.DESC, args)


async def merge_history(info: Info, entity_id: strawberry.ID) -> list[MergeEvent]:
    """Every merge (and whether it was undone) that touched a record, oldest first."""
    await lookups.node(info, entity_id)  # refuses records outside the caller's units
    decoded = decode_any(entity_id)
    assert decoded is not None
    async with info.context.reads.session() as session:
        events = await undo.history(session, decoded[1])
    return [to_node(ensure_readable(info.context.permissions, event)) for event in events]


def _merge_field(entity: MatchEntity, description: str) -> Any:
    type_name = entity.value

    async def resolve(info: Info, input: MergeInput) -> Any:
        async def write(session: AsyncSession, author: Author) -> Any:
            survivor_id = decode_id(input.survivor_id, type_name, "survivor_id")
            merged_ids = [
                decode_id(item, type_name, ("merged_ids", str(index)))
                for index, item in enumerate(input.merged_ids)
            ]
            choices = [
                merge.FieldChoice(
                    field=to_snake_case(choice.field),
                    from_id=decode_id(
                        choice.from_id, type_name, ("field_choices", str(index), "from_id")
                    ),
                )
                for index, choice in enumerate(input.field_choices or [])
            ]
            return await merge.merge_records(
                session, author, entity, survivor_id, merged_ids, choices
            )

        return await mutations.run(info, MergeEventPayload, write)

    resolve.__annotations__["return"] = MergeEventPayload
    return strawberry.field(resolver=resolve, description=description)


async def dismiss_duplicate(info: Info, input: DismissDuplicateInput) -> DuplicateCandidatePayload:
    """Mark a candidate pair "not a duplicate": it is never proposed again."""

    async def write(session: AsyncSession, author: Author) -> Any:
        candidate_id = decode_id(input.candidate_id, DuplicateCandidate.__name__, "candidate_id")
        return await candidates.dismiss(session, author, candidate_id)

    return await mutations.run(info, DuplicateCandidatePayload, write)


async def undo_merge(info: Info, input: UndoMergeInput) -> MergeEventPayload:
    """Undo a merge exactly; refused with CONFLICT errors listing what changed since."""

    async def write(session: AsyncSession, author: Author) -> Any:
        event_id = decode_id(input.merge_event_id, MergeEvent.__name__, "merge_event_id")
        return await undo.undo_merge(session, author, event_id)

    return await mutations.run(info, MergeEventPayload, write)


QUERY_FIELDS = {
    "duplicate_candidates": strawberry.field(
        resolver=duplicate_candidates,
        description="The steward's review queue: candidate duplicate pairs with evidence.",
    ),
    "merge_history": strawberry.field(
        resolver=merge_history,
        description="Every merge and undo that touched a record (survivor or merged).",
    ),
}

MUTATION_FIELDS = {
    "dismiss_duplicate": strawberry.field(
        resolver=dismiss_duplicate, description="Not a duplicate: never propose this pair again."
    ),
    "merge_institutions": _merge_field(
        MatchEntity.INSTITUTION,
        "Merge institutions into a survivor; contacts, devices, contracts, certificates, "
        "tickets, branches, source IDs and open candidates move to it. Undo with undoMerge.",
    ),
    "merge_contacts": _merge_field(
        MatchEntity.CONTACT,
        "Merge contacts into a survivor; their certificates, tickets, source IDs and open "
        "candidates move to it. Undo with undoMerge.",
    ),
    "undo_merge": strawberry.field(
        resolver=undo_merge,
        description="Restore a merge's records, children and source IDs exactly as they were.",
    ),
}
