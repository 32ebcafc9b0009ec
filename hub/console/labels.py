"""Chinese labels and formats: enum values, field names, dates and amounts as users read them."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from hub.authz.row_scope import graphql_field_name

CHINA = ZoneInfo("Asia/Shanghai")

ENUMS: dict[str, str] = {
    # institution kinds and statuses
    "HOSPITAL": "医院",
    "CLINIC": "诊所",
    "DISTRIBUTOR": "经销商",
    "RETAIL_PHARMACY": "零售药店",
    "MANUFACTURER": "生产企业",
    "OTHER": "其他",
    "ACTIVE": "正常",
    "BLOCKED": "已冻结",
    "ARCHIVED": "已归档",
    "MERGED": "已合并",
    # qualification
    "QUALIFIED": "合格",
    "EXPIRING": "即将到期",
    "NOT_QUALIFIED": "不合格",
    # qualification reasons
    "MISSING_CERTIFICATE": "缺少证照",
    "PENDING_REVIEW": "证照待审核",
    "EXPIRED": "证照已过期",
    "NOT_YET_VALID": "证照未生效",
    "USCC_MISMATCH": "信用代码不符",
    "INSTITUTION_BLOCKED": "机构已冻结",
    "INSTITUTION_INACTIVE": "机构非正常状态",
    "NO_LICENCE_NEEDED": "无需许可",
    # review
    "SUBMITTED": "待初审",
    "FIRST_APPROVED": "待复审",
    "APPROVED": "已通过",
    "REJECTED": "已驳回",
    # candidates
    "OPEN": "待处理",
    "DISMISSED": "非重复",
    # entity types
    "Institution": "机构",
    "Contact": "联系人",
    "Certificate": "证照",
    "Device": "设备",
    "Contract": "合同",
    "Ticket": "工单",
    "SourceRecord": "来源编号",
    "DuplicateCandidate": "疑似重复",
    "MergeEvent": "合并记录",
    # alerts
    "CERTIFICATE_EXPIRING": "证照到期",
    "CONTRACT_ENDING": "合同到期",
    "WARRANTY_ENDING": "保修到期",
    "MAINTENANCE_DUE": "维护到期",
    # contact roles
    "DOCTOR": "医生",
    "PURCHASER": "采购",
    "DEPARTMENT_HEAD": "科室主任",
    "LEGAL_REPRESENTATIVE": "法定代表人",
    "AUTHORISED_AGENT": "授权代理人",
    "ENGINEER": "工程师",
    # certificate kinds
    "BUSINESS_LICENSE": "营业执照",
    "OPERATION_LICENSE": "医疗器械经营许可证",
    "CLASS_II_FILING": "第二类医疗器械经营备案凭证",
    "PRACTICE_LICENSE": "医疗机构执业许可证",
    "REGISTRATION_CERTIFICATE": "事业单位法人证书",
    "AUTHORISATION_LETTER": "法人授权委托书",
    "ID_CARD": "居民身份证",
    # tickets and contracts
    "ASSIGNED": "已指派",
    "IN_PROGRESS": "处理中",
    "RESOLVED": "已解决",
    "CLOSED": "已关闭",
    "CANCELLED": "已取消",
    "SALES": "销售合同",
    "SERVICE": "服务合同",
    "DISTRIBUTION_AUTHORISATION": "经销授权",
    "INSTALLED": "已安装",
    "IN_STOCK": "在库",
    "IN_REPAIR": "维修中",
    "RETIRED": "已报废",
    # the customer timeline
    "CERTIFICATE_SUBMITTED": "证照提交",
    "CERTIFICATE_APPROVED": "证照通过",
    "CERTIFICATE_EXPIRES": "证照到期",
    "CONTRACT_STARTS": "合同生效",
    "CONTRACT_ENDS": "合同到期",
    "TICKET_OPENED": "工单创建",
    "TICKET_RESOLVED": "工单解决",
    "DEMO_LOAN_REQUESTED": "样机申请",
    "DEMO_LOAN_OUT": "样机借出",
    "DEMO_LOAN_RETURNED": "样机归还",
    "AUTHORISATION_GRANTED": "获得授权",
    "AUTHORISATION_ISSUED": "签发授权",
    "AUTHORISATION_EXPIRES": "授权到期",
    "DemoLoan": "样机借用",
    "Authorisation": "授权书",
    # merge and audit actions
    "CREATE": "创建",
    "UPDATE": "修改",
    "ARCHIVE": "归档",
    "MERGE": "合并",
    "MERGE_MOVE": "随合并迁移",
    "DISMISS": "标记非重复",
    "UNDO_MERGE": "撤销合并",
    "APPROVE": "批准",
    "REJECT": "驳回",
    "REQUALIFY": "资质重算",
    "STEWARD": "管理员选择",
}

FIELDS: dict[str, str] = {
    "code": "编码",
    "name": "名称",
    "kind": "类型",
    "grade": "等级",
    "uscc": "统一社会信用代码",
    "regionCode": "行政区划",
    "address": "地址",
    "parent": "上级机构",
    "tags": "标签",
    "creditRating": "信用等级",
    "creditLimit": "信用额度",
    "status": "状态",
    "orgPath": "组织单元",
    "qualificationStatus": "资质状态",
    "role": "角色",
    "title": "职务",
    "department": "科室",
    "mobile": "手机",
    "officePhone": "办公电话",
    "email": "邮箱",
    "idNumber": "身份证号",
    "institution": "所属机构",
    "number": "编号",
}


ROLES: dict[str, str] = {
    "admin": "系统管理员",
    "steward": "数据管理员",
    "auditor": "审计员",
    "crm": "CRM 系统",
    "wms": "WMS 系统",
    "service": "售后系统",
    "sales": "销售",
}


def role_label(role: Any) -> str:
    """The Chinese name of a role."""
    return ROLES.get(str(role), str(role))


def page_query(params: Any, page: int) -> str:
    """The current query string with another page number."""
    kept = [(key, value) for key, value in params.multi_items() if key != "page"]
    return urlencode([*kept, ("page", str(page))])


def label(value: Any) -> str:
    """The Chinese label of an enum value (the value itself when there is none)."""
    if value is None:
        return "—"
    return ENUMS.get(str(value), str(value))


def field_label(name: str) -> str:
    """The Chinese name of a GraphQL field."""
    return FIELDS.get(name, name)


def chinese_date(value: Any) -> str:
    """`2026-12-03` → `2026年12月3日`."""
    if value in (None, ""):
        return "—"
    day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_time(value: Any) -> str:
    """An instant as read in China: `2026年12月3日 16:05`."""
    if value in (None, ""):
        return "—"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    local = moment.astimezone(CHINA)
    return f"{chinese_date(local.date())} {local:%H:%M}"


def amount(value: Any) -> str:
    """`1234567.5` → `1,234,567.50` (Chinese finance writes thousands with commas)."""
    if value in (None, ""):
        return "—"
    return f"{Decimal(str(value)):,.2f}"


def percent(value: float | None) -> str:
    """A similarity or score as a percentage."""
    return "—" if value is None else f"{value * 100:.0f}%"


FILTERS = {
    "label": label,
    "field_label": field_label,
    "cdate": chinese_date,
    "ctime": chinese_time,
    "amount": amount,
    "percent": percent,
    "role_label": role_label,
    "pageq": page_query,
    "camel": graphql_field_name,
}
