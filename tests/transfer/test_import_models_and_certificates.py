"""Imports of the product catalogue (device models) and of certificates from register exports."""

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from hub.audit.writer import Author
from hub.db.audit import AuditEvent
from hub.db.certificate import Certificate
from hub.db.device import DeviceModel
from hub.db.engine import Database
from hub.db.enums import CertificateKind, DeviceClass, ReviewStatus
from hub.store import institutions
from hub.transfer.import_columns import ImportKind
from hub.transfer.imports import ImportReport, import_rows
from hub.transfer.tables import mapped_rows

AUTHOR = Author("test:import")
MODELS = """产品编号,产品名称,注册人,管理类别,分类编码,注册证号,产品标识
M1,呼吸机 SV800,深圳迈瑞生物医疗电子股份有限公司,Ⅲ类,08-01,国械注准20183080211,06900000000014
M2,除颤监护仪 D6,深圳迈瑞生物医疗电子股份有限公司,第三类,08-03,国械注准20163081089,06900000000021
M3,监护仪 X,某公司,Ⅱ类,07-03,国械注准20183080211,06900000000015
"""
CERTIFICATES = """资质编号,客户编码,证照类型,证书编号,发证机关,有效期起,有效期至,经营范围,经营类别
Q1,DIS-1,医疗器械经营许可证,沪徐食药监械经营许20160012号,徐汇区市场监督管理局,2024-01-01,2029-01-01,"07,6840",Ⅱ类、Ⅲ类
Q2,DIS-1,营业执照,91310000MA1FL1RW7E,上海市市场监督管理局,2016-03-01,,,
Q3,DIS-1,营业执照,91310000MA1FL1RW7F,上海市市场监督管理局,2016-03-01,,,
Q4,DIS-9,营业执照,91310000MA1FL1RW7E,上海市市场监督管理局,2016-03-01,,,
Q5,DIS-1,医疗器械经营许可证,沪徐食药监械经营许20160013号,徐汇区市场监督管理局,2029-01-01,2024-01-01,,
"""


async def _import_file(
    database: Database, kind: ImportKind, path: Path, source_system: str = "nmpa"
) -> ImportReport:
    _, rows = mapped_rows(path, kind)
    return await import_rows(database, AUTHOR, kind, list(rows), source_system=source_system)


def _refusals(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(row, ".".join(error.field), error.code.value) for row, error in report.failures]


async def _events(database: Database) -> int:
    async with database.reader() as session:
        return (await session.execute(select(func.count()).select_from(AuditEvent))).scalar_one()


async def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


async def test_device_models_import_from_register_headers(
    database: Database, tmp_path: Path
) -> None:
    report = await _import_file(
        database, ImportKind.DEVICE_MODELS, await _write(tmp_path, "m.csv", MODELS)
    )
    # Row 4: a Class III number on a Class II model, and a GTIN with a wrong check digit.
    assert _refusals(report) == [
        (4, "udi_di", "INVALID_CHECKSUM"),
        (4, "registration_number", "MISMATCH"),
    ]
    async with database.reader() as session:
        models = (await session.execute(select(DeviceModel).order_by(DeviceModel.name))).scalars()
        stored = [(m.name, m.device_class, m.category_code, m.udi_di) for m in models]
    assert stored == [
        ("呼吸机 SV800", DeviceClass.III, "08-01", "06900000000014"),
        ("除颤监护仪 D6", DeviceClass.III, "08-03", "06900000000021"),
    ]


async def test_reimporting_device_models_changes_nothing(
    database: Database, tmp_path: Path
) -> None:
    path = await _write(tmp_path, "m.csv", MODELS)
    await _import_file(database, ImportKind.DEVICE_MODELS, path)
    events = await _events(database)
    report = await _import_file(database, ImportKind.DEVICE_MODELS, path)
    assert report.written == 2
    assert await _events(database) == events


async def test_a_model_from_another_source_is_matched_by_its_udi_di(
    database: Database, tmp_path: Path
) -> None:
    path = await _write(tmp_path, "m.csv", MODELS)
    await _import_file(database, ImportKind.DEVICE_MODELS, path)
    await _import_file(database, ImportKind.DEVICE_MODELS, path, source_system="wms")
    async with database.reader() as session:
        count = select(func.count()).select_from(DeviceModel)
        assert (await session.execute(count)).scalar_one() == 2


async def _distributor(database: Database) -> Any:
    async with database.transaction() as session:
        return await institutions.create(
            session,
            AUTHOR,
            {
                "code": "DIS-1",
                "name": "上海康泽医疗器械有限公司",
                "kind": "DISTRIBUTOR",
                "uscc": "91310000MA1FL1RW7E",
            },
        )


async def test_certificates_import_with_scope_and_enter_review(
    database: Database, tmp_path: Path
) -> None:
    holder = await _distributor(database)
    path = await _write(tmp_path, "q.csv", CERTIFICATES)
    report = await _import_file(database, ImportKind.CERTIFICATES, path)
    assert _refusals(report) == [
        (4, "number", "INVALID_CHECKSUM"),
        (5, "institution_code", "NOT_FOUND"),
        (6, "valid_to", "INVALID"),
    ]
    async with database.reader() as session:
        statement = select(Certificate).order_by(Certificate.number)
        stored = {c.kind: c for c in (await session.execute(statement)).scalars()}
    licence = stored[CertificateKind.OPERATION_LICENSE]
    assert licence.institution_id == holder.id
    assert licence.scope == {"deviceClasses": ["II", "III"], "categories": ["07", "6840"]}
    assert str(licence.valid_to) == "2029-01-01"
    assert licence.review_status is ReviewStatus.SUBMITTED
    assert licence.submitted_by == AUTHOR.actor
    assert stored[CertificateKind.BUSINESS_LICENSE].valid_to is None


async def test_reimporting_certificates_changes_nothing(database: Database, tmp_path: Path) -> None:
    await _distributor(database)
    path = await _write(tmp_path, "q.csv", CERTIFICATES)
    await _import_file(database, ImportKind.CERTIFICATES, path)
    events = await _events(database)
    report = await _import_file(database, ImportKind.CERTIFICATES, path)
    assert report.written == 2
    assert await _events(database) == events
