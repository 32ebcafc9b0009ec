"""Service tickets in every state, each with the transitions that led there."""

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from hub.db.enums import ContactRole, DeviceStatus, TicketKind, TicketPriority, TicketStatus
from hub.demo import names
from hub.demo.dates import days
from hub.demo.plan import ContactPlan, DevicePlan, InstitutionPlan, TicketPlan

_CHINA = timezone(timedelta(hours=8))
_S, _K, _P = TicketStatus, TicketKind, TicketPriority
# How many tickets end in each status; a third of the closed and cancelled ones are archived.
_FINAL_STATUSES = {
    _S.OPEN: 25,
    _S.ASSIGNED: 20,
    _S.IN_PROGRESS: 25,
    _S.RESOLVED: 20,
    _S.CLOSED: 36,
    _S.CANCELLED: 12,
}
_KINDS = {
    _K.REPAIR: 35,
    _K.MAINTENANCE: 20,
    _K.INSTALLATION: 10,
    _K.TRAINING: 10,
    _K.COMPLAINT: 10,
    _K.INQUIRY: 15,
}
_PRIORITIES = {_P.LOW: 15, _P.NORMAL: 50, _P.HIGH: 25, _P.URGENT: 10}
# Days to the SLA deadline; at least two, so a deadline is never before a ticket opened today.
_SLA_DAYS = {_P.URGENT: 2, _P.HIGH: 3, _P.NORMAL: 5, _P.LOW: 10}

# Typical faults by catalogue category (full code first, then the top-level category).
_FAULTS = {
    "07": ("血氧饱和度读数跳变", "无创血压测量反复失败", "心电波形干扰严重", "开机后黑屏"),
    "08-01": ("潮气量监测偏差大，频繁报警", "氧电池耗尽报警", "涡轮风机异响"),
    "08-02": ("呼吸回路漏气", "挥发罐浓度输出偏低", "开机自检未通过"),
    "08-03": ("充电时间过长", "电极片阻抗检测失败", "打印机不出纸"),
    "08-05": ("氧浓度低于82%报警", "压缩机噪音大"),
    "06-07": ("探头图像出现暗带", "图像伪影明显", "系统启动后死机"),
    "06": ("球管过热报警", "机架旋转异响", "图像伪影明显", "系统启动后死机"),
    "22": ("试剂针堵塞，结果重复性差", "比色杯污染报警", "样本针液面检测失败"),
    "14": ("阻塞报警误报", "流速偏差超出允许范围", "电池续航不足一小时"),
}
_GENERIC_FAULTS = ("开机自检报错", "屏幕触摸失灵", "电池无法充电", "报警声异常，无法消音")
_PARTS = ("主控板", "电源板", "电池组", "显示屏", "风扇组件", "传感器", "连接线缆")
_SUMMARIES: dict[TicketKind, tuple[str, ...]] = {
    _K.MAINTENANCE: ("{device}年度预防性维护（PM）", "{device}计量校准到期"),
    _K.INSTALLATION: ("{device}到货安装调试", "{device}移机至新病区并重新验收"),
    _K.TRAINING: ("{device}临床操作培训（新入职护士）", "{device}维修培训（设备科）"),
    _K.COMPLAINT: ("维修响应超过48小时未到场", "更换配件后同一故障再次出现"),
    _K.INQUIRY: ("询问设备延保报价", "咨询备件价格及供货周期", "咨询耗材采购渠道"),
}
_RESOLUTIONS: dict[TicketKind, str] = {
    _K.MAINTENANCE: "完成预防性维护，电气安全检测合格，已出具报告",
    _K.INSTALLATION: "安装调试完成，科室已签署验收单",
    _K.TRAINING: "培训完成，{n}人参加，已签到存档",
    _K.COMPLAINT: "已致电客户致歉，调整服务站排班，回访满意",
    _K.INQUIRY: "已发送报价单及供货周期说明",
}


def _steps(
    rng: random.Random, final: TicketStatus, kind: TicketKind, engineer: str
) -> list[dict[str, Any]]:
    """The updates that take an OPEN ticket to `final` by legal transitions only."""
    if final is _S.OPEN:
        return []
    if final is _S.CANCELLED:
        path = [] if rng.random() < 0.5 else [{"status": _S.ASSIGNED, "assignee": engineer}]
        return [*path, {"status": _S.CANCELLED}]
    steps: list[dict[str, Any]] = [{"status": _S.ASSIGNED, "assignee": engineer}]
    if final is _S.ASSIGNED:
        return steps
    steps.append({"status": _S.IN_PROGRESS})
    if final is _S.IN_PROGRESS:
        if rng.random() < 0.2:  # the customer rejected a first fix
            steps += [
                {"status": _S.RESOLVED, "resolution": "重新校准后测试正常"},
                {"status": _S.IN_PROGRESS},
            ]
        return steps
    resolution = _RESOLUTIONS.get(kind) or f"更换{rng.choice(_PARTS)}，测试正常，已交付使用"
    steps.append({"status": _S.RESOLVED, "resolution": resolution.format(n=rng.randint(6, 40))})
    if final is _S.CLOSED:
        steps.append({"status": _S.CLOSED})
    return steps


def _summary(rng: random.Random, kind: TicketKind, device: DevicePlan | None) -> str:
    label = device.product.name.split()[0] if device else "设备"
    if kind in (_K.REPAIR, _K.COMPLAINT) and device and rng.random() < 0.7:
        category = device.product.category_code
        faults = _FAULTS.get(category) or _FAULTS.get(category[:2], _GENERIC_FAULTS)
        return f"{label}{rng.choice(faults)}"
    if kind is _K.REPAIR:
        return f"{label}{rng.choice(_GENERIC_FAULTS)}"
    return rng.choice(_SUMMARIES[kind]).format(device=label)


def tickets(
    rng: random.Random, today: date, units: list[DevicePlan], contacts: list[ContactPlan]
) -> list[TicketPlan]:
    """About 140 tickets at institutions that use our devices, in every status."""
    fleet: dict[InstitutionPlan, list[DevicePlan]] = defaultdict(list)
    for unit in units:
        if unit.holder and unit.status in (DeviceStatus.INSTALLED, DeviceStatus.IN_REPAIR):
            fleet[unit.holder].append(unit)
    staff: dict[InstitutionPlan, list[ContactPlan]] = defaultdict(list)
    for contact in contacts:
        if contact.role is not ContactRole.LEGAL_REPRESENTATIVE:
            staff[contact.institution].append(contact)
    engineers = [names.person(rng).name for _ in range(8)]
    finals = [status for status, count in _FINAL_STATUSES.items() for _ in range(count)]
    rng.shuffle(finals)
    holders = list(fleet)
    # The afternoon before `today`: in the past whenever the demo is loaded, so the data of any
    # day is consistent (deadlines after opening) however late in the day it is generated.
    opened = datetime.combine(today - days(1), time(17), _CHINA).astimezone(UTC)
    numbers = rng.sample(range(0x100000, 0xFFFFFF), len(finals))
    plans = []
    for final, number in zip(finals, numbers, strict=True):
        holder = rng.choices(holders, weights=[len(fleet[h]) for h in holders])[0]
        kind = rng.choices(list(_KINDS), weights=list(_KINDS.values()))[0]
        device = None if kind is _K.INQUIRY else rng.choice(fleet[holder])
        contact = rng.choice(staff[holder]) if staff[holder] and rng.random() < 0.85 else None
        priority = rng.choices(list(_PRIORITIES), weights=list(_PRIORITIES.values()))[0]
        due = datetime.combine(today + days(_SLA_DAYS[priority]), time(18), _CHINA)
        plans.append(
            TicketPlan(
                number=f"TK-{today:%Y%m%d}-{number:06X}",
                holder=holder,
                kind=kind,
                priority=priority,
                summary=_summary(rng, kind, device),
                opened_at=opened,
                due_at=due.astimezone(UTC),
                device=device,
                contact=contact,
                steps=_steps(rng, final, kind, rng.choice(engineers)),
                archived=final in (_S.CLOSED, _S.CANCELLED) and rng.random() < 0.33,
            )
        )
    return plans
