"""`hub import`: foreign headers, row-numbered refusals, dry runs, idempotent re-imports."""

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

from hub.cli import app
from hub.config import get_settings
from hub.db.audit import AuditEvent
from hub.db.contact import Contact
from hub.db.engine import Database
from hub.db.institution import Institution
from tests.transfer.test_import_models_and_certificates import MODELS

CRM_EXPORT = """客户编号,客户名称,客户类型,统一社会信用代码,行政区划代码,地址
8812,复旦大学附属中山医院,医院,123100004250061179,310104,上海市徐汇区枫林路180号
8813,上海康泽医疗器械有限公司,经销商,91310000MA1FL1RW7E,310104,上海市徐汇区虹桥路1号
8814,坏数据诊所,诊所,12345,310104,
"""

runner = CliRunner()


@pytest.fixture
def hub_env(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """Commands run against the test database."""
    monkeypatch.setenv("HUB_DATABASE_URL", database.url)
    get_settings.cache_clear()
    yield database
    get_settings.cache_clear()


async def _count(shared: Database, model: type) -> int:
    # Its own engine: these run under asyncio.run, outside the suite's event loop.
    database = Database(shared.url)
    try:
        async with database.reader() as session:
            statement = select(func.count()).select_from(model)
            return (await session.execute(statement)).scalar_one()
    finally:
        await database.dispose()


def _import(*args: str) -> str:
    result = runner.invoke(app, ["import", *args])
    return f"{result.exit_code}\n{result.output}"


def test_crm_export_with_chinese_headers_imports_and_reports_bad_rows(
    hub_env: Database, tmp_path: Path
) -> None:
    path = tmp_path / "crm.csv"
    path.write_text(CRM_EXPORT, encoding="utf-8-sig")
    output = _import("institutions", str(path), "--source-system", "crm")
    assert output.startswith("1\n")  # a refused row makes the exit code 1
    assert "3 rows read: 2 created, 0 updated, 0 unchanged, 1 refused." in output
    assert "uscc" in output and "4" in output  # row 4 of the sheet, the USCC column
    assert asyncio.run(_count(hub_env, Institution)) == 2


def test_reimporting_the_same_file_changes_nothing(hub_env: Database, tmp_path: Path) -> None:
    path = tmp_path / "crm.csv"
    path.write_text(CRM_EXPORT, encoding="utf-8-sig")
    _import("institutions", str(path), "--source-system", "crm")
    events = asyncio.run(_count(hub_env, AuditEvent))
    _import("institutions", str(path), "--source-system", "crm")
    assert asyncio.run(_count(hub_env, Institution)) == 2
    assert asyncio.run(_count(hub_env, AuditEvent)) == events


def test_dry_run_writes_nothing(hub_env: Database, tmp_path: Path) -> None:
    path = tmp_path / "crm.csv"
    path.write_text(CRM_EXPORT, encoding="utf-8-sig")
    output = _import("institutions", str(path), "--source-system", "crm", "--dry-run")
    assert "2 would be created, 0 would be updated, 0 unchanged, 1 refused" in output
    assert asyncio.run(_count(hub_env, Institution)) == 0


def test_xlsx_contacts_with_a_mapping_file(hub_env: Database, tmp_path: Path) -> None:
    institutions = tmp_path / "crm.csv"
    institutions.write_text(CRM_EXPORT, encoding="utf-8-sig")
    _import("institutions", str(institutions), "--source-system", "crm")
    code = asyncio.run(_code_of(hub_env, "复旦大学附属中山医院"))
    book = Workbook()
    sheet = book.active
    sheet.append(["人员ID", "所属医院", "联系人", "手机", "职务"])
    sheet.append(["P-1", code, "张伟", "13812345678", "设备科科长"])
    sheet.append(["P-2", code, "李娜", "12345", "采购"])
    book.save(tmp_path / "people.xlsx")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[columns]\n"人员ID" = "source_id"\n"所属医院" = "institution_code"\n')
    output = _import(
        "contacts",
        str(tmp_path / "people.xlsx"),
        "--source-system",
        "crm",
        "--mapping",
        str(mapping),
    )
    assert "2 rows read: 1 created, 0 updated, 0 unchanged, 1 refused." in output
    assert "mobile" in output
    assert asyncio.run(_count(hub_env, Contact)) == 1


async def _code_of(shared: Database, name: str) -> str:
    database = Database(shared.url)
    try:
        async with database.reader() as session:
            statement = select(Institution.code).where(Institution.name == name)
            return (await session.execute(statement)).scalar_one()
    finally:
        await database.dispose()


def test_the_catalogue_is_imported_as_device_models(hub_env: Database, tmp_path: Path) -> None:
    path = tmp_path / "models.csv"
    path.write_text(MODELS, encoding="utf-8-sig")
    output = _import("device-models", str(path), "--source-system", "nmpa", "--dry-run")
    assert "3 rows read: 2 would be created, 0 would be updated, 0 unchanged, 1 refused." in output
    assert "udi_di" in output
