"""Bulk import of institutions, contacts and devices from CSV/XLSX, through the same validated
upserts the API uses: idempotent per source ID, failing rows reported by row number, the rest
written in batches of one transaction each."""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.device import DeviceModel
from hub.db.engine import Database
from hub.db.enums import ContactRole, DeviceStatus, InstitutionKind
from hub.store import access, contacts, devices, institutions
from hub.store.access import RowAccess
from hub.store.errors import AccessDenied, ErrorCode, FieldError, UserInputError, fail
from hub.store.source_records import SourceKey

Upsert = Callable[[AsyncSession, Author, SourceKey, dict[str, Any]], Awaitable[Any]]


class ImportKind(StrEnum):
    INSTITUTIONS = "institutions"
    CONTACTS = "contacts"
    DEVICES = "devices"


# Column aliases per kind of import: the headers of the Chinese CRM and WMS exports our
# customers send. Columns already named like hub fields need no alias.
ALIASES: dict[ImportKind, dict[str, str]] = {
    ImportKind.INSTITUTIONS: {
        "客户编号": "source_id",
        "客户名称": "name",
        "单位名称": "name",
        "客户类型": "kind",
        "统一社会信用代码": "uscc",
        "行政区划代码": "region_code",
        "地址": "address",
        "医院等级": "grade",
    },
    ImportKind.CONTACTS: {
        "联系人编号": "source_id",
        "联系人": "name",
        "客户编码": "institution_code",
        "职务": "title",
        "科室": "department",
        "手机": "mobile",
        "办公电话": "office_phone",
        "邮箱": "email",
        "身份证号": "id_number",
    },
    ImportKind.DEVICES: {
        "设备编号": "source_id",
        "序列号": "serial_number",
        "注册证号": "registration_number",
        "客户编码": "institution_code",
        "安装日期": "installed_on",
        "保修截止": "warranty_ends_on",
        "下次保养": "next_maintenance_on",
        "状态": "status",
    },
}
KIND_WORDS = {
    "医院": InstitutionKind.HOSPITAL,
    "诊所": InstitutionKind.CLINIC,
    "经销商": InstitutionKind.DISTRIBUTOR,
    "药房": InstitutionKind.RETAIL_PHARMACY,
    "药店": InstitutionKind.RETAIL_PHARMACY,
    "生产企业": InstitutionKind.MANUFACTURER,
}
_FIELDS: dict[ImportKind, frozenset[str]] = {
    ImportKind.INSTITUTIONS: frozenset(
        {"code", "name", "kind", "grade", "uscc", "region_code", "address", "org_path"}
    ),
    ImportKind.CONTACTS: frozenset(
        {"name", "role", "title", "department", "mobile", "office_phone", "email", "id_number"}
    ),
    ImportKind.DEVICES: frozenset(
        {
            "serial_number",
            "udi",
            "installed_on",
            "warranty_ends_on",
            "next_maintenance_on",
            "status",
        }
    ),
}
_DATES = frozenset({"installed_on", "warranty_ends_on", "next_maintenance_on"})


class _DryRun(Exception):
    """Rolls a dry-run batch back after every row was tried."""


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    rows: int = 0
    written: int = 0
    failures: list[tuple[int, FieldError]] = field(default_factory=list)

    @property
    def failed_rows(self) -> int:
        """How many rows were refused."""
        return len({number for number, _ in self.failures})


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets turn long digit strings into numbers
    text = str(value).strip()
    return text or None


def _date(value: Any, name: str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text.replace("/", "-"))
    except ValueError as error:
        raise fail(name, ErrorCode.INVALID, f"{text!r} is not a date (YYYY-MM-DD).") from error


def _enum(enum: type[StrEnum], value: str, name: str, words: dict[str, Any] | None = None) -> Any:
    if words and value in words:
        return words[value]
    try:
        return enum(value.upper())
    except ValueError as error:
        raise fail(name, ErrorCode.INVALID, f"{value!r} is not a known {name}.") from error


async def _institution_id(session: AsyncSession, code: str | None) -> Any:
    if code is None:
        raise fail("institution_code", ErrorCode.REQUIRED, "institution_code is required.")
    found = await institutions.by_code(session, code)
    if found is None:
        raise fail("institution_code", ErrorCode.NOT_FOUND, f"No institution with code {code}.")
    return found.id


async def _model_id(
    session: AsyncSession, registration_number: str | None, udi_di: str | None
) -> Any:
    statement = select(DeviceModel.id)
    if udi_di:
        statement = statement.where(DeviceModel.udi_di == udi_di)
    elif registration_number:
        statement = statement.where(DeviceModel.registration_number == registration_number)
    else:
        raise fail("registration_number", ErrorCode.REQUIRED, "Give registration_number or udi_di.")
    model_id = (await session.execute(statement.limit(1))).scalar_one_or_none()
    if model_id is None:
        raise fail("registration_number", ErrorCode.NOT_FOUND, "No device model matches.")
    return model_id


async def values_of(
    session: AsyncSession, kind: ImportKind, cells: dict[str, Any]
) -> dict[str, Any]:
    """The store values of one mapped row: typed, references resolved, unknown columns ignored."""
    texts = {name: _text(value) for name, value in cells.items()}
    values: dict[str, Any] = {
        name: (_date(cells[name], name) if name in _DATES else texts[name])
        for name in _FIELDS[kind]
        if name in cells and texts[name] is not None
    }
    if kind is ImportKind.INSTITUTIONS and "kind" in values:
        values["kind"] = _enum(InstitutionKind, values["kind"], "kind", KIND_WORDS)
    if kind is ImportKind.CONTACTS:
        values["institution_id"] = await _institution_id(session, texts.get("institution_code"))
        if "role" in values:
            values["role"] = _enum(ContactRole, values["role"], "role")
    if kind is ImportKind.DEVICES:
        values["device_model_id"] = await _model_id(
            session, texts.get("registration_number"), texts.get("udi_di")
        )
        if texts.get("institution_code"):
            values["institution_id"] = await _institution_id(session, texts["institution_code"])
        if "status" in values:
            values["status"] = _enum(DeviceStatus, values["status"], "status")
    return values


_UPSERTS: dict[ImportKind, Upsert] = {
    ImportKind.INSTITUTIONS: institutions.upsert_from_source,
    ImportKind.CONTACTS: contacts.upsert_from_source,
    ImportKind.DEVICES: devices.upsert_from_source,
}


async def _import_row(
    session: AsyncSession,
    author: Author,
    kind: ImportKind,
    source_system: str,
    cells: dict[str, Any],
) -> None:
    source_id = _text(cells.get("source_id"))
    if source_id is None:
        raise fail("source_id", ErrorCode.REQUIRED, "Each row needs its source ID.")
    values = await values_of(session, kind, cells)
    await _UPSERTS[kind](session, author, SourceKey(source_system, source_id), values)


async def import_rows(
    database: Database,
    author: Author,
    kind: ImportKind,
    rows: Iterable[tuple[int, dict[str, Any]]],
    *,
    source_system: str,
    batch_size: int = 500,
    dry_run: bool = False,
    advance: Callable[[int], None] = lambda done: None,
    row_access: RowAccess | None = None,
) -> ImportReport:
    """Upsert mapped rows in batches; each batch is one transaction (rolled back in a dry run),
    each row a savepoint, so a refused row costs only itself. With `row_access`, rows outside
    the caller's units are refused as FORBIDDEN."""
    report = ImportReport()
    batch: list[tuple[int, dict[str, Any]]] = []

    async def flush_batch() -> None:
        try:
            async with database.transaction() as session:
                if row_access is not None:
                    access.grant(session, row_access)
                for number, cells in batch:
                    try:
                        async with session.begin_nested():
                            await _import_row(session, author, kind, source_system, cells)
                        report.written += 1
                    except UserInputError as error:
                        report.failures.extend((number, problem) for problem in error.errors)
                    except AccessDenied as error:
                        refusal = FieldError((), ErrorCode.FORBIDDEN, str(error))
                        report.failures.append((number, refusal))
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass  # everything was checked against the database; nothing is kept
        advance(report.rows)
        batch.clear()

    for number, cells in rows:
        report.rows += 1
        batch.append((number, cells))
        if len(batch) >= batch_size:
            await flush_batch()
    if batch:
        await flush_batch()
    return report


def aliases_with(kind: ImportKind, mapping: dict[str, str]) -> dict[str, str]:
    """The built-in aliases of a kind of import, overridden by a mapping file's entries."""
    return {**ALIASES[kind], **mapping}
