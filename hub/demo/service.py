"""Service operations in the demo: maintenance plans for capital equipment, SLA targets on the
SERVICE contracts, and a year of closed tickets, so that the KPIs and the plan run have work.

Everything is drawn from its own random generator (the rest of the demo is unchanged by it) and
dated relative to `today`; every closed ticket ends at least a day before the demo is generated.
"""

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.enums import (
    ContractKind,
    ContractStatus,
    DeviceStatus,
    ResolutionCode,
    TicketKind,
    TicketPriority,
)
from hub.demo.dates import add_years, days
from hub.demo.plan import ContractPlan, DevicePlan, ModelPlan
from hub.quality.service_rules import load_service_rules
from hub.store import devices, maintenance_due, maintenance_plans, tickets

Ids = dict[str, uuid.UUID]
_CHINA = timezone(timedelta(hours=8))
_P, _R = TicketPriority, ResolutionCode
_IN_SERVICE = (DeviceStatus.INSTALLED, DeviceStatus.IN_REPAIR)
_HEADQUARTERS_ENGINEER = "刘工（总部服务中心）"
# Closed tickets end before this many days ago, so they are history whenever loaded.
_NEWEST_DAYS = 8  # the longest target (LOW, 120 hours) run 10 % late ends within 6
_REPAIRS = 320
_REPEAT_SHARE = 0.08  # repairs followed by a second failure within the first-time-fix window

# (interval days, usage interval, usage unit, checklist) of capital equipment, by product name.
_PLANS: dict[str, tuple[int | None, int | None, str | None, tuple[str, ...]]] = {
    "呼吸机 SV800": (180, None, None, ("潮气量与氧浓度校准", "更换进气过滤器", "电气安全检测")),
    "除颤监护仪 BeneHeart D6": (365, None, None, ("能量输出检测", "电池容量测试", "电极线检查")),
    "麻醉机 Aeon7900A": (180, None, None, ("气路泄漏测试", "挥发罐浓度校准", "更换钠石灰罐密封圈")),
    "全自动血液细胞分析仪 BC-6800Plus": (180, None, None, ("清洗管路", "质控品测试", "更换泵管")),
    "全自动生化分析仪 BS-2000M": (180, None, None, ("光路校准", "清洗反应杯", "更换样本针")),
    "彩色多普勒超声诊断系统 Resona 7": (365, None, None, ("探头外观与图像检测", "清洁滤网")),
    "数字彩色多普勒超声诊断系统 S60": (365, None, None, ("探头外观与图像检测", "清洁滤网")),
    "电子上消化道内窥镜 EG-550": (365, None, None, ("测漏", "角度与送气送水检查")),
    "数字化医用X射线摄影系统 uDR 780i": (365, None, None, ("剂量与图像质量检测", "机械限位检查")),
    "磁共振成像系统 uMR 780": (180, None, None, ("液氦液位与冷头检查", "图像均匀度测试")),
    "X射线计算机体层摄影设备 uCT 760": (180, None, None, ("球管状态评估", "CT值与噪声校准")),
    "脉动真空灭菌器 XG1.DMD-1.2": (180, None, None, ("B-D测试", "安全阀校验", "门封检查")),
    "高频手术系统 GD350-B": (365, None, None, ("输出功率检测", "漏电流检测")),
    "医用分子筛制氧机 9F-5W": (365, 5000, "hours", ("氧浓度检测", "更换分子筛", "清洗过滤棉")),
}
# Targets (response hours, resolution hours) per priority of a standard and a premium contract.
_STANDARD = {_P.URGENT: (2, 8), _P.HIGH: (4, 24), _P.NORMAL: (8, 48), _P.LOW: (24, 120)}
_PREMIUM = {_P.URGENT: (1, 4), _P.HIGH: (2, 12), _P.NORMAL: (4, 24), _P.LOW: (8, 72)}
_PRIORITIES = {_P.LOW: 15, _P.NORMAL: 55, _P.HIGH: 22, _P.URGENT: 8}
_FIXES = {_R.PART_REPLACED: 45, _R.ADJUSTED: 20, _R.SOFTWARE_UPDATED: 8, _R.REMOTE_FIX: 10}
_FIXES |= {_R.USER_TRAINED: 7, _R.NO_FAULT_FOUND: 6, _R.REPAIRED: 4}
_PARTS = ("PWR-220V-01", "BAT-LI-4S2P", "LCD-121-TFT", "FAN-80-24V", "SPO2-SENSOR-M", "CBL-ECG-5L")
_SCORES = {5: 45, 4: 33, 3: 13, 2: 6, 1: 3}
_COMMENTS = {
    5: ("工程师到场及时，处理专业", "一次修好，非常满意"),
    4: ("处理及时", "沟通顺畅"),
    3: ("等备件时间较长",),
    2: ("同一问题反复出现",),
    1: ("响应太慢，影响临床使用",),
}


@dataclass(eq=False)
class MaintenancePlanPlan:
    """A device model's maintenance plan."""

    model: ModelPlan
    interval_days: int | None
    interval_usage: int | None
    usage_unit: str | None
    checklist: list[str]

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `maintenance_plans.create`."""
        return {
            "device_model_id": ids[self.model.key],
            "interval_days": self.interval_days,
            "interval_usage": self.interval_usage,
            "usage_unit": self.usage_unit,
            "checklist": self.checklist,
        }


@dataclass(eq=False)
class ClosedTicketPlan:
    """A finished ticket of the past year; deadlines None come from its SERVICE contract."""

    number: str
    device: DevicePlan
    kind: TicketKind
    priority: TicketPriority
    summary: str
    opened_at: datetime
    responded_at: datetime
    resolved_at: datetime
    engineer: str
    visits: int
    resolution: str
    resolution_code: ResolutionCode
    deadlines: dict[str, datetime] | None
    parts_used: list[str] = field(default_factory=list)
    usage_reading: int | None = None
    satisfaction: int | None = None
    satisfaction_comment: str | None = None

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `tickets.record_closed`."""
        holder = self.device.holder
        assert holder is not None
        return {
            "number": self.number,
            "institution_id": ids[holder.key],
            "device_id": ids[self.device.key],
            "kind": self.kind,
            "priority": self.priority,
            "summary": self.summary,
            "opened_at": self.opened_at,
            "responded_at": self.responded_at,
            "resolved_at": self.resolved_at,
            "assignee": self.engineer,
            "visits": self.visits,
            "resolution": self.resolution,
            "resolution_code": self.resolution_code,
            "parts_used": self.parts_used,
            "usage_reading": self.usage_reading,
            "satisfaction": self.satisfaction,
            "satisfaction_comment": self.satisfaction_comment,
            **(self.deadlines or {}),
        }


@dataclass
class ServiceDemo:
    """What the service part of the demo creates after the rest."""

    plans: list[MaintenancePlanPlan]
    history: list[ClosedTicketPlan]
    meters: dict[str, int]  # device key → usage reading


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _moment(day: date, rng: random.Random) -> datetime:
    """A working-hours moment of a day in China, in UTC."""
    return datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), _CHINA).astimezone(
        UTC
    )


def add_service_levels(rng: random.Random, contracts: list[ContractPlan]) -> None:
    """Give every SERVICE contract standard or (a third of them) premium targets."""
    for contract in contracts:
        if contract.kind is ContractKind.SERVICE:
            targets = _PREMIUM if rng.random() < 0.33 else _STANDARD
            contract.service_levels = [
                {"priority": p, "response_hours": r, "resolution_hours": s}
                for p, (r, s) in targets.items()
            ]


class _History:
    """Draws closed tickets: who works them, how long they take, what the customer said."""

    def __init__(self, rng: random.Random, today: date, contracts: list[ContractPlan]) -> None:
        self.rng = rng
        self.today = today
        self.rules = load_service_rules()
        self.numbers = iter(rng.sample(range(0x100000, 0xFFFFFF), 4000))
        self.covering: dict[str, list[ContractPlan]] = defaultdict(list)
        for contract in contracts:
            if contract.kind is ContractKind.SERVICE and contract.status is ContractStatus.ACTIVE:
                for unit in contract.devices:
                    self.covering[unit.key].append(contract)

    def _targets(self, unit: DevicePlan, opened: datetime) -> dict[str, tuple[int, int]] | None:
        """The contract's targets when one covers the unit that day (None: standard, given)."""
        day = opened.astimezone(_CHINA).date()
        running = [c for c in self.covering[unit.key] if c.starts_on <= day <= c.ends_on]
        if not running:
            return None
        contract = max(running, key=lambda c: (c.ends_on, c.number))
        return {
            level["priority"].value: (level["response_hours"], level["resolution_hours"])
            for level in contract.service_levels
        }

    def ticket(
        self, unit: DevicePlan, kind: TicketKind, day: date, summary: str, **more: Any
    ) -> ClosedTicketPlan:
        rng = self.rng
        priority = _P.NORMAL if kind is TicketKind.MAINTENANCE else _weighted(rng, _PRIORITIES)
        opened = _moment(day, rng)
        contract_targets = self._targets(unit, opened)
        response, resolution = (contract_targets or {}).get(priority.value, _STANDARD[priority])
        # Most tickets meet their targets; some run late.
        responded = opened + timedelta(hours=response * rng.uniform(0.15, 1.05))
        resolved = max(
            responded + timedelta(hours=1),
            opened + timedelta(hours=resolution * rng.uniform(0.2, 1.1)),
        )
        visits = 1 if rng.random() < 0.82 else rng.randint(2, 3)
        score = _weighted(rng, _SCORES) if rng.random() < 0.75 else None
        if score is not None and visits > 1:
            score = max(1, score - 1)
        holder = unit.holder
        assert holder is not None
        engineer = self.rules.engineer_for(holder.district.code) or _HEADQUARTERS_ENGINEER
        standard = {
            "respond_by": opened + timedelta(hours=_STANDARD[priority][0]),
            "due_at": opened + timedelta(hours=_STANDARD[priority][1]),
        }
        return ClosedTicketPlan(
            number=f"TK-{opened.astimezone(_CHINA):%Y%m%d}-{next(self.numbers):06X}",
            device=unit,
            kind=kind,
            priority=priority,
            summary=summary,
            opened_at=opened,
            responded_at=responded,
            resolved_at=resolved,
            engineer=engineer,
            visits=visits,
            deadlines=None if contract_targets else standard,
            satisfaction=score,
            satisfaction_comment=rng.choice(_COMMENTS[score]) if score else None,
            **more,
        )

    def repair(self, unit: DevicePlan, day: date) -> ClosedTicketPlan:
        code = _weighted(self.rng, _FIXES)
        parts = [self.rng.choice(_PARTS)] if code is _R.PART_REPLACED else []
        label = unit.product.name.split()[0]
        return self.ticket(
            unit,
            TicketKind.REPAIR,
            day,
            f"{label}故障报修",
            resolution="更换配件后测试正常" if parts else "调整设置后测试正常",
            resolution_code=code,
            parts_used=parts,
        )

    def maintenance(
        self, unit: DevicePlan, plan: MaintenancePlanPlan, day: date
    ) -> ClosedTicketPlan:
        label = unit.product.name.split()[0]
        return self.ticket(
            unit,
            TicketKind.MAINTENANCE,
            day,
            f"{label}预防性维护：{'；'.join(plan.checklist)}",
            resolution="完成预防性维护，检测合格，已出具报告",
            resolution_code=_R.MAINTENANCE_DONE,
        )


def _plans(models: list[ModelPlan]) -> dict[str, MaintenancePlanPlan]:
    return {
        model.key: MaintenancePlanPlan(
            model, *_PLANS[model.product.name][:3], list(_PLANS[model.product.name][3])
        )
        for model in models
        if model.product.name in _PLANS
    }


def service_operations(
    rng: random.Random,
    today: date,
    models: list[ModelPlan],
    units: list[DevicePlan],
    contracts: list[ContractPlan],
) -> ServiceDemo:
    """Plans, usage meters and a year of closed tickets; sets each planned unit's next due day
    to what its plan and last maintenance give."""
    add_service_levels(rng, contracts)
    plans = _plans(models)
    history = _History(rng, today, contracts)
    newest = today - days(_NEWEST_DAYS)
    year_ago = add_years(today, -1)
    in_service = [u for u in units if u.holder and u.installed_on and u.status in _IN_SERVICE]
    closed: list[ClosedTicketPlan] = []
    meters: dict[str, int] = {}
    for unit in in_service:
        plan = plans.get(unit.batch.model.key)
        if plan is None or plan.interval_days is None:
            continue
        assert unit.installed_on is not None
        interval = plan.interval_days
        # Where in its cycle the unit is: a few are overdue, the rest spread over the interval.
        last = today - days(
            interval + rng.randint(1, 25)
            if rng.random() < 0.06
            else rng.randint(_NEWEST_DAYS, interval - 1)
        )
        if last > unit.installed_on and last >= year_ago:
            ticket = history.maintenance(unit, plan, last)
            if plan.interval_usage is not None:
                ticket.usage_reading = rng.randint(3000, 30000)
                meters[unit.key] = ticket.usage_reading + rng.randint(0, plan.interval_usage + 300)
            closed.append(ticket)
            since = ticket.resolved_at.astimezone(_CHINA).date()
        else:
            since = unit.installed_on
        unit.next_maintenance_on = since + days(interval)
    for _ in range(_REPAIRS):
        unit = rng.choice(in_service)
        first_day = max(unit.installed_on or year_ago, year_ago) + days(1)
        if first_day >= newest:
            continue
        day = first_day + days(rng.randint(0, (newest - first_day).days))
        closed.append(history.repair(unit, day))
        if rng.random() < _REPEAT_SHARE and day + days(20) < newest:
            closed.append(history.repair(unit, day + days(rng.randint(3, 20))))
    closed.sort(key=lambda ticket: ticket.opened_at)
    return ServiceDemo(plans=list(plans.values()), history=closed, meters=meters)


async def load(session: AsyncSession, author: Author, demo: ServiceDemo, ids: Ids) -> None:
    """Write plans, meters and history through the store, then settle each unit's due day."""
    for plan in demo.plans:
        await maintenance_plans.create(session, author, plan.values(ids))
    for key, reading in demo.meters.items():
        await devices.update_by_id(session, author, ids[key], {"usage_reading": reading}, None)
    for ticket in demo.history:
        await tickets.record_closed(session, author, ticket.values(ids))
    today = maintenance_due.china_day(datetime.now(UTC))
    await maintenance_due.refresh(session, author, today)
