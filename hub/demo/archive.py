"""The demo's customer archive: departments in every hospital and clinic, devices installed in
them, a year of interactions and the trainings on models that need a trained operator.

It runs after the plan is loaded and reads what the plan created, through the store functions
(validated, audited, in the change feed). Deterministic for a seed; a few cases are left for the
alerts to find: a quiet key account, an unanswered complaint, an untrained department.
"""

import random
import uuid
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.contact import Contact
from hub.db.department import Department
from hub.db.device import Device, DeviceModel
from hub.db.enums import (
    ContactRole,
    DeviceStatus,
    InstitutionKind,
    InstitutionStatus,
    InteractionChannel,
    InteractionKind,
    RecordStatus,
)
from hub.db.institution import Institution
from hub.quality.customer_rules import TrainingRules
from hub.store import contacts, departments, devices, interactions, trainings

_CHINA = ZoneInfo("Asia/Shanghai")
_HOSPITAL_DEPARTMENTS = ("A01", "A02", "A03", "A04", "03.01", "03.04", "20", "26", "28", "30", "32")
_CLINIC_DEPARTMENTS = ("02", "A06")
# Where a unit of a catalogue category is installed (first matching prefix).
_INSTALLED_IN = (
    ("06-", "32"),
    ("08-01", "28"),
    ("08-02", "26"),
    ("08-03", "20"),
    ("01-", "26"),
    ("07-", "28"),
    ("14-02", "28"),
    ("22-", "30"),
)
_REPS = {"east": "王磊", "north": "李静", "south": "陈晨", "west": "赵勇", "central": "刘洋"}
_TRAINERS = ("迈瑞应用工程师 黄工", "联影应用专家 孙工", "谊安培训师 周工", "服务工程师 吴工")
_KINDS = (
    (InteractionKind.VISIT, InteractionChannel.IN_PERSON, 45),
    (InteractionKind.CALL, InteractionChannel.PHONE, 25),
    (InteractionKind.CALL, InteractionChannel.WECHAT, 8),
    (InteractionKind.DEMO, InteractionChannel.IN_PERSON, 8),
    (InteractionKind.MEETING, InteractionChannel.VIDEO, 7),
    (InteractionKind.TENDER, InteractionChannel.TENDER_PLATFORM, 7),
)
_SUMMARIES = {
    InteractionKind.VISIT: ("拜访科主任，了解设备使用情况", "拜访设备科，沟通年度采购计划"),
    InteractionKind.CALL: ("电话回访使用情况", "确认保养时间安排"),
    InteractionKind.DEMO: ("现场演示新型号，科室反馈良好",),
    InteractionKind.MEETING: ("参加院内设备论证会",),
    InteractionKind.TENDER: ("招标公告发布，准备投标文件",),
    InteractionKind.COMPLAINT: ("科室反映设备报警频繁，要求尽快处理",),
}
_OUTCOMES = ("约定下次演示", "等待采购计划批复", "客户满意", "需提供报价", None)


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(9, 16), rng.choice((0, 30))), tzinfo=_CHINA)


class _Archive:
    """One run: the session, the author and the departments made so far."""

    def __init__(self, session: AsyncSession, author: Author, rng: random.Random) -> None:
        self.session, self.author, self.rng = session, author, rng
        self.departments: dict[tuple[uuid.UUID, str], uuid.UUID] = {}

    async def department(self, institution_id: uuid.UUID, code: str) -> uuid.UUID:
        key = (institution_id, code)
        if key not in self.departments:
            found = await departments.at(self.session, institution_id, code)
            if found is None:
                values = {"institution_id": institution_id, "code": code}
                found = await departments.create(self.session, self.author, values)
            self.departments[key] = found.id
        return self.departments[key]


async def _customers(session: AsyncSession) -> list[Institution]:
    statement = select(Institution).where(
        Institution.kind.in_([InstitutionKind.HOSPITAL, InstitutionKind.CLINIC]),
        Institution.status == InstitutionStatus.ACTIVE,
    )
    return list((await session.execute(statement.order_by(Institution.code))).scalars())


async def _install(archive: _Archive, customers: list[Institution]) -> None:
    """Every installed unit at a hospital goes into the department its category belongs to."""
    ids = [customer.id for customer in customers]
    statement = (
        select(Device, DeviceModel.category_code)
        .join(DeviceModel, DeviceModel.id == Device.device_model_id)
        .where(Device.institution_id.in_(ids), Device.status == DeviceStatus.INSTALLED)
        .order_by(Device.serial_number)
    )
    kinds = {customer.id: customer.kind for customer in customers}
    for unit, category in (await archive.session.execute(statement)).all():
        code = next((c for prefix, c in _INSTALLED_IN if (category or "").startswith(prefix)), None)
        if code is None or unit.institution_id is None:
            continue
        if kinds[unit.institution_id] is InstitutionKind.CLINIC:
            code = "02"
        department_id = await archive.department(unit.institution_id, code)
        values = {"department_id": department_id}
        await devices.update_by_id(archive.session, archive.author, unit.id, values, None)


async def _people(session: AsyncSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Contact]]:
    statement = select(Contact).where(
        Contact.institution_id.in_(ids), Contact.status == RecordStatus.ACTIVE
    )
    grouped: dict[uuid.UUID, list[Contact]] = defaultdict(list)
    for person in (await session.execute(statement.order_by(Contact.name, Contact.id))).scalars():
        grouped[person.institution_id].append(person)
    return grouped


async def _train(
    archive: _Archive, customers: list[Institution], rules: TrainingRules, today: date
) -> None:
    """A training per department and model that needs a trained operator (at installation, or
    a refresher within the last year, so certificates are valid), except the first: that
    department is the demo's training gap."""
    ids = [customer.id for customer in customers]
    statement = (
        select(Device, DeviceModel, Department)
        .join(DeviceModel, DeviceModel.id == Device.device_model_id)
        .join(Department, Department.id == Device.department_id)
        .where(Device.institution_id.in_(ids))
        .order_by(Device.serial_number)
    )
    groups: dict[tuple[uuid.UUID, uuid.UUID], tuple[Device, Department]] = {}
    for unit, model, department in (await archive.session.execute(statement)).all():
        if rules.requires_trained_operator(model.device_class, model.category_code):
            groups.setdefault((department.id, model.id), (unit, department))
    for number, ((_, model_id), (unit, department)) in enumerate(sorted(groups.items())):
        if number == 0:
            continue
        refresher = today - timedelta(days=archive.rng.randint(30, 330))
        installed = (unit.installed_on or refresher) + timedelta(days=7)
        trained_on = min(max(installed, refresher), today)
        operator = await contacts.create(
            archive.session,
            archive.author,
            {
                "institution_id": department.institution_id,
                "name": archive.rng.choice(("钱", "孙", "周", "郑")) + "技师",
                "role": ContactRole.OTHER,
                "title": "操作技师",
                "department": department.name,
            },
        )
        await trainings.create(
            archive.session,
            archive.author,
            {
                "institution_id": department.institution_id,
                "department_id": department.id,
                "device_model_id": model_id,
                "trainer": archive.rng.choice(_TRAINERS),
                "trained_on": trained_on,
                "notes": "装机培训：操作、日常保养与报警处理",
                "attendees": [
                    {
                        "contact_id": operator.id,
                        "certificate_number": f"OP-{trained_on.year}-{number:04d}",
                        "certificate_expires_on": trained_on + timedelta(days=730),
                    }
                ],
            },
        )


def _plan_days(rng: random.Random, today: date, quiet: bool) -> list[date]:
    last = today - timedelta(days=rng.randint(65, 90) if quiet else rng.randint(1, 25))
    days = {last}
    for _ in range(rng.randint(5, 11)):
        days.add(today - timedelta(days=rng.randint((today - last).days + 1, 365)))
    return sorted(days)


async def _interact(archive: _Archive, customers: list[Institution], today: date) -> None:
    """A year of interactions per customer; one key account goes quiet, one complaint waits."""
    rng = archive.rng
    people = await _people(archive.session, [customer.id for customer in customers])
    quiet_done = complaint_done = False
    kinds, weights = [(k, c) for k, c, _ in _KINDS], [w for _, _, w in _KINDS]
    for customer in customers:
        rep = _REPS.get(customer.org_path.split("/")[1], "王磊")
        key_account = "重点客户" in (customer.tags or [])
        quiet = key_account and not quiet_done
        quiet_done = quiet_done or quiet
        days = _plan_days(rng, today, quiet)
        for index, day in enumerate(days):
            kind, channel = rng.choices(kinds, weights)[0]
            last = index == len(days) - 1
            if last and not quiet and not complaint_done and customer.grade:
                kind, channel, complaint_done = (
                    InteractionKind.COMPLAINT,
                    InteractionChannel.PHONE,
                    True,
                )
                day = today - timedelta(days=6)
            present = rng.sample(
                people[customer.id], min(len(people[customer.id]), rng.randint(1, 2))
            )
            values = {
                "institution_id": customer.id,
                "kind": kind,
                "channel": channel,
                "occurred_at": _at(day, rng),
                "our_person": rep,
                "summary": rng.choice(_SUMMARIES[kind]),
                "outcome": rng.choice(_OUTCOMES),
                "contact_ids": [person.id for person in present],
                "department_id": present[0].department_id if present else None,
            }
            if last and kind is not InteractionKind.COMPLAINT:
                values["next_follow_up_on"] = day + timedelta(days=rng.randint(7, 35))
            await interactions.create(archive.session, archive.author, values)


async def load_archive(
    session: AsyncSession, author: Author, today: date, rules: TrainingRules, seed: int
) -> None:
    """Departments, installations, trainings and a year of interactions for the demo."""
    archive = _Archive(session, author, random.Random(seed))
    customers = await _customers(session)
    for customer in customers:
        wanted = (
            _CLINIC_DEPARTMENTS
            if customer.kind is InstitutionKind.CLINIC
            else _HOSPITAL_DEPARTMENTS
        )
        for code in wanted:
            await archive.department(customer.id, code)
    await _install(archive, customers)
    await _train(archive, customers, rules, today)
    await _interact(archive, customers, today)
