"""The full scan behind `hub dedup scan`: rebuild the queue, then optionally auto-merge."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from hub.audit.writer import Author
from hub.db.engine import Database
from hub.db.enums import MatchEntity
from hub.dedup import candidates, merge, sources
from hub.dedup.engine import Match, Progress
from hub.dedup.rules import load_rules
from hub.errors import UserInputError


class AutoMergeDisabled(Exception):
    """`--auto-merge` was asked for but the match rules do not enable it."""


@dataclass(frozen=True)
class ScanReport:
    """The queue summary and what auto-merge did."""

    summary: candidates.ScanSummary
    merged: int = 0
    refused: int = 0


async def _older_first(database: Database, entity: MatchEntity, match: Match) -> list[uuid.UUID]:
    # The longer-established record survives an automatic merge.
    model = sources.MODELS[entity]
    ids = [uuid.UUID(match.left_id), uuid.UUID(match.right_id)]
    async with database.reader() as session:
        statement = select(model.id).where(model.id.in_(ids)).order_by(model.created_at, model.id)
        return list((await session.execute(statement)).scalars())


async def _auto_merge(
    database: Database, author: Author, entity: MatchEntity, matches: list[Match]
) -> tuple[int, int]:
    merged = refused = 0
    gone: set[str] = set()
    for match in matches:
        if match.left_id in gone or match.right_id in gone:
            continue
        survivor_id, merged_id = await _older_first(database, entity, match)
        try:
            async with database.transaction() as session:
                await merge.merge_records(
                    session, author, entity, survivor_id, [merged_id], [], learn_aliases=False
                )
        except UserInputError:
            refused += 1
            continue
        gone.add(str(merged_id))
        merged += 1
    return merged, refused


async def run_scan(
    database: Database,
    author: Author,
    entity: MatchEntity,
    *,
    auto_merge: bool = False,
    progress: Progress | None = None,
    on_loaded: Callable[[int], None] | None = None,
) -> ScanReport:
    """Rebuild the candidate queue of one entity type; auto-merge only if asked and enabled."""
    if auto_merge and not load_rules().for_entity(entity.name.lower()).auto_merge:
        raise AutoMergeDisabled(
            f"auto_merge is off for {entity.name.lower()} in the match rules; enable it there."
        )
    async with database.transaction() as session:
        summary, auto = await candidates.rebuild(
            session, entity, progress=progress, on_loaded=on_loaded
        )
    if not auto_merge:
        return ScanReport(summary)
    merged, refused = await _auto_merge(database, author, entity, auto)
    return ScanReport(summary, merged, refused)
