"""The fast path of an institution import.

Row by row, an upsert costs about ten statements (source lookup, natural-key matches, uniqueness
checks, the insert, the cross-reference and their audit events). Most rows of a CRM export are
either new institutions or, on a re-import, unchanged ones. This module settles those in a
handful of statements per batch: it looks up every source ID and natural key of the batch at
once, validates in memory with the same checks as the store, and writes new institutions, their
cross-references and audit events with multi-row inserts. Every other row (one that matches or
changes an existing institution, or shares a key with another row of the batch) is left to the
row-by-row upsert, which then runs exactly as it would have without this module.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author, record_creations
from hub.db.defaults import with_defaults
from hub.db.enums import InstitutionStatus
from hub.db.inlined import among
from hub.db.institution import Institution
from hub.db.source_record import SourceRecord
from hub.errors import AccessDenied, FieldError, UserInputError, forbidden
from hub.store import institutions, records, row_scope
from hub.store.source_records import SourceKey, link_values
from hub.transfer.import_columns import ImportKind, converted, source_id_of

Row = tuple[int, dict[str, Any]]
_LIVE = (InstitutionStatus.ACTIVE, InstitutionStatus.BLOCKED)
# The keys that make an institution "the same" as another: two rows of one batch sharing one
# must be written in file order, so they take the row-by-row path.
_KEYS = ("code", "uscc")


@dataclass
class Settled:
    """What the fast path did with a batch, and the rows it left for the row-by-row path."""

    created: int = 0
    unchanged: int = 0
    failures: list[tuple[int, FieldError]] = field(default_factory=list)
    left: list[Row] = field(default_factory=list)


@dataclass
class _Candidate:
    index: int  # in the batch: row numbers need not be unique (API callers number freely)
    number: int
    cells: dict[str, Any]
    source_id: str
    values: dict[str, Any]


def _candidates(rows: list[Row], settled: Settled) -> list[_Candidate]:
    """Rows with a source ID and values that pass the store's checks for an update; the
    others are refused here with the errors the row-by-row path would give."""
    candidates = []
    for index, (number, cells) in enumerate(rows):
        try:
            source_id = source_id_of(cells)
            values = converted(ImportKind.INSTITUTIONS, cells)
            checked = institutions.prepared(values, creating=False)
        except UserInputError as error:
            settled.failures.extend((number, problem) for problem in error.errors)
            continue
        candidates.append(_Candidate(index, number, cells, source_id, checked))
    return candidates


async def _links(
    session: AsyncSession, source_system: str, candidates: list[_Candidate]
) -> dict[str, Any]:
    """Source ID → (entity type, entity id) of the batch's known source IDs."""
    columns = (SourceRecord.source_id, SourceRecord.entity_type, SourceRecord.entity_id)
    statement = select(*columns).where(
        SourceRecord.source_system == source_system,
        among(SourceRecord.source_id, {candidate.source_id for candidate in candidates}),
    )
    return {link.source_id: link for link in await session.execute(statement)}


async def _linked_rows(session: AsyncSession, links: list[Any]) -> dict[Any, Institution]:
    ids = [link.entity_id for link in links if link.entity_type == Institution.__name__]
    if not ids:
        return {}
    statement = select(Institution).where(among(Institution.id, ids))
    return {row.id: row for row in (await session.execute(statement)).scalars()}


async def _taken_keys(session: AsyncSession, candidates: list[_Candidate]) -> set[tuple[str, Any]]:
    """(key, value) pairs of the batch that existing institutions already hold."""
    wanted = {key: {c.values[key] for c in candidates if key in c.values} for key in _KEYS}
    conditions = [
        among(getattr(Institution, key), values) for key, values in wanted.items() if values
    ]
    if not conditions:
        return set()
    statement = select(Institution.code, Institution.uscc).where(or_(*conditions))
    taken = set()
    for code, uscc in await session.execute(statement):
        taken |= {("code", code), ("uscc", uscc)}
    return {(key, value) for key, value in taken if value is not None}


def _unchanged(session: AsyncSession, row: Institution | None, values: dict[str, Any]) -> bool:
    """A live institution that already holds these values and that the caller may write."""
    if row is None or row.status not in _LIVE:
        return False
    if any(getattr(row, key) != value for key, value in values.items()):
        return False
    row_scope.ensure_writable(session, row)
    return True


def _shared_keys(candidates: list[_Candidate]) -> set[tuple[str, Any]]:
    counts = Counter(
        (key, candidate.values[key])
        for candidate in candidates
        for key in _KEYS
        if candidate.values.get(key) is not None
    )
    counts.update(("source_id", candidate.source_id) for candidate in candidates)
    return {pair for pair, count in counts.items() if count > 1}


def _keys_of(candidate: _Candidate) -> set[tuple[str, Any]]:
    return {("source_id", candidate.source_id)} | {
        (key, candidate.values[key]) for key in _KEYS if candidate.values.get(key) is not None
    }


def _new_rows(
    session: AsyncSession, source_system: str, candidate: _Candidate
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The institution a new row creates, checked like `institutions.create` checks it, and
    its cross-reference: every column of each, ready for a multi-row insert."""
    values = {"id": uuid.uuid4(), **institutions.completed(candidate.values)}
    row = with_defaults(Institution, values)
    row_scope.ensure_may_write(session, Institution.__name__, row["org_path"])
    key = SourceKey(source_system, candidate.source_id)
    link = link_values(key, Institution.__name__, row["id"])
    link = with_defaults(SourceRecord, {"id": uuid.uuid4(), **link, "org_path": row["org_path"]})
    return row, link


async def _insert(
    session: AsyncSession, author: Author, rows: list[dict[str, Any]], links: list[dict[str, Any]]
) -> None:
    # Core executemany: the ORM's unit of work would cost as much again per row.
    connection = await session.connection()
    await connection.execute(insert(Institution.__table__), rows)
    await connection.execute(insert(SourceRecord.__table__), links)
    await record_creations(session, author, Institution, rows)
    await record_creations(session, author, SourceRecord, links)


async def settle(
    session: AsyncSession, author: Author, source_system: str, rows: list[Row]
) -> Settled:
    """Write the batch's new institutions and skip its unchanged ones in a few statements;
    refuse invalid rows; leave the rest (in file order) for the row-by-row upsert."""
    settled = Settled()
    candidates = _candidates(rows, settled)
    if not candidates:
        return settled
    links = await _links(session, source_system, candidates)
    linked = await _linked_rows(session, list(links.values()))
    taken = await _taken_keys(session, candidates)
    known = taken | _shared_keys(candidates)
    new: list[_Candidate] = []
    new_rows: list[dict[str, Any]] = []
    new_links: list[dict[str, Any]] = []
    left: set[int] = set()
    for candidate in candidates:
        try:
            if candidate.source_id in links:
                link = links[candidate.source_id]
                if _unchanged(session, linked.get(link.entity_id), candidate.values):
                    settled.unchanged += 1
                else:
                    left.add(candidate.index)
            elif _keys_of(candidate) & known:
                left.add(candidate.index)
            else:
                row, link = _new_rows(session, source_system, candidate)
                new.append(candidate)
                new_rows.append(row)
                new_links.append(link)
        except UserInputError as error:
            settled.failures.extend((candidate.number, problem) for problem in error.errors)
        except AccessDenied as error:
            settled.failures.append((candidate.number, forbidden(error)))
    if new:
        try:
            async with session.begin_nested():
                await _insert(session, author, new_rows, new_links)
            settled.created += len(new)
        except IntegrityError:
            # A concurrent writer took a key (or a drawn code collided): let each row try alone.
            left |= {candidate.index for candidate in new}
        except OperationalError as error:
            if not records.is_write_conflict(error):
                raise
            # Each row then meets the lock alone and is refused as a CONFLICT, not a crash.
            left |= {candidate.index for candidate in new}
    settled.left = [row for index, row in enumerate(rows) if index in left]
    return settled
