"""Stored records as the plain mappings the engine matches, per entity type."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.contact import Contact
from hub.db.enums import InstitutionStatus, MatchEntity, RecordStatus
from hub.db.institution import Institution
from hub.db.name_search import name_contains, sqlite_trigram_table
from hub.dedup.engine import Matcher
from hub.dedup.normalise import code, mobile

MODELS: dict[MatchEntity, type[Any]] = {
    MatchEntity.INSTITUTION: Institution,
    MatchEntity.CONTACT: Contact,
}
_INSTITUTION_COLUMNS = (
    Institution.id,
    Institution.name,
    Institution.uscc,
    Institution.address,
    Institution.region_code,
    Institution.parent_id,
    Institution.org_path,
)
_CONTACT_COLUMNS = (
    Contact.id,
    Contact.name,
    Contact.mobile,
    Contact.email,
    Contact.id_number,
    Contact.institution_id,
    Contact.org_path,
)
# How many stored records one "did you mean?" check compares against, at most.
POOL_LIMIT = 200


def _live(entity: MatchEntity) -> ColumnElement[bool]:
    if entity == MatchEntity.INSTITUTION:
        return Institution.status.in_([InstitutionStatus.ACTIVE, InstitutionStatus.BLOCKED])
    return Contact.status == RecordStatus.ACTIVE


async def _mobiles(session: AsyncSession, ids: Sequence[uuid.UUID] | None) -> dict[Any, list[str]]:
    statement = select(Contact.institution_id, Contact.mobile, Contact.status)
    if ids is None:
        statement = statement.where(Contact.mobile.is_not(None))
    else:
        # Only the institution filter in SQL: SQLite, without statistics, would otherwise
        # walk the status index, which holds nearly every contact.
        statement = statement.where(Contact.institution_id.in_(ids))
    found: dict[Any, list[str]] = defaultdict(list)
    for institution_id, number, status in await session.execute(statement):
        if number is not None and status == RecordStatus.ACTIVE:
            found[institution_id].append(number)
    return found


async def load(
    session: AsyncSession,
    entity: MatchEntity,
    where: Sequence[ColumnElement[bool]] = (),
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Live records of one type as mappings (institutions with their contacts' mobiles)."""
    columns = _INSTITUTION_COLUMNS if entity == MatchEntity.INSTITUTION else _CONTACT_COLUMNS
    live = _live(entity)
    if session.bind.dialect.name == "sqlite":
        # Nearly every record is live: said so, SQLite's planner (which has no statistics)
        # looks the records up by the other conditions instead of walking the status index.
        live = func.likely(live)
    statement = select(*columns).where(live, *where).limit(limit)
    records = [dict(row._mapping) for row in await session.execute(statement)]
    if entity == MatchEntity.INSTITUTION:
        ids = None if not where else [record["id"] for record in records]
        mobiles = await _mobiles(session, ids)
        for record in records:
            record["mobiles"] = mobiles.get(record["id"], [])
    return records


async def load_one(session: AsyncSession, entity: MatchEntity, row_id: uuid.UUID) -> dict[str, Any]:
    """One record as a mapping, whatever its status."""
    model = MODELS[entity]
    columns = _INSTITUTION_COLUMNS if entity == MatchEntity.INSTITUTION else _CONTACT_COLUMNS
    row = (await session.execute(select(*columns).where(model.id == row_id))).one()
    record = dict(row._mapping)
    if entity == MatchEntity.INSTITUTION:
        record["mobiles"] = (await _mobiles(session, [row_id])).get(row_id, [])
    return record


def _same_place_same_tail(
    features: dict[str, Any], matcher: Matcher, indexed: bool
) -> list[ColumnElement[bool]]:
    # A core that kept its region in short form (义乌中心医院) is not a substring of the stored
    # 义乌市中心医院: look for the rest of the name among records of the same city.
    core, place = features["name.core"], features.get("place")
    region = matcher.rules.vocabulary.regions.leading(core)
    if not place or not region or len(core) - len(region) < 2:
        return []
    city = place[:4] if place[2:4] != "00" else place[:2]
    tail = core[len(region) :]
    return [name_contains(tail, indexed) & Institution.region_code.startswith(city)]


async def pool(
    session: AsyncSession, entity: MatchEntity, record: dict[str, Any], matcher: Matcher
) -> list[dict[str, Any]]:
    """Stored live records that may share a block with `record`, found by indexed columns."""
    features = matcher.prepare(record).features
    if entity == MatchEntity.INSTITUTION:
        indexed = await sqlite_trigram_table(session)
        conditions: list[ColumnElement[bool]] = []
        if features.get("uscc"):
            conditions.append(Institution.uscc == features["uscc"])
        if features.get("name.core"):
            conditions.append(name_contains(features["name.core"], indexed))
            conditions.extend(_same_place_same_tail(features, matcher, indexed))
        if features.get("name.alias"):
            # The registry read the name as another: look for records so named.
            conditions.append(Institution.name == features["name.alias"])
        numbers = sorted(features.get("mobiles") or ())
        if numbers:
            holders = select(Contact.institution_id).where(Contact.mobile.in_(numbers))
            conditions.append(Institution.id.in_(holders))
    else:
        conditions = [Contact.institution_id == record["institution_id"]]
        for column, value in (
            (Contact.mobile, mobile(record.get("mobile") or "")),
            (Contact.email, features.get("email")),
            (Contact.id_number, code(record.get("id_number") or "")),
        ):
            if value:
                conditions.append(column == value)
    if not conditions:
        return []
    model = MODELS[entity]
    # One indexed lookup per condition, united: an OR of them would make both databases read
    # every row (a substring test, or a subquery, in an OR defeats the indexes of the others).
    found = union(*(select(model.id).where(condition) for condition in conditions))
    return await load(session, entity, [model.id.in_(found), model.id != record["id"]], POOL_LIMIT)
