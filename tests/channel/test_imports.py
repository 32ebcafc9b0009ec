"""Imports of authorisation letters and demo loans from spreadsheets with Chinese headers."""

from pathlib import Path
from typing import Any

from sqlalchemy import select

from hub.audit.writer import Author
from hub.db.authorisation import Authorisation
from hub.db.demo_loan import DemoLoan
from hub.db.engine import Database
from hub.db.enums import DeviceClass, InstitutionKind, LoanStatus, ReviewStatus
from hub.store import catalogue, devices, institutions
from hub.transfer.import_columns import ImportKind
from hub.transfer.imports import ImportReport, import_rows
from hub.transfer.tables import mapped_rows

AUTHOR = Author("test:import")
HEADER = (
    "记录编号,授权书编号,授权方编码,被授权方编码,授权产品注册证号,"
    "授权产品类别,授权区域,授权期限,授权医院编码,扫描件\n"
)
LETTERS = (
    HEADER
    + """L1,MR-SQ-2026-001,MFR-1,DIS-1,粤械注准20172070415,,310000、320100,2026-01-01至2026-12-31,,s3://letters/1.pdf
L2,KZ-2026-9,DIS-1,DIS-2,,07,310115,2026-01-01至2026-06-30,HOS-1,
L3,KZ-2026-10,DIS-1,DIS-2,,07,990000,2026-01-01至2026-06-30,,
L4,KZ-2026-11,DIS-1,DIS-2,,07,310115,2026年全年,,
"""
)
LOANS = """借用单号,样机序列号,注册证号,借用单位编码,科室,借出日期,应还日期,用途
J1,DEMO-1,粤械注准20172070415,HOS-1,心血管内科,2026-03-01,2026-03-31,临床试用
J2,DEMO-404,粤械注准20172070415,HOS-1,心内科,2026-03-01,2026-03-31,
"""


async def _world(database: Database) -> None:
    async with database.transaction() as session:
        for code, name, kind in (
            ("MFR-1", "深圳迈瑞生物医疗电子股份有限公司", InstitutionKind.MANUFACTURER),
            ("DIS-1", "上海康泽医疗器械有限公司", InstitutionKind.DISTRIBUTOR),
            ("DIS-2", "上海浦东瑞宁医疗科技有限公司", InstitutionKind.DISTRIBUTOR),
            ("HOS-1", "上海市东方医院", InstitutionKind.HOSPITAL),
        ):
            await institutions.create(session, AUTHOR, {"code": code, "name": name, "kind": kind})
        model = await catalogue.create_model(
            session,
            AUTHOR,
            {
                "name": "监护仪",
                "manufacturer": "深圳迈瑞生物医疗电子股份有限公司",
                "device_class": DeviceClass.II,
                "category_code": "07-03",
                "registration_number": "粤械注准20172070415",
            },
        )
        await devices.create(
            session, AUTHOR, {"device_model_id": model.id, "serial_number": "DEMO-1"}
        )


async def _import(database: Database, kind: ImportKind, path: Path) -> ImportReport:
    _, rows = mapped_rows(path, kind)
    return await import_rows(database, AUTHOR, kind, list(rows), source_system="crm")


def _refusals(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(row, ".".join(error.field), error.code.value) for row, error in report.failures]


async def _all(database: Database, model: type[Any]) -> list[Any]:
    async with database.reader() as session:
        return list((await session.execute(select(model))).scalars())


async def test_letters_import_from_chinese_headers(database: Database, tmp_path: Path) -> None:
    await _world(database)
    path = tmp_path / "授权书.csv"
    path.write_text(LETTERS, encoding="utf-8-sig")
    report = await _import(database, ImportKind.AUTHORISATIONS, path)
    assert (report.rows, report.written) == (4, 2)
    assert _refusals(report) == [(4, "regions.0", "UNKNOWN_CODE"), (5, "period", "INVALID")]
    letters = {letter.number: letter for letter in await _all(database, Authorisation)}
    first = letters["MR-SQ-2026-001"]
    assert first.regions == ["310000", "320100"]
    assert (str(first.valid_from), str(first.valid_to)) == ("2026-01-01", "2026-12-31")
    assert len(first.device_model_ids) == 1
    assert first.review_status is ReviewStatus.SUBMITTED
    assert letters["KZ-2026-9"].categories == ["07"]
    assert letters["KZ-2026-9"].hospital_id is not None


async def test_reimporting_letters_changes_nothing(database: Database, tmp_path: Path) -> None:
    await _world(database)
    path = tmp_path / "授权书.csv"
    path.write_text(LETTERS, encoding="utf-8-sig")
    await _import(database, ImportKind.AUTHORISATIONS, path)
    before = [(letter.id, letter.version) for letter in await _all(database, Authorisation)]
    await _import(database, ImportKind.AUTHORISATIONS, path)
    after = [(letter.id, letter.version) for letter in await _all(database, Authorisation)]
    assert sorted(after) == sorted(before)


async def test_demo_loans_import_as_requests(database: Database, tmp_path: Path) -> None:
    await _world(database)
    path = tmp_path / "样机借用.csv"
    path.write_text(LOANS, encoding="utf-8-sig")
    report = await _import(database, ImportKind.DEMO_LOANS, path)
    assert report.written == 1
    assert _refusals(report) == [(3, "serial_number", "NOT_FOUND")]
    (loan,) = await _all(database, DemoLoan)
    assert (loan.status, loan.department, loan.purpose, str(loan.due_back_on)) == (
        LoanStatus.REQUESTED,
        "心血管内科",
        "临床试用",
        "2026-03-31",
    )
