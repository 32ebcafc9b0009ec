"""The people at the demo institutions, and a few contacts typed in twice."""

import random
from dataclasses import replace
from datetime import date
from typing import Any

from hub.db.enums import ContactRole, InstitutionKind
from hub.demo import checksums, names, places
from hub.demo.dates import between
from hub.demo.institutions import DEALER_WITH_DUPLICATES
from hub.demo.plan import ContactPlan, InstitutionPlan

Job = tuple[ContactRole, str, str]
"""(role, department, title)."""

_R = ContactRole
_CLINICAL = (
    "心内科",
    "重症医学科",
    "麻醉科",
    "超声医学科",
    "检验科",
    "急诊科",
    "呼吸与危重症医学科",
    "放射科",
    "消化内科",
)
_DOCTOR_TITLES = ("主任医师", "副主任医师", "主治医师")


def _hospital_jobs(rng: random.Random) -> list[Job]:
    return [
        (_R.DEPARTMENT_HEAD, rng.choice(("设备科", "医学工程处", "医学装备部")), "科长"),
        (_R.PURCHASER, rng.choice(("采购中心", "招标采购办公室", "设备科")), "采购专员"),
        (_R.ENGINEER, rng.choice(("医学工程处", "设备科")), rng.choice(("工程师", "高级工程师"))),
        (_R.DOCTOR, rng.choice(_CLINICAL), rng.choice(_DOCTOR_TITLES)),
        (_R.DEPARTMENT_HEAD, rng.choice(_CLINICAL), "科主任"),
        (_R.OTHER, "护理部", "护士长"),
    ]


def _jobs(rng: random.Random, place: InstitutionPlan) -> tuple[Job | None, list[Job], int]:
    """The legal representative's job (None for branches), other jobs, how many to fill."""
    kind, branch = place.kind, place.parent is not None
    if kind is InstitutionKind.HOSPITAL:
        head = None if branch else (_R.LEGAL_REPRESENTATIVE, "院办", "院长")
        return head, _hospital_jobs(rng), rng.randint(2, 4)
    if kind is InstitutionKind.CLINIC:
        head = (_R.LEGAL_REPRESENTATIVE, "办公室", "主任" if "社区" in place.name else "负责人")
        others = [
            (_R.DOCTOR, rng.choice(("全科医学科", "口腔科", "中医科")), "主治医师"),
            (_R.PURCHASER, rng.choice(("药剂科", "办公室")), "采购员"),
        ]
        return head, others, rng.randint(1, 2)
    if kind is InstitutionKind.DISTRIBUTOR:
        return (
            (_R.LEGAL_REPRESENTATIVE, "总经理办公室", "总经理"),
            [
                (_R.PURCHASER, "采购部", "采购经理"),
                (_R.AUTHORISED_AGENT, "销售部", "销售代表"),
                (_R.ENGINEER, "售后服务部", "服务工程师"),
                (_R.OTHER, "质量管理部", "质量负责人"),
            ],
            rng.randint(2, 3),
        )
    if kind is InstitutionKind.RETAIL_PHARMACY and branch:
        return None, [(_R.OTHER, "门店", "店长"), (_R.OTHER, "门店", "执业药师")], rng.randint(1, 2)
    if kind is InstitutionKind.RETAIL_PHARMACY:
        return (
            (_R.LEGAL_REPRESENTATIVE, "董事会", "董事长"),
            [(_R.PURCHASER, "采购中心", "品类经理"), (_R.OTHER, "质量管理部", "质量负责人")],
            2,
        )
    if kind is InstitutionKind.MANUFACTURER:
        return (
            (_R.LEGAL_REPRESENTATIVE, "董事会", "董事长"),
            [
                (_R.AUTHORISED_AGENT, "国内营销中心", "区域经理"),
                (_R.ENGINEER, "技术支持部", "应用工程师"),
                (_R.OTHER, "注册部", "注册专员"),
            ],
            2,
        )
    return (_R.LEGAL_REPRESENTATIVE, "办公室", "主任"), [(_R.OTHER, "业务科", "科员")], 1


def id_number(rng: random.Random, region_code: str, male: bool) -> str:
    """A resident ID number: birthplace, birth date, sequence (odd for men), check."""
    born = between(rng, date(1962, 1, 1), date(1988, 12, 31))
    sequence = rng.randrange(100) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    body = f"{region_code}{born:%Y%m%d}{sequence:03d}"
    return body + checksums.id_number_check_char(body)


class _People:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.mobiles: set[str] = set()
        self.plans: list[ContactPlan] = []

    def hire(self, place: InstitutionPlan, job: Job) -> ContactPlan:
        rng = self.rng
        role, department, title = job
        who = names.person(rng)
        legal = role is ContactRole.LEGAL_REPRESENTATIVE
        # Most people are registered where they were born, some came from another province.
        birthplace = place.district
        if rng.random() < 0.3:
            birthplace = rng.choice(list(places.DISTRICTS.values()))
        contact = ContactPlan(
            number=len(self.plans) + 1,
            institution=place,
            name=who.name,
            role=role,
            title=title,
            department=department,
            mobile=names.mobile(rng, self.mobiles) if rng.random() < 0.95 else None,
            office_phone=(
                names.office_phone(rng, place.district.city.area_code)
                if rng.random() < 0.5
                else None
            ),
            email=names.email(rng, who) if rng.random() < 0.5 else None,
            id_number=id_number(rng, birthplace.code, who.male) if legal else None,
        )
        self.plans.append(contact)
        return contact

    def twin(self, original: ContactPlan, **changes: Any) -> ContactPlan:
        """The same person entered again by someone else."""
        copy = replace(original, number=len(self.plans) + 1, **changes)
        self.plans.append(copy)
        return copy


def contacts(
    rng: random.Random, originals: list[InstitutionPlan], dupes: list[InstitutionPlan]
) -> list[ContactPlan]:
    """About three people per institution; legal representatives carry ID numbers."""
    people = _People(rng)
    for place in originals:
        head, others, count = _jobs(rng, place)
        if head is not None:
            people.hire(place, head)
        for job in rng.sample(others, min(count, len(others))):
            people.hire(place, job)
    _twins(people, originals, dupes)
    return people.plans


def _twins(people: _People, originals: list[InstitutionPlan], dupes: list[InstitutionPlan]) -> None:
    hospital = originals[0]
    dealer = next(p for p in originals if p.name == DEALER_WITH_DUPLICATES)
    at_hospital, at_dealer = (
        next(c for c in people.plans if c.institution is place and c.mobile and not c.id_number)
        for place in (hospital, dealer)
    )
    people.twin(at_hospital, name=f"{at_hospital.name[0]} {at_hospital.name[1:]}")
    # The CRM's second account of 中山医院 lists the same person, with another title.
    people.twin(at_hospital, institution=dupes[0], title="主任")
    people.twin(at_dealer, title=f"{at_dealer.department}{at_dealer.title}")
