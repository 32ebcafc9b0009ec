"""Substring search on institution names goes through the trigram index and stays in step
with every write, on every backend."""

import uuid

from sqlalchemy import delete, select, text

from hub.audit.writer import Author
from hub.db.engine import Database
from hub.db.enums import InstitutionKind
from hub.db.institution import Institution
from hub.db.name_search import (
    TRIGRAM_INDEX,
    TRIGRAM_TABLE,
    name_contains,
    sqlite_trigram_table,
)
from hub.store import institutions

AUTHOR = Author("test:name-search")


async def _create(database: Database, name: str) -> uuid.UUID:
    async with database.transaction() as session:
        row = await institutions.create(
            session, AUTHOR, {"name": name, "kind": InstitutionKind.HOSPITAL}
        )
        return row.id


async def _containing(database: Database, part: str, indexed: bool = True) -> set[uuid.UUID]:
    async with database.reader() as session:
        table = indexed and await sqlite_trigram_table(session)
        statement = select(Institution.id).where(name_contains(part, table))
        return set((await session.execute(statement)).scalars())


async def test_a_name_is_found_by_any_part_of_it(database: Database) -> None:
    first = await _create(database, "中山大学附属第一医院")
    await _create(database, "浙江大学医学院附属邵逸夫医院")
    assert await _containing(database, "大学附属第一") == {first}
    assert await _containing(database, "附属第") == {first}


async def test_short_and_wildcard_parts_are_matched_literally(database: Database) -> None:
    percent = await _create(database, "百分之100%医疗器械")
    plain = await _create(database, "百分之一百医疗器械")
    assert await _containing(database, "100%") == {percent}
    assert await _containing(database, "医疗") == {percent, plain}


async def test_without_the_index_the_same_names_are_found_by_reading_them_all(
    database: Database,
) -> None:
    first = await _create(database, "中山大学附属第一医院")
    await _create(database, "中山市人民医院")
    assert await _containing(database, "大学附属", indexed=False) == {first}
    assert await _containing(database, "大学附属", indexed=False) == await _containing(
        database, "大学附属"
    )


async def test_a_renamed_institution_is_found_by_its_new_name_only(database: Database) -> None:
    row_id = await _create(database, "义乌市中心医院")
    async with database.transaction() as session:
        await institutions.update_by_id(session, AUTHOR, row_id, {"name": "义乌市妇幼保健院"}, None)
    assert await _containing(database, "妇幼保健") == {row_id}
    assert await _containing(database, "中心医院") == set()


async def test_a_deleted_institution_leaves_the_index(database: Database) -> None:
    row_id = await _create(database, "温州医科大学附属第二医院")
    async with database.transaction() as session:
        await session.execute(delete(Institution).where(Institution.id == row_id))
    assert await _containing(database, "医科大学") == set()


async def test_the_search_is_answered_from_the_trigram_index(database: Database) -> None:
    await _create(database, "中山大学附属第一医院")
    async with database.reader() as session:
        table = await sqlite_trigram_table(session)
        assert table == (database.dialect == "sqlite")
        statement = select(Institution.id).where(name_contains("大学附属", table))
        compiled = statement.compile(session.bind, compile_kwargs={"literal_binds": True})
        if database.dialect == "postgresql":
            # With one row a scan is cheaper; forbidding it shows whether the index can serve.
            await session.execute(text("SET LOCAL enable_seqscan = off"))
            lines = (await session.execute(text(f"EXPLAIN {compiled}"))).scalars()
            assert TRIGRAM_INDEX in "\n".join(lines)
        else:
            rows = await session.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
            # "L0": the LIKE is handed to the trigram table's index, not tested row by row.
            assert f"SCAN {TRIGRAM_TABLE} VIRTUAL TABLE INDEX 0:L0" in [row[3] for row in rows]
