"""The alias registry in the database: names stewards confirmed by merging records.

A steward's merge of differently named institutions teaches the registry that the merged
record's name is an alias of the survivor's (audited, like every write); undoing the merge
forgets it. Scans and "did you mean?" read these together with `knowledge/aliases.toml`.
"""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author, diff, record_event, snapshot
from hub.db.dedup import MergeEvent, NameAlias
from hub.db.enums import MatchEntity
from hub.dedup.normalise import org_name
from hub.dedup.rules import EntityRules
from hub.store import records

Learned = tuple[tuple[str, str], ...]


async def learned(session: AsyncSession, entity: MatchEntity) -> Learned:
    """Every (alias, canonical) pair stewards taught, oldest first."""
    statement = (
        select(NameAlias.alias, NameAlias.canonical)
        .where(NameAlias.entity_type == entity)
        .order_by(NameAlias.created_at, NameAlias.id)
    )
    return tuple((alias, canonical) for alias, canonical in await session.execute(statement))


async def learn_from_merge(
    session: AsyncSession,
    author: Author,
    rules: EntityRules,
    event: MergeEvent,
    canonical: str,
    names: Sequence[str],
) -> list[NameAlias]:
    """Record the merged records' names that the engine reads differently from `canonical`.

    Names it already joins (same parsed name or a shared key) teach nothing new.
    """
    vocabulary = rules.vocabulary
    known = org_name(canonical, vocabulary)
    taught: list[NameAlias] = []
    for name in dict.fromkeys(names):
        features = org_name(name, vocabulary)
        shared = (features["keys"] or frozenset()) & (known["keys"] or frozenset())
        if features["full"] == known["full"] or shared:
            continue
        exists = select(NameAlias.id).where(
            NameAlias.entity_type == event.entity_type, NameAlias.alias == name
        )
        if (await session.execute(exists)).first() is not None:
            continue
        alias = NameAlias(
            entity_type=event.entity_type,
            alias=name,
            canonical=canonical,
            merge_event_id=event.id,
            org_path=event.org_path,
        )
        # Written under the merge's authority (the caller may merge these records), and audited
        # in the merge's transaction like every other row it touches.
        session.add(alias)
        await records.flush(session)
        await record_event(session, author, "MERGE", alias, diff({}, snapshot(alias)))
        taught.append(alias)
    return taught


async def forget_merge(session: AsyncSession, author: Author, event: MergeEvent) -> None:
    """Remove what an undone merge taught (each removal audited)."""
    statement = select(NameAlias).where(NameAlias.merge_event_id == event.id)
    for alias in (await session.execute(statement)).scalars():
        before = snapshot(alias)
        await session.delete(alias)
        await records.flush(session)
        await record_event(session, author, "UNDO_MERGE", alias, diff(before, {}))
