"""Merging duplicates: survivorship, re-pointing children and lineage, all in one transaction.

`merge_records` is the single entry point of every merge (GraphQL, auto-merge): guard it to
refuse merges of records the caller may not write.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.authorisation import Authorisation
from hub.db.base import EntityMixin
from hub.db.certificate import Certificate
from hub.db.contact import Contact
from hub.db.contract import Contract
from hub.db.credit import CreditProfile, CreditRequest, Receivable
from hub.db.dedup import DuplicateCandidate, MergeEvent, MergeMember
from hub.db.demo_loan import DemoLoan
from hub.db.department import Department
from hub.db.device import Device
from hub.db.enums import CandidateStatus, MatchEntity, RecordStatus
from hub.db.institution import Institution
from hub.db.interaction import Interaction, InteractionParticipant
from hub.db.source_record import SourceRecord
from hub.db.ticket import Ticket
from hub.db.training import Training, TrainingAttendee
from hub.db.types import utcnow
from hub.dedup import aliases, candidates, sources
from hub.dedup.rules import Survivorship, load_rules
from hub.dedup.snapshots import image
from hub.errors import ErrorCode, ErrorCollector, fail
from hub.store import records

# Fields a survivor can take from a merged record; keys such as `code` stay the survivor's.
MERGEABLE: dict[MatchEntity, tuple[str, ...]] = {
    MatchEntity.INSTITUTION: (
        "name",
        "kind",
        "grade",
        "uscc",
        "region_code",
        "address",
        "parent_id",
        "tags",
        "credit_rating",
        "credit_limit",
    ),
    MatchEntity.CONTACT: (
        "name",
        "role",
        "title",
        "department",
        "mobile",
        "office_phone",
        "email",
        "id_number",
    ),
}
# Unique columns: a value the survivor takes is cleared on the merged record first.
_UNIQUE_FIELDS = frozenset({"uscc"})
# Rows that point at a merged record and move to the survivor: (model, column, inherits scope).
CHILDREN: dict[MatchEntity, tuple[tuple[type[Any], str, bool], ...]] = {
    MatchEntity.INSTITUTION: (
        (Contact, "institution_id", True),
        (Device, "institution_id", True),
        (Contract, "institution_id", True),
        (Certificate, "institution_id", True),
        (Ticket, "institution_id", True),
        (DemoLoan, "institution_id", True),
        (Authorisation, "institution_id", True),
        (Authorisation, "grantor_id", False),
        (Authorisation, "hospital_id", False),
        (Interaction, "institution_id", True),
        (Training, "institution_id", True),
        (Receivable, "institution_id", True),
        (CreditRequest, "institution_id", True),
        (Institution, "parent_id", False),
    ),
    MatchEntity.CONTACT: (
        (Certificate, "contact_id", True),
        (Ticket, "contact_id", False),
        (InteractionParticipant, "contact_id", False),
        (TrainingAttendee, "contact_id", False),
    ),
}
# Rows that name a department; they follow a merged department to the survivor's of that code.
DEPARTMENT_CHILDREN: tuple[type[Any], ...] = (Contact, Device, Interaction, Training)
# Rows under a moved child that share its organisation unit: (model, column, child model).
SCOPED_BY_CHILD: tuple[tuple[type[Any], str, type[Any]], ...] = (
    (InteractionParticipant, "interaction_id", Interaction),
    (TrainingAttendee, "training_id", Training),
)


@dataclass(frozen=True)
class FieldChoice:
    """The steward's pick: take `field` from the record `from_id`."""

    field: str
    from_id: uuid.UUID


class Touched:
    """Every row a merge changes, with its full image from before the change."""

    def __init__(self) -> None:
        self.rows: list[tuple[EntityMixin, dict[str, Any]]] = []

    def keep(self, row: EntityMixin) -> None:
        """Remember a row as it is now, before it changes; a row changed twice (a contact that
        follows its department, then its institution) keeps its first image."""
        if all(kept is not row for kept, _ in self.rows):
            self.rows.append((row, image(row)))

    def snapshot(self) -> dict[str, Any]:
        """What undo needs: each row's table, id, image before, and version after the merge."""
        return {
            "rows": [
                {
                    "table": type(row).__tablename__,
                    "id": str(row.id),
                    "before": before,
                    "after_version": row.version,
                }
                for row, before in self.rows
            ]
        }


async def _load_records(
    session: AsyncSession, entity: MatchEntity, survivor_id: uuid.UUID, merged_ids: list[uuid.UUID]
) -> tuple[Any, list[Any]]:
    model = sources.MODELS[entity]
    errors = ErrorCollector()
    if not merged_ids:
        errors.add("merged_ids", ErrorCode.REQUIRED, "Name at least one record to merge.")
    if len(set(merged_ids)) != len(merged_ids) or survivor_id in merged_ids:
        errors.add("merged_ids", ErrorCode.INVALID, "Each record may appear once, survivor apart.")
    errors.raise_if_any()
    survivor = await records.require(session, model, survivor_id, "survivor_id")
    records.require_live(survivor, "survivor_id")
    merged = []
    for index, row_id in enumerate(merged_ids):
        field = ("merged_ids", str(index))
        row = await records.require(session, model, row_id, field)
        records.require_live(row, field)
        merged.append(row)
    ancestor_id = getattr(survivor, "parent_id", None)
    while ancestor_id is not None:
        if ancestor_id in merged_ids:
            raise fail(
                "survivor_id", ErrorCode.CYCLE, "The survivor is a branch of a merged record."
            )
        ancestor = await session.get(model, ancestor_id)
        ancestor_id = ancestor.parent_id if ancestor else None
    return survivor, merged


async def _sources_by_record(session: AsyncSession, ids: list[uuid.UUID]) -> dict[Any, set[str]]:
    statement = select(SourceRecord.entity_id, SourceRecord.source_system).where(
        SourceRecord.entity_id.in_(ids)
    )
    found: dict[Any, set[str]] = {}
    for entity_id, system in await session.execute(statement):
        found.setdefault(entity_id, set()).add(system)
    return found


def _ranking(
    rule: str,
    rows: list[Any],
    fields: tuple[str, ...],
    systems: dict[Any, set[str]],
    trust: tuple[str, ...],
) -> list[Any]:
    survivor = rows[0]
    if rule == "survivor":
        return [survivor]
    if rule == "most_complete":
        return sorted(rows, key=lambda row: -sum(getattr(row, f) is not None for f in fields))
    by_recency = sorted(rows, key=lambda row: row.updated_at, reverse=True)
    if rule == "most_recent":
        return by_recency

    def trust_rank(row: Any) -> int:
        ranks = [trust.index(system) for system in systems.get(row.id, ()) if system in trust]
        return min(ranks, default=len(trust))

    return sorted(by_recency, key=trust_rank)


def _decide(
    entity: MatchEntity,
    rows: list[Any],
    choices: list[FieldChoice],
    survivorship: Survivorship,
    systems: dict[Any, set[str]],
) -> dict[str, tuple[Any, str]]:
    """field → (record the value comes from, why)."""
    fields = MERGEABLE[entity]
    by_id = {row.id: row for row in rows}
    errors = ErrorCollector()
    decided: dict[str, tuple[Any, str]] = {}
    for index, choice in enumerate(choices):
        if choice.field not in fields:
            errors.add(
                ("field_choices", str(index), "field"),
                ErrorCode.INVALID,
                f"{choice.field} cannot be chosen; mergeable fields: {', '.join(fields)}.",
            )
        elif choice.from_id not in by_id:
            errors.add(
                ("field_choices", str(index), "from_id"),
                ErrorCode.INVALID,
                "Choose a value from the survivor or one of the merged records.",
            )
        else:
            decided[choice.field] = (by_id[choice.from_id], "STEWARD")
    errors.raise_if_any()
    for field in fields:
        if field in decided:
            continue
        rule = survivorship.rule_for(field)
        ranked = _ranking(rule, rows, fields, systems, survivorship.source_trust)
        source = next((row for row in ranked if getattr(row, field) is not None), rows[0])
        decided[field] = (source, rule.upper())
    return decided


@dataclass
class _Merge:
    """One merge under way: where, by whom, which records, and the rows it touched."""

    session: AsyncSession
    author: Author
    entity: MatchEntity
    survivor: Any
    merged_ids: list[uuid.UUID]
    touched: Touched


async def _move(merging: _Merge, row: EntityMixin, values: dict[str, Any], action: str) -> None:
    merging.touched.keep(row)
    await records.apply(merging.session, merging.author, row, values, action=action)


async def _merge_departments(merging: _Merge) -> None:
    """Departments of merged institutions join the survivor's: one of a code the survivor
    lacks moves over; one of a code it has is merged into that one, with its people, devices,
    interactions and trainings."""
    live = Department.status == RecordStatus.ACTIVE
    statement = select(Department).where(Department.institution_id == merging.survivor.id, live)
    by_code = {row.code: row for row in (await merging.session.execute(statement)).scalars()}
    statement = select(Department).where(Department.institution_id.in_(merging.merged_ids), live)
    for department in (await merging.session.execute(statement.order_by(Department.id))).scalars():
        kept = by_code.get(department.code)
        if kept is None:
            moved = {"institution_id": merging.survivor.id, "org_path": merging.survivor.org_path}
            await _move(merging, department, moved, "MERGE_MOVE")
            by_code[department.code] = department
            continue
        joined = {"status": RecordStatus.MERGED, "merged_into_id": kept.id}
        await _move(merging, department, joined, "MERGE")
        for model in DEPARTMENT_CHILDREN:
            named = select(model).where(model.department_id == department.id)
            for row in (await merging.session.execute(named.order_by(model.id))).scalars():
                await _move(merging, row, {"department_id": kept.id}, "MERGE_MOVE")


async def _move_children(merging: _Merge) -> None:
    session, entity = merging.session, merging.entity
    survivor, merged_ids = merging.survivor, merging.merged_ids
    group = [survivor.id, *merged_ids]
    if entity is MatchEntity.INSTITUTION:
        await _merge_departments(merging)
        await _take_credit_profile(merging)
    for model, column, inherits_scope in CHILDREN[entity]:
        # A merged branch of another merged record is not moved: it is merged itself.
        statement = select(model).where(
            getattr(model, column).in_(merged_ids), model.id.not_in(group)
        )
        moved_ids = []
        for child in (await session.execute(statement.order_by(model.id))).scalars():
            values: dict[str, Any] = {column: survivor.id}
            if inherits_scope:
                values["org_path"] = survivor.org_path
            await _move(merging, child, values, "MERGE_MOVE")
            moved_ids.append(child.id)
        if inherits_scope:
            await _rescope_under(merging, model, moved_ids)
    statement = select(SourceRecord).where(
        SourceRecord.entity_type == entity.value, SourceRecord.entity_id.in_(merged_ids)
    )
    for source in (await session.execute(statement.order_by(SourceRecord.id))).scalars():
        values = {"entity_id": survivor.id, "org_path": survivor.org_path}
        await _move(merging, source, values, "MERGE_MOVE")


async def _take_credit_profile(merging: _Merge) -> None:
    """One approved credit profile per customer: the survivor keeps its own; without one, it
    takes the most recently approved profile of the records merged into it (the others stay
    with their merged records, in the history). Nothing is re-approved by the merge."""
    group = [merging.survivor.id, *merging.merged_ids]
    statement = select(CreditProfile).where(
        CreditProfile.institution_id.in_(group), CreditProfile.status == RecordStatus.ACTIVE
    )
    profiles = list((await merging.session.execute(statement)).scalars())
    if not profiles or any(p.institution_id == merging.survivor.id for p in profiles):
        return
    chosen = max(profiles, key=lambda profile: (profile.approved_at, str(profile.id)))
    values = {"institution_id": merging.survivor.id, "org_path": merging.survivor.org_path}
    await _move(merging, chosen, values, "MERGE_MOVE")


async def _rescope_under(merging: _Merge, parent: type[Any], parent_ids: list[Any]) -> None:
    """Rows under moved children (participants, attendees) move to the survivor's unit too."""
    for model, column, parent_model in SCOPED_BY_CHILD:
        if parent_model is not parent or not parent_ids:
            continue
        statement = select(model).where(getattr(model, column).in_(parent_ids))
        for row in (await merging.session.execute(statement.order_by(model.id))).scalars():
            if row.org_path != merging.survivor.org_path:
                await _move(merging, row, {"org_path": merging.survivor.org_path}, "MERGE_MOVE")


async def _settle_candidates(merging: _Merge) -> None:
    session, author, entity = merging.session, merging.author, merging.entity
    survivor, merged_ids, touched = merging.survivor, merging.merged_ids, merging.touched
    # Pairs inside the merged group are resolved; pairs with outsiders now concern the survivor.
    group = {survivor.id, *merged_ids}
    statement = select(DuplicateCandidate).where(candidates.involving(entity, merged_ids))
    for candidate in (await session.execute(statement.order_by(DuplicateCandidate.id))).scalars():
        touched.keep(candidate)
        pair = {candidate.left_id, candidate.right_id}
        values: dict[str, Any] = {"status": CandidateStatus.MERGED}
        if not pair <= group:
            outsider = (pair - group).pop()
            left, right = sorted((survivor.id, outsider), key=str)
            if await candidates.find_pair(session, entity, left, right) is None:
                values = {"left_id": left, "right_id": right}
        await records.apply(session, author, candidate, values, action="MERGE_MOVE")


async def merge_records(
    session: AsyncSession,
    author: Author,
    entity: MatchEntity,
    survivor_id: uuid.UUID,
    merged_ids: list[uuid.UUID],
    choices: list[FieldChoice],
    *,
    learn_aliases: bool = True,
) -> MergeEvent:
    """Merge records into a survivor and log a MergeEvent that can undo it exactly.

    Survivor fields come from the steward's choices, else the configured survivorship rule;
    children, source IDs and open candidates move to the survivor; merged records stay, with
    status MERGED and `merged_into_id`. Every changed row is audited. A merge of differently
    named institutions teaches the alias registry, unless `learn_aliases` is off (automatic
    merges: no steward confirmed them).
    """
    survivor, merged = await _load_records(session, entity, survivor_id, merged_ids)
    # Every name the merged records went by, before survivorship picks the survivor's.
    names = [row.name for row in (survivor, *merged)]
    rows = [survivor, *merged]
    rules = load_rules().for_entity(entity.name.lower())
    systems = await _sources_by_record(session, [row.id for row in rows])
    decided = _decide(entity, rows, choices, rules.survivorship, systems)
    touched = Touched()
    touched.keep(survivor)
    survivor_values = {field: getattr(source, field) for field, (source, _) in decided.items()}
    # Bumping updated_at makes the survivor's write a version check even if no field changes.
    survivor_values["updated_at"] = utcnow()
    merged_status = type(survivor.status)("MERGED")
    for row in merged:
        touched.keep(row)
        values: dict[str, Any] = {"status": merged_status, "merged_into_id": survivor.id}
        for field in _UNIQUE_FIELDS & decided.keys():
            if decided[field][0] is row and getattr(row, field) is not None:
                values[field] = None
        await records.apply(session, author, row, values, action="MERGE")
    await records.apply(session, author, survivor, survivor_values, action="MERGE")
    merging = _Merge(session, author, entity, survivor, merged_ids, touched)
    await _move_children(merging)
    await _settle_candidates(merging)
    event = MergeEvent(
        entity_type=entity,
        survivor_id=survivor.id,
        merged_ids=[str(row.id) for row in merged],
        actor=author.actor,
        decisions=[
            {"field": field, "fromId": str(source.id), "rule": why}
            for field, (source, why) in sorted(decided.items())
            if source is not survivor or why == "STEWARD"
        ],
        snapshot=touched.snapshot(),
        org_path=survivor.org_path,
    )
    await records.insert(session, author, event, action="MERGE")
    session.add_all(
        MergeMember(merge_event_id=event.id, entity_id=row.id, survivor=row is survivor)
        for row in rows
    )
    await records.flush(session)
    if learn_aliases and entity == MatchEntity.INSTITUTION:
        await aliases.learn_from_merge(session, author, rules, event, survivor.name, names)
    return event
