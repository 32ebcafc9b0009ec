"""What the columns of an import file mean: the kinds of import, the Chinese headers of the
CRM, WMS and licence-register exports our customers send, and the conversion of cells into
typed store values (no database needed)."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from hub.db.enums import (
    CertificateKind,
    ContactRole,
    DeviceClass,
    DeviceStatus,
    InstitutionKind,
    InteractionChannel,
    InteractionKind,
)
from hub.errors import ErrorCode, FieldError, UserInputError, fail


class ImportKind(StrEnum):
    INSTITUTIONS = "institutions"
    CONTACTS = "contacts"
    DEVICE_MODELS = "device-models"
    DEVICES = "devices"
    CERTIFICATES = "certificates"
    AUTHORISATIONS = "authorisations"
    DEMO_LOANS = "demo-loans"
    DEPARTMENTS = "departments"
    INTERACTIONS = "interactions"
    TRAININGS = "trainings"
    RECEIVABLES = "receivables"


# Columns already named like hub fields need no alias. The headers are those of the CRM, ERP,
# WMS and licence-register exports our customers send (README.md, "Importing files").
_CODE_OF_INSTITUTION = ("客户编码", "客户代码", "单位编码", "医院编码")
ALIASES: dict[ImportKind, dict[str, str]] = {
    ImportKind.INSTITUTIONS: {
        "客户编号": "source_id",
        "客户ID": "source_id",
        "客户id": "source_id",
        "外部编号": "source_id",
        **dict.fromkeys(_CODE_OF_INSTITUTION, "code"),
        "客户名称": "name",
        "客户全称": "name",
        "单位名称": "name",
        "公司名称": "name",
        "企业名称": "name",
        "医院名称": "name",
        "机构名称": "name",
        "客户类型": "kind",
        "客户类别": "kind",
        "单位类型": "kind",
        "机构类型": "kind",
        "统一社会信用代码": "uscc",
        "社会信用代码": "uscc",
        "信用代码": "uscc",
        "行政区划代码": "region_code",
        "区划代码": "region_code",
        "地区编码": "region_code",
        "地址": "address",
        "详细地址": "address",
        "通讯地址": "address",
        "所在地区": "area",
        "省": "province",
        "省份": "province",
        "市": "city",
        "城市": "city",
        "区县": "county",
        "区/县": "county",
        "医院等级": "grade",
        "等级": "grade",
    },
    ImportKind.CONTACTS: {
        "联系人编号": "source_id",
        "联系人ID": "source_id",
        "联系人": "name",
        "姓名": "name",
        "联系人姓名": "name",
        **dict.fromkeys(_CODE_OF_INSTITUTION, "institution_code"),
        "职务": "title",
        "职位": "title",
        "科室": "department",
        "部门": "department",
        "手机": "mobile",
        "手机号": "mobile",
        "手机号码": "mobile",
        "移动电话": "mobile",
        "办公电话": "office_phone",
        "联系电话": "office_phone",
        "座机": "office_phone",
        "邮箱": "email",
        "电子邮箱": "email",
        "身份证号": "id_number",
        "身份证号码": "id_number",
    },
    ImportKind.DEVICE_MODELS: {
        "产品编号": "source_id",
        "产品名称": "name",
        "型号名称": "name",
        "注册人": "manufacturer",
        "生产企业": "manufacturer",
        "生产厂家": "manufacturer",
        "管理类别": "device_class",
        "分类编码": "category_code",
        "注册证号": "registration_number",
        "注册证编号": "registration_number",
        "备案号": "registration_number",
        "备案编号": "registration_number",
        "产品标识": "udi_di",
        "UDI-DI": "udi_di",
    },
    ImportKind.DEVICES: {
        "设备编号": "source_id",
        "序列号": "serial_number",
        "设备序列号": "serial_number",
        "注册证号": "registration_number",
        "注册证编号": "registration_number",
        **dict.fromkeys(_CODE_OF_INSTITUTION, "institution_code"),
        "安装日期": "installed_on",
        "保修截止": "warranty_ends_on",
        "保修截止日期": "warranty_ends_on",
        "下次保养": "next_maintenance_on",
        "下次保养日期": "next_maintenance_on",
        "状态": "status",
    },
    ImportKind.CERTIFICATES: {
        "资质编号": "source_id",
        **dict.fromkeys(_CODE_OF_INSTITUTION, "institution_code"),
        "证照类型": "kind",
        "证书类型": "kind",
        "证书编号": "number",
        "许可证编号": "number",
        "发证机关": "issuer",
        "有效期起": "valid_from",
        "发证日期": "valid_from",
        "有效期至": "valid_to",
        "经营范围": "categories",
        "经营类别": "device_classes",
    },
    ImportKind.AUTHORISATIONS: {
        "记录编号": "source_id",
        "授权书编号": "number",
        "授权方编码": "grantor_code",
        "被授权方编码": "institution_code",
        "经销商编码": "institution_code",
        "授权产品注册证号": "registration_numbers",
        "授权产品类别": "categories",
        "授权区域": "regions",
        "授权期限": "period",
        "授权起始日期": "valid_from",
        "授权截止日期": "valid_to",
        "授权医院编码": "hospital_code",
        "项目编号": "tender",
        "招标编号": "tender",
        "扫描件": "document",
    },
    ImportKind.DEMO_LOANS: {
        "借用单号": "source_id",
        "样机序列号": "serial_number",
        "序列号": "serial_number",
        "注册证号": "registration_number",
        "借用单位编码": "institution_code",
        "客户编码": "institution_code",
        "科室": "department",
        "借出日期": "starts_on",
        "应还日期": "due_back_on",
        "用途": "purpose",
    },
    ImportKind.DEPARTMENTS: {
        "科室编号": "source_id",
        **dict.fromkeys(_CODE_OF_INSTITUTION, "institution_code"),
        "科室": "name",
        "科室名称": "name",
        "科室代码": "code",
        "诊疗科目代码": "code",
    },
    ImportKind.INTERACTIONS: {
        "拜访编号": "source_id",
        "记录编号": "source_id",
        **dict.fromkeys(_CODE_OF_INSTITUTION, "institution_code"),
        "科室": "department",
        "拜访日期": "occurred_at",
        "拜访时间": "occurred_at",
        "类型": "kind",
        "拜访类型": "kind",
        "跟进人": "our_person",
        "拜访方式": "channel",
        "沟通内容": "summary",
        "拜访内容": "summary",
        "拜访结果": "outcome",
        "下次跟进日期": "next_follow_up_on",
        "联系人编号": "contact_source_ids",
    },
    ImportKind.TRAININGS: {
        "培训编号": "source_id",
        **dict.fromkeys(_CODE_OF_INSTITUTION, "institution_code"),
        "科室": "department",
        "注册证号": "registration_number",
        "培训日期": "trained_on",
        "培训讲师": "trainer",
        "讲师": "trainer",
        "备注": "notes",
        "参训人员编号": "contact_source_ids",
        "操作证编号": "certificate_number",
        "证书有效期至": "certificate_expires_on",
    },
    # An ERP's 应收账款明细 (receivables ledger).
    ImportKind.RECEIVABLES: {
        "单据号": "source_id",
        "单据编号": "source_id",
        **dict.fromkeys(_CODE_OF_INSTITUTION, "institution_code"),
        "应收金额": "amount",
        "未收金额": "amount",
        "应收余额": "amount",
        "币种": "currency",
        "到期日": "due_on",
        "到期日期": "due_on",
        "截止日期": "as_of",
        "统计日期": "as_of",
        "单据日期": "document_date",
    },
}

# Headers that CRM and ERP customer exports carry for data the hub keeps elsewhere or not at
# all: recognised, so that the refusal can say why, and imported only once the operator
# ignores them (they are never dropped unannounced).
_PHONE_ELSEWHERE = "the hub keeps phone numbers on contacts (hub import contacts)"
_NO_BANK_DETAILS = "the hub does not hold bank details"
NOT_HELD: dict[ImportKind, dict[str, str]] = {
    ImportKind.INSTITUTIONS: {
        **dict.fromkeys(("联系电话", "电话", "客户电话", "公司电话"), _PHONE_ELSEWHERE),
        **dict.fromkeys(
            ("开户行", "开户银行", "银行账号", "开户账号", "银行账户"), _NO_BANK_DETAILS
        ),
    },
    ImportKind.RECEIVABLES: {
        **dict.fromkeys(("客户名称", "单位名称"), "the customer is identified by 客户编码"),
        **dict.fromkeys(("账龄", "账龄天数"), "the hub derives the age from 到期日"),
    },
}

# Columns read besides the store fields: the row's source ID, references to other records,
# the two lists of a certificate's scope, and the parts of an institution's location.
_LOCATION_PARTS = ("area", "province", "city", "county")
_READ_ALSO: dict[ImportKind, frozenset[str]] = {
    ImportKind.INSTITUTIONS: frozenset(_LOCATION_PARTS),
    ImportKind.CONTACTS: frozenset({"institution_code"}),
    ImportKind.DEVICE_MODELS: frozenset(),
    ImportKind.DEVICES: frozenset({"institution_code", "registration_number", "udi_di"}),
    ImportKind.CERTIFICATES: frozenset({"institution_code", "categories", "device_classes"}),
    ImportKind.AUTHORISATIONS: frozenset(
        {"grantor_code", "institution_code", "hospital_code", "registration_numbers", "period"}
    ),
    ImportKind.DEMO_LOANS: frozenset(
        {"institution_code", "serial_number", "registration_number", "udi_di"}
    ),
    ImportKind.DEPARTMENTS: frozenset({"institution_code"}),
    ImportKind.INTERACTIONS: frozenset(
        {"institution_code", "department", "occurred_at", "contact_source_ids"}
    ),
    ImportKind.TRAININGS: frozenset(
        {
            "institution_code",
            "department",
            "registration_number",
            "udi_di",
            "contact_source_ids",
            "certificate_number",
            "certificate_expires_on",
        }
    ),
    ImportKind.RECEIVABLES: frozenset({"institution_code"}),
}


INTERACTION_KIND_WORDS = {
    "拜访": InteractionKind.VISIT,
    "电话": InteractionKind.CALL,
    "演示": InteractionKind.DEMO,
    "会议": InteractionKind.MEETING,
    "培训": InteractionKind.TRAINING,
    "投诉": InteractionKind.COMPLAINT,
    "招标": InteractionKind.TENDER,
    "投标": InteractionKind.TENDER,
}
CHANNEL_WORDS = {
    "面访": InteractionChannel.IN_PERSON,
    "上门": InteractionChannel.IN_PERSON,
    "电话": InteractionChannel.PHONE,
    "视频": InteractionChannel.VIDEO,
    "微信": InteractionChannel.WECHAT,
    "邮件": InteractionChannel.EMAIL,
    "招标平台": InteractionChannel.TENDER_PLATFORM,
}
INSTITUTION_KIND_WORDS = {
    "医院": InstitutionKind.HOSPITAL,
    "诊所": InstitutionKind.CLINIC,
    "经销商": InstitutionKind.DISTRIBUTOR,
    "药房": InstitutionKind.RETAIL_PHARMACY,
    "药店": InstitutionKind.RETAIL_PHARMACY,
    "生产企业": InstitutionKind.MANUFACTURER,
}
CERTIFICATE_KIND_WORDS = {
    "营业执照": CertificateKind.BUSINESS_LICENSE,
    "医疗器械经营许可证": CertificateKind.OPERATION_LICENSE,
    "第二类医疗器械经营备案凭证": CertificateKind.CLASS_II_FILING,
    "医疗机构执业许可证": CertificateKind.PRACTICE_LICENSE,
    "事业单位法人证书": CertificateKind.REGISTRATION_CERTIFICATE,
    "法人授权委托书": CertificateKind.AUTHORISATION_LETTER,
    "居民身份证": CertificateKind.ID_CARD,
    "身份证": CertificateKind.ID_CARD,
}
# Licences print classes as 第Ⅲ类, Ⅲ类, 三类 or III.
_CLASS_WORDS = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "一": "I", "二": "II", "三": "III"}
LIST_SEPARATORS = re.compile(r"[,，;；、/\s]+")

_FIELDS: dict[ImportKind, frozenset[str]] = {
    ImportKind.INSTITUTIONS: frozenset(
        {"code", "name", "kind", "grade", "uscc", "region_code", "address", "org_path"}
    ),
    ImportKind.CONTACTS: frozenset(
        {"name", "role", "title", "department", "mobile", "office_phone", "email", "id_number"}
    ),
    ImportKind.DEVICE_MODELS: frozenset(
        {"name", "manufacturer", "device_class", "category_code", "registration_number", "udi_di"}
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
    ImportKind.CERTIFICATES: frozenset({"kind", "number", "issuer", "valid_from", "valid_to"}),
    ImportKind.AUTHORISATIONS: frozenset(
        {"number", "valid_from", "valid_to", "tender", "document", "regions", "categories"}
    ),
    ImportKind.DEMO_LOANS: frozenset({"department", "purpose", "starts_on", "due_back_on"}),
    ImportKind.DEPARTMENTS: frozenset({"name", "code", "local_name"}),
    ImportKind.INTERACTIONS: frozenset(
        {"kind", "channel", "our_person", "summary", "outcome", "next_follow_up_on"}
    ),
    ImportKind.TRAININGS: frozenset({"trained_on", "trainer", "notes"}),
    ImportKind.RECEIVABLES: frozenset({"amount", "currency", "due_on", "as_of", "document_date"}),
}
# Cells holding several values (any separator), stored as lists.
_LISTS = frozenset({"regions", "categories", "registration_numbers"})
# 授权期限 is written as one cell: 2026-01-01至2026-12-31 (or with ~ or -- between).
_PERIOD = re.compile(r"^\s*(\S+?)\s*(?:至|~|～|--|—)\s*(\S+)\s*$")
_DATES = frozenset(
    {
        "installed_on",
        "warranty_ends_on",
        "next_maintenance_on",
        "valid_from",
        "valid_to",
        "starts_on",
        "due_back_on",
        "next_follow_up_on",
        "trained_on",
        "certificate_expires_on",
        "due_on",
        "as_of",
        "document_date",
    }
)
_AMOUNTS = frozenset({"amount"})
_ENUMS: dict[ImportKind, dict[str, tuple[type[StrEnum], dict[str, Any]]]] = {
    ImportKind.INSTITUTIONS: {"kind": (InstitutionKind, INSTITUTION_KIND_WORDS)},
    ImportKind.CONTACTS: {"role": (ContactRole, {})},
    ImportKind.DEVICE_MODELS: {"device_class": (DeviceClass, {})},
    ImportKind.DEVICES: {"status": (DeviceStatus, {})},
    ImportKind.CERTIFICATES: {"kind": (CertificateKind, CERTIFICATE_KIND_WORDS)},
    ImportKind.AUTHORISATIONS: {},
    ImportKind.DEMO_LOANS: {},
    ImportKind.DEPARTMENTS: {},
    ImportKind.INTERACTIONS: {
        "kind": (InteractionKind, INTERACTION_KIND_WORDS),
        "channel": (InteractionChannel, CHANNEL_WORDS),
    },
    ImportKind.TRAININGS: {},
}


def text(value: Any) -> str | None:
    """A cell as trimmed text, None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets turn long digit strings into numbers
    shown = str(value).strip()
    return shown or None


def source_id_of(cells: dict[str, Any]) -> str:
    """The row's ID in its source system, which every imported row must carry."""
    source_id = text(cells.get("source_id"))
    if source_id is None:
        raise fail("source_id", ErrorCode.REQUIRED, "Each row needs its source ID.")
    return source_id


def cell_date(value: Any, name: str) -> date | None:
    """A cell as a date (Excel dates, or YYYY-MM-DD / YYYY/MM/DD text)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    shown = text(value)
    if shown is None:
        return None
    try:
        return date.fromisoformat(shown.replace("/", "-"))
    except ValueError as error:
        raise fail(name, ErrorCode.INVALID, f"{shown!r} is not a date (YYYY-MM-DD).") from error


def _amount(value: Any, name: str) -> Decimal | None:
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    shown = text(value)
    if shown is None:
        return None
    try:
        return Decimal(shown.replace(",", "").replace("，", "").removeprefix("¥"))
    except InvalidOperation as error:
        raise fail(name, ErrorCode.INVALID, f"{shown!r} is not an amount.") from error


def _class_word(value: str) -> str:
    bare = value.strip().removeprefix("第").removesuffix("类")
    return _CLASS_WORDS.get(bare, bare)


def _enum(enum: type[StrEnum], value: str, name: str, words: dict[str, Any]) -> Any:
    if value in words:
        return words[value]
    if enum is DeviceClass:
        value = _class_word(value)
    try:
        return enum(value.upper())
    except ValueError as error:
        raise fail(name, ErrorCode.INVALID, f"{value!r} is not a known {name}.") from error


def _scope(cells: dict[str, str | None]) -> dict[str, list[str]] | None:
    """A certificate scope from its two list columns (codes and classes, any separator)."""
    if cells.get("categories") is None and cells.get("device_classes") is None:
        return None
    classes = [
        _enum(DeviceClass, word, "device_classes", {}).value
        for word in LIST_SEPARATORS.split(cells.get("device_classes") or "")
        if word
    ]
    categories = [code for code in LIST_SEPARATORS.split(cells.get("categories") or "") if code]
    return {"deviceClasses": classes, "categories": categories}


def known_fields(kind: ImportKind) -> frozenset[str]:
    """Every column name an import of `kind` reads (after aliases and the mapping file)."""
    return _FIELDS[kind] | _READ_ALSO[kind] | {"source_id"}


def _located_address(texts: dict[str, str | None]) -> str | None:
    """The address with the region names of the row in front, unless it already starts with
    them: the hub keeps GB/T 2260 codes, not names, so the names live on in the address."""
    address = texts.get("address") or ""
    prefix = ""
    for part in (texts.get(name) for name in _LOCATION_PARTS):
        # A municipality is its own province and city (上海市, 上海市): say it once.
        if part and part not in prefix and part not in address:
            prefix += part
    return (prefix + address) or None


def list_cell(value: Any) -> list[str]:
    """A cell of several values (e.g. 310000、320100) as a list."""
    return [item for item in LIST_SEPARATORS.split(text(value) or "") if item]


def _period(cells: dict[str, Any]) -> dict[str, date | None]:
    shown = text(cells.get("period"))
    if shown is None:
        return {}
    match = _PERIOD.match(shown)
    if match is None:
        raise fail("period", ErrorCode.INVALID, f"{shown!r} is not a period (起始日期至截止日期).")
    return {"valid_from": cell_date(match[1], "period"), "valid_to": cell_date(match[2], "period")}


def _typed(name: str, cells: dict[str, Any], texts: dict[str, str | None]) -> Any:
    if name in _DATES:
        return cell_date(cells[name], name)
    if name in _AMOUNTS:
        return _amount(cells[name], name)
    if name in _LISTS:
        return list_cell(cells[name])
    return texts[name]


def converted(kind: ImportKind, cells: dict[str, Any]) -> dict[str, Any]:
    """The typed store values of one mapped row; references (codes of other records) are left
    to the caller. Columns the kind does not read are refused before rows are converted
    (`plan_columns`)."""
    texts = {name: text(value) for name, value in cells.items()}
    if kind is ImportKind.INSTITUTIONS and any(texts.get(part) for part in _LOCATION_PARTS):
        texts["address"] = _located_address(texts)
        cells = {**cells, "address": texts["address"]}
    values: dict[str, Any] = {
        name: _typed(name, cells, texts)
        for name in _FIELDS[kind]
        if name in cells and texts[name] is not None
    }
    if kind is ImportKind.AUTHORISATIONS:
        values = {**_period(cells), **values}
    for name, (enum, words) in _ENUMS.get(kind, {}).items():
        if name in values:
            values[name] = _enum(enum, values[name], name, words)
    if kind is ImportKind.CERTIFICATES:
        scope = _scope(texts)
        if scope is not None:
            values["scope"] = scope
    return values


def aliases_with(kind: ImportKind, mapping: dict[str, str]) -> dict[str, str]:
    """The built-in aliases of a kind of import, overridden by a mapping file's entries."""
    return {**ALIASES[kind], **mapping}


@dataclass(frozen=True)
class ColumnPlan:
    """How the columns of a file are read: header → field, and the headers left unread."""

    fields: dict[str, str]
    ignored: list[str]

    def mapped(self, cells: dict[str, Any]) -> dict[str, Any]:
        """A row's cells keyed by field name, without the ignored columns."""
        return {
            self.fields[header]: value for header, value in cells.items() if header in self.fields
        }


class ColumnsRefused(UserInputError):
    """Columns the import would not read (or would read twice); nothing was imported."""

    def __init__(self, problems: list[FieldError], unknown: list[str]) -> None:
        super().__init__(problems)
        self.unknown = unknown


def plan_columns(
    kind: ImportKind,
    headers: list[str],
    aliases: dict[str, str],
    *,
    ignore: frozenset[str] = frozenset(),
    ignore_unknown: bool = False,
) -> ColumnPlan:
    """Decide, before any row is read, what each column means. A column that is neither a
    field, a known header, mapped, nor named in `ignore` refuses the whole import unless
    `ignore_unknown`; so does a mapping to a field the kind does not have, and two columns
    meaning the same field (one of them would be lost)."""
    known = known_fields(kind)
    not_held = NOT_HELD.get(kind, {})
    fields: dict[str, str] = {}
    ignored: list[str] = []
    unknown: list[str] = []
    problems: list[FieldError] = []
    for header in dict.fromkeys(header for header in headers if header):
        field = aliases.get(header, header)
        if header in ignore or field in ignore:
            ignored.append(header)
        elif field in known:
            fields[header] = field
        elif header in aliases:
            problems.append(
                FieldError(
                    ("columns",),
                    ErrorCode.INVALID,
                    f"{header!r} is mapped to {field!r}, which {kind.value} do not have.",
                )
            )
        elif ignore_unknown:
            ignored.append(header)
        else:
            unknown.append(header)
            if header in not_held:
                problems.append(
                    FieldError(
                        ("columns",), ErrorCode.UNKNOWN_COLUMN, f"{header}: {not_held[header]}."
                    )
                )
    if unknown:
        message = (
            f"Unknown columns: {', '.join(unknown)}. Map them to fields, or ignore them by "
            "name or all at once; the import reads none of its rows until then."
        )
        problems.insert(0, FieldError(("columns",), ErrorCode.UNKNOWN_COLUMN, message))
    readers = defaultdict(list)
    for header, field in fields.items():
        readers[field].append(header)
    problems.extend(
        FieldError(
            ("columns",),
            ErrorCode.DUPLICATE,
            f"Columns {', '.join(shared)} all mean {field!r}; ignore all but one.",
        )
        for field, shared in readers.items()
        if len(shared) > 1
    )
    if problems:
        raise ColumnsRefused(problems, unknown)
    return ColumnPlan(fields, ignored)
