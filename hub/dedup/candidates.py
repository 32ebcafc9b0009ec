"""The duplicate-candidate queue: full rebuild, per-record check, dismissal."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.dedup import DuplicateCandidate
from hub.db.enums import CandidateStatus, MatchEntity
from hub.dedup import aliases, sources
from hub.dedup.engine import Match, Matcher, Progress
from hub.dedup.normalise import with_aliases
from hub.dedup.rules import EntityRules, MatchRules, load_rules
from hub.errors import ErrorCode, fail
from hub.store import records

_INSERT_CHUNK = 5000


@dataclass(frozen=True)
class ScanSummary:
    """What a full scan found."""

    entity: MatchEntity
    records: int
    candidates: int
    auto_mergeable: int
    skipped_decided: int


@dataclass(frozen=True)
class PossibleDuplicate:
    """A stored record that a new or changed one may duplicate."""

    row: Any
    score: float
    candidate_id: uuid.UUID


def matcher_for(
    entity: MatchEntity, rules: MatchRules | None = None, learned: aliases.Learned = ()
) -> Matcher:
    """The engine configured for one entity type, with the aliases stewards taught."""
    entity_rules = (rules or load_rules()).for_entity(entity.name.lower())
    if learned:
        entity_rules = _with_learned(entity_rules, learned)
    return Matcher(entity_rules)


_taught: dict[tuple[int, aliases.Learned], EntityRules] = {}


def _with_learned(rules: EntityRules, learned: aliases.Learned) -> EntityRules:
    # Indexing the registry parses every alias: do it once per rules and registry state.
    key = (id(rules), learned)
    if key not in _taught:
        _taught.clear()
        _taught[key] = replace(rules, vocabulary=with_aliases(rules.vocabulary, learned))
    return _taught[key]


async def _decided_pairs(session: AsyncSession, entity: MatchEntity) -> set[tuple[str, str]]:
    # Dismissed pairs are remembered so that no scan proposes them again.
    statement = select(DuplicateCandidate.left_id, DuplicateCandidate.right_id).where(
        DuplicateCandidate.entity_type == entity,
        DuplicateCandidate.status != CandidateStatus.OPEN,
    )
    return {(str(left), str(right)) for left, right in await session.execute(statement)}


def _row(entity: MatchEntity, match: Match, org_paths: dict[str, str]) -> dict[str, Any]:
    return {
        "entity_type": entity,
        "left_id": uuid.UUID(match.left_id),
        "right_id": uuid.UUID(match.right_id),
        "score": match.score,
        "evidence": [item.as_json() for item in match.evidence],
        "org_path": org_paths[match.left_id],
    }


async def rebuild(
    session: AsyncSession,
    entity: MatchEntity,
    *,
    rules: MatchRules | None = None,
    progress: Progress | None = None,
    on_loaded: Callable[[int], None] | None = None,
) -> tuple[ScanSummary, list[Match]]:
    """Re-score every live record of a type and replace the OPEN candidates.

    The queue is derived data, so its rows are not audited one by one; dismissed and merged
    pairs are kept and never proposed again.
    """
    matcher = matcher_for(entity, rules, await aliases.learned(session, entity))
    loaded = await sources.load(session, entity)
    if on_loaded is not None:
        on_loaded(len(loaded))
    org_paths = {str(record["id"]): record["org_path"] for record in loaded}
    matches = matcher.scan(loaded, progress)
    decided = await _decided_pairs(session, entity)
    fresh = [match for match in matches if (match.left_id, match.right_id) not in decided]
    await session.execute(
        delete(DuplicateCandidate).where(
            DuplicateCandidate.entity_type == entity,
            DuplicateCandidate.status == CandidateStatus.OPEN,
        )
    )
    for start in range(0, len(fresh), _INSERT_CHUNK):
        chunk = fresh[start : start + _INSERT_CHUNK]
        await session.execute(
            insert(DuplicateCandidate), [_row(entity, match, org_paths) for match in chunk]
        )
    auto = [match for match in fresh if match.score >= matcher.rules.auto_threshold]
    summary = ScanSummary(entity, len(loaded), len(fresh), len(auto), len(matches) - len(fresh))
    return summary, auto


async def find_pair(
    session: AsyncSession, entity: MatchEntity, left: uuid.UUID, right: uuid.UUID
) -> DuplicateCandidate | None:
    """The candidate row of a pair (left_id < right_id as text), whatever its status."""
    statement = select(DuplicateCandidate).where(
        DuplicateCandidate.entity_type == entity,
        DuplicateCandidate.left_id == left,
        DuplicateCandidate.right_id == right,
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def check(
    session: AsyncSession, author: Author, entity: MatchEntity, row: Any
) -> list[PossibleDuplicate]:
    """Compare a just-written record with the stored records sharing its blocks.

    Likely duplicates are queued as OPEN candidates (a dismissed pair stays dismissed and is
    not returned) and returned best first.
    """
    matcher = matcher_for(entity, learned=await aliases.learned(session, entity))
    record = await sources.load_one(session, entity, row.id)
    found: list[PossibleDuplicate] = []
    for match in matcher.against(record, await sources.pool(session, entity, record, matcher)):
        left, right = uuid.UUID(match.left_id), uuid.UUID(match.right_id)
        candidate = await find_pair(session, entity, left, right)
        evidence = [item.as_json() for item in match.evidence]
        if candidate is None:
            candidate = DuplicateCandidate(
                entity_type=entity,
                left_id=left,
                right_id=right,
                score=match.score,
                evidence=evidence,
                org_path=row.org_path,
            )
            await records.insert(session, author, candidate)
        elif candidate.status == CandidateStatus.OPEN:
            await records.apply(
                session, author, candidate, {"score": match.score, "evidence": evidence}
            )
        else:
            continue
        other_id = left if right == row.id else right
        other = await session.get(sources.MODELS[entity], other_id)
        found.append(PossibleDuplicate(other, match.score, candidate.id))
    return found


async def dismiss(
    session: AsyncSession, author: Author, candidate_id: uuid.UUID
) -> DuplicateCandidate:
    """Mark a pair "not a duplicate"; scans and checks never propose it again."""
    candidate = await records.require(session, DuplicateCandidate, candidate_id, "candidate_id")
    if candidate.status != CandidateStatus.OPEN:
        raise fail(
            "candidate_id", ErrorCode.INVALID_STATE, f"The candidate is {candidate.status.value}."
        )
    return await records.apply(
        session, author, candidate, {"status": CandidateStatus.DISMISSED}, action="DISMISS"
    )


def involving(entity: MatchEntity, ids: list[uuid.UUID]) -> Any:
    """Condition: OPEN candidates of a type that involve any of the given records."""
    return (
        (DuplicateCandidate.entity_type == entity)
        & (DuplicateCandidate.status == CandidateStatus.OPEN)
        & or_(DuplicateCandidate.left_id.in_(ids), DuplicateCandidate.right_id.in_(ids))
    )
