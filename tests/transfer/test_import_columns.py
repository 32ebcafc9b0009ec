"""Every column of an import file is read, mapped or explicitly ignored: nothing is dropped
without the operator saying so, and the report says what each row did."""

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from hub.cli import app
from hub.db.engine import Database
from hub.db.institution import Institution
from hub.transfer.import_columns import ColumnsRefused, ImportKind, aliases_with, plan_columns
from tests.transfer.test_import import hub_env  # noqa: F401 - the fixture

runner = CliRunner()

# A customer export as a Chinese CRM writes it: the address under 详细地址, the location split.
CRM_EXPORT = """客户编号,客户编码,客户全称,客户类型,省,市,区县,详细地址,备注
C-1,ZS-001,复旦大学附属中山医院,医院,上海市,上海市,徐汇区,枫林路180号,VIP
C-2,KZ-002,上海康泽医疗器械有限公司,经销商,上海市,上海市,闵行区,虹桥路1号,
"""


def _write(tmp_path: Path, text: str, name: str = "crm.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def _import(path: Path, *options: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["import", "institutions", str(path), "--source-system", "crm", *options]
    )
    return result.exit_code, " ".join(result.output.split())


async def _institutions(shared: Database) -> dict[str, tuple[str, str | None]]:
    database = Database(shared.url)
    try:
        async with database.reader() as session:
            rows = await session.execute(
                select(Institution.code, Institution.name, Institution.address)
            )
            return {code: (name, address) for code, name, address in rows}
    finally:
        await database.dispose()


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["real run", "dry run"])
def test_an_unknown_column_refuses_the_import_before_any_row(
    hub_env: Database,  # noqa: F811
    tmp_path: Path,
    dry_run: list[str],
) -> None:
    exit_code, output = _import(_write(tmp_path, CRM_EXPORT), *dry_run)

    assert exit_code == 2
    assert "Unknown columns: 备注." in output
    assert "--ignore-column NAME" in output and "--ignore-unknown" in output
    assert "Nothing was imported." in output
    assert asyncio.run(_institutions(hub_env)) == {}


def test_an_ignored_column_is_named_in_the_report(
    hub_env: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    exit_code, output = _import(_write(tmp_path, CRM_EXPORT), "--ignore-column", "备注")

    assert exit_code == 0
    assert "2 rows read: 2 created, 0 updated, 0 unchanged, 0 refused." in output
    assert "Ignored columns (not imported): 备注" in output


def test_ignore_unknown_imports_the_known_columns_and_lists_the_rest(
    hub_env: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    exit_code, output = _import(_write(tmp_path, CRM_EXPORT), "--ignore-unknown")

    assert exit_code == 0
    assert "Ignored columns (not imported): 备注" in output


def test_common_crm_headers_are_recognised_and_the_location_kept_in_the_address(
    hub_env: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    _import(_write(tmp_path, CRM_EXPORT), "--ignore-column", "备注")

    assert asyncio.run(_institutions(hub_env)) == {
        "ZS-001": ("复旦大学附属中山医院", "上海市徐汇区枫林路180号"),
        "KZ-002": ("上海康泽医疗器械有限公司", "上海市闵行区虹桥路1号"),
    }


def test_a_mapping_file_maps_or_ignores_columns(
    hub_env: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    export = "编号,名称,类型,备注\nC-9,测试医院,医院,x\n"
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        'ignore = ["备注"]\n[columns]\n"编号" = "source_id"\n"名称" = "name"\n"类型" = "kind"\n'
    )

    exit_code, output = _import(_write(tmp_path, export), "--mapping", str(mapping))

    assert exit_code == 0
    assert "1 rows read: 1 created" in output
    assert "Ignored columns (not imported): 备注" in output


def test_a_mapping_to_a_field_the_kind_lacks_is_refused(
    hub_env: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[columns]\n"客户编号" = "source_id"\n"开户行" = "bank"\n')

    exit_code, output = _import(
        _write(tmp_path, "客户编号,客户名称,开户行\nC-1,测试医院,工商银行\n"),
        "--mapping",
        str(mapping),
    )

    assert exit_code == 2
    assert "'开户行' is mapped to 'bank', which institutions do not have." in output


def test_two_columns_meaning_one_field_are_refused_rather_than_one_lost(
    hub_env: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    export = "客户编号,客户名称,单位名称\nC-1,中山医院,复旦大学附属中山医院\n"

    exit_code, output = _import(_write(tmp_path, export))

    assert exit_code == 2
    assert "Columns 客户名称, 单位名称 all mean 'name'; ignore all but one." in output


def test_a_reimport_says_which_rows_were_updated_and_which_unchanged(
    hub_env: Database,  # noqa: F811
    tmp_path: Path,
) -> None:
    _import(_write(tmp_path, CRM_EXPORT), "--ignore-column", "备注")
    changed = CRM_EXPORT.replace("虹桥路1号", "虹桥路2号")

    exit_code, output = _import(_write(tmp_path, changed), "--ignore-column", "备注")

    assert exit_code == 0
    assert "2 rows read: 0 created, 1 updated, 1 unchanged, 0 refused." in output


def test_the_plan_refuses_unknown_headers_unless_ignored() -> None:
    aliases = aliases_with(ImportKind.CONTACTS, {})

    with pytest.raises(ColumnsRefused) as refused:
        plan_columns(ImportKind.CONTACTS, ["联系人编号", "姓名", "微信"], aliases)
    plan = plan_columns(
        ImportKind.CONTACTS, ["联系人编号", "姓名", "微信"], aliases, ignore=frozenset({"微信"})
    )

    assert refused.value.unknown == ["微信"]
    assert (plan.fields, plan.ignored) == ({"联系人编号": "source_id", "姓名": "name"}, ["微信"])


def test_customer_phone_and_bank_columns_are_refused_with_the_reason() -> None:
    headers = ["客户编号", "客户全称", "联系电话", "开户行"]

    with pytest.raises(ColumnsRefused) as refused:
        plan_columns(ImportKind.INSTITUTIONS, headers, aliases_with(ImportKind.INSTITUTIONS, {}))

    assert refused.value.unknown == ["联系电话", "开户行"]
    assert [error.message for error in refused.value.errors][1:] == [
        "联系电话: the hub keeps phone numbers on contacts (hub import contacts).",
        "开户行: the hub does not hold bank details.",
    ]
