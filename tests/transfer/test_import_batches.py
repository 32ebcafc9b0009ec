"""Institution imports settle new and unchanged rows per batch, with the row-by-row semantics."""

from typing import Any

from sqlalchemy import func, select

from hub.audit.writer import Author, snapshot
from hub.authz.policies import PolicyLine, add_line
from hub.db.audit import AuditEvent
from hub.db.engine import Database
from hub.db.enums import Role
from hub.db.institution import Institution
from hub.db.source_record import SourceRecord
from hub.store import institutions
from hub.store.source_records import SourceKey
from hub.transfer.import_columns import ImportKind
from hub.transfer.imports import ImportReport, import_rows
from tests.graphql_client import GraphQLClient, issue_key
from tests.sql_counting import counted_statements
from tests.transfer.test_import_api import IMPORT

AUTHOR = Author("test:import")
# Valid USCCs (GB 32100-2015 check characters), one per row.
USCC = {
    "zhongshan": "123100004250061179",
    "kangze": "91310000MA1FL1RW7E",
}
BAD_USCC = "123100004250061178"  # the check character of 中山医院's USCC, off by one


def _clinics(count: int, first: int = 0) -> list[tuple[int, dict[str, Any]]]:
    return [
        (number + 2, {"source_id": f"S{number}", "name": f"测试诊所{number}", "kind": "诊所"})
        for number in range(first, first + count)
    ]


async def _import(
    database: Database, rows: list[tuple[int, dict[str, Any]]], **options: Any
) -> ImportReport:
    return await import_rows(
        database, AUTHOR, ImportKind.INSTITUTIONS, rows, source_system="crm", **options
    )


async def _count(database: Database, model: type, *conditions: Any) -> int:
    async with database.reader() as session:
        statement = select(func.count()).select_from(model).where(*conditions)
        return (await session.execute(statement)).scalar_one()


async def test_a_batch_of_new_rows_costs_a_few_statements(database: Database) -> None:
    with counted_statements(database) as statements:
        report = await _import(database, _clinics(200))
    assert (report.rows, report.written, report.failures) == (200, 200, [])
    # Lookups of source IDs and keys, the inserts of rows, cross-references and their events.
    assert len(statements) <= 10
    assert await _count(database, Institution) == 200
    assert await _count(database, SourceRecord) == 200
    assert await _count(database, AuditEvent, AuditEvent.action == "CREATE") == 400


async def test_a_batched_row_is_stored_and_audited_like_a_single_upsert(database: Database) -> None:
    await _import(database, [(2, {"source_id": "A", "name": "甲诊所", "kind": "诊所"})])
    async with database.transaction() as session:
        single = await institutions.upsert_from_source(
            session, AUTHOR, SourceKey("crm", "B"), {"name": "乙诊所", "kind": "CLINIC"}
        )
        single_row = snapshot(single)
    async with database.reader() as session:
        batched = await session.execute(select(Institution).where(Institution.name == "甲诊所"))
        batched_row = snapshot(batched.scalar_one())
        events = (await session.execute(select(AuditEvent).order_by(AuditEvent.seq))).scalars()
        changed = {(event.entity_type, tuple(sorted(event.changes))) for event in events}
    differing = {key for key in single_row if single_row[key] != batched_row[key]}
    assert differing == {"name", "code"}
    # Each creation audits the same fields, whichever path wrote it.
    assert len(changed) == 2


async def test_rows_sharing_a_uscc_end_as_one_institution_in_file_order(
    database: Database,
) -> None:
    rows = [
        (2, {"source_id": "A", "name": "中山医院", "kind": "医院", "uscc": USCC["zhongshan"]}),
        (3, {"source_id": "B", "name": "复旦大学附属中山医院", "uscc": USCC["zhongshan"]}),
    ]
    report = await _import(database, rows)
    assert (report.written, report.failures) == (2, [])
    async with database.reader() as session:
        names = (await session.execute(select(Institution.name))).scalars().all()
        linked = (await session.execute(select(SourceRecord.entity_id))).scalars().all()
    assert names == ["复旦大学附属中山医院"]
    assert len(set(linked)) == 1 and len(linked) == 2


async def test_a_row_matching_an_existing_institution_by_uscc_adopts_it(
    database: Database,
) -> None:
    async with database.transaction() as session:
        existing = await institutions.create(
            session,
            AUTHOR,
            {"name": "上海康泽医疗器械有限公司", "kind": "DISTRIBUTOR", "uscc": USCC["kangze"]},
        )
    row = {"source_id": "8813", "name": "上海康泽医疗器械有限公司", "uscc": USCC["kangze"]}
    report = await _import(database, [(1, row), *_clinics(3)])
    assert (report.written, report.failures) == (4, [])
    assert await _count(database, Institution) == 4
    adopted = SourceRecord.source_id == "8813"
    assert await _count(database, SourceRecord, adopted, SourceRecord.entity_id == existing.id)


async def test_reimporting_unchanged_rows_reads_and_writes_nothing_more(
    database: Database,
) -> None:
    await _import(database, _clinics(50))
    events = await _count(database, AuditEvent)
    with counted_statements(database) as statements:
        report = await _import(database, _clinics(50))
    assert (report.written, report.failures) == (50, [])
    assert not [statement for statement in statements if "INSERT" in statement.upper()]
    assert await _count(database, AuditEvent) == events


async def test_a_changed_row_on_reimport_is_updated_and_audited(database: Database) -> None:
    await _import(database, _clinics(3))
    changed = [(2, {"source_id": "S0", "name": "测试诊所零号", "kind": "诊所"}), *_clinics(2, 1)]
    report = await _import(database, changed)
    assert (report.written, report.failures) == (3, [])
    assert await _count(database, Institution, Institution.name == "测试诊所零号") == 1
    assert await _count(database, AuditEvent, AuditEvent.action == "UPDATE") == 1


async def test_invalid_rows_are_refused_with_their_numbers_and_the_rest_written(
    database: Database,
) -> None:
    rows = [
        *_clinics(2),
        (
            10,
            {"source_id": "X", "name": "坏数据诊所", "kind": "诊所", "uscc": "123100004250061178"},
        ),
        (11, {"name": "没有编号的诊所", "kind": "诊所"}),
        (12, {"source_id": "Y", "kind": "诊所"}),
    ]
    report = await _import(database, rows)
    refused = [
        (number, ".".join(error.field), error.code.value) for number, error in report.failures
    ]
    assert refused == [
        (10, "uscc", "INVALID_CHECKSUM"),
        (11, "source_id", "REQUIRED"),
        (12, "name", "REQUIRED"),
    ]
    assert report.written == 2


async def test_rows_outside_the_callers_units_are_forbidden(
    api: GraphQLClient, database: Database
) -> None:
    async with database.transaction() as session:
        grant = PolicyLine("p", ("sales", "op:importRecords", "call", "allow"))
        await add_line(session, AUTHOR, grant)
    key = await issue_key(database, Role.SALES, "sales-sh", org_path="cn/east/shanghai")
    rows = [
        {"source_id": "A", "name": "徐汇诊所", "kind": "诊所", "org_path": "cn/east/shanghai"},
        {"source_id": "B", "name": "朝阳诊所", "kind": "诊所", "org_path": "cn/north/beijing"},
    ]
    report = await GraphQLClient(api.http, key).data(
        IMPORT, input={"kind": "INSTITUTIONS", "sourceSystem": "crm", "rows": rows}
    )
    assert report["importRecords"]["written"] == 1
    assert report["importRecords"]["failures"] == [
        {"row": 2, "error": {"field": ["input"], "code": "FORBIDDEN"}}
    ]
    assert await _count(database, Institution, Institution.org_path == "cn/north/beijing") == 0
