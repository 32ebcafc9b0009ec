"""The demo's sales channel: authorisation letters for every distributor (manufacturer → the
first-tier distributor of each region → the others there), one link expired, and demo units
on loan at hospitals (one overdue, one unit with a history of three hospitals)."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.enums import DeviceStatus, InstitutionKind
from hub.demo.dates import days
from hub.demo.plan import DevicePlan, InstitutionPlan, ModelPlan
from hub.store import authorisations, demo_loans

Ids = Mapping[str, uuid.UUID]

REVIEWERS = (Author("demo:reviewer-li"), Author("demo:reviewer-wang"))
"""The two people who approve the demo's letters (the loader submits them)."""
SALES_MANAGER = Author("demo:sales-manager")
"""Who approves the demo's loans (the loader requests them)."""

BROKEN_REGION = "cn/central/wuhan"
"""The region whose first tier holds an expired letter from Mindray: its other distributors'
chains break at link 2 (the README's dock example)."""
_BROKEN_MAKER = "深圳迈瑞生物医疗电子股份有限公司"
# The letter this maker gave the first tier of this region expires within 60 days (an alert).
_EXPIRING = ("cn/south/guangzhou", "深圳市理邦精密仪器股份有限公司")
_DEPARTMENTS = ("心血管内科", "重症医学科", "急诊科", "麻醉科", "超声医学科")


@dataclass(eq=False)
class LetterPlan:
    """An authorisation letter, approved by the two demo reviewers."""

    number: str
    grantor: InstitutionPlan
    grantee: InstitutionPlan
    models: list[ModelPlan]
    categories: list[str]
    regions: list[str]
    valid_from: date
    valid_to: date

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `authorisations.create`."""
        return {
            "number": self.number,
            "grantor_id": ids[self.grantor.key],
            "institution_id": ids[self.grantee.key],
            "device_model_ids": [ids[model.key] for model in self.models],
            "categories": self.categories,
            "regions": self.regions,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "document": f"s3://hub-demo/letters/{self.number}.pdf",
        }


@dataclass(eq=False)
class LoanPlan:
    """A demo unit's stay at a hospital: approved unless `pending`, returned when dated."""

    device: DevicePlan
    borrower: InstitutionPlan
    department: str
    starts_on: date
    due_back_on: date
    pending: bool = False
    returned_on: date | None = None
    condition: str | None = None

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `demo_loans.request`."""
        return {
            "device_id": ids[self.device.key],
            "institution_id": ids[self.borrower.key],
            "department": self.department,
            "purpose": "临床试用",
            "starts_on": self.starts_on,
            "due_back_on": self.due_back_on,
        }


def _short(maker: InstitutionPlan) -> str:
    return maker.code.removeprefix("MFR-").replace("-", "")


def letters(
    today: date, places: list[InstitutionPlan], models: list[ModelPlan]
) -> list[LetterPlan]:
    """Every manufacturer authorises the first distributor of each region for its own models
    in that province; that distributor authorises the region's others, city by city, for the
    catalogue categories it carries."""
    makers = [p for p in places if p.kind is InstitutionKind.MANUFACTURER]
    regions: dict[str, list[InstitutionPlan]] = {}
    for place in places:
        if place.kind is InstitutionKind.DISTRIBUTOR:
            regions.setdefault(place.org_path, []).append(place)
    plans: list[LetterPlan] = []
    categories = sorted({model.product.category_code[:2] for model in models})
    for org_path, dealers in sorted(regions.items()):
        first, *others = sorted(dealers, key=lambda dealer: dealer.code)
        for maker in makers:
            own = [m for m in models if m.product.maker.name == maker.name]
            ends = today + days(300)
            if (org_path, maker.name) == _EXPIRING:
                ends = today + days(45)
            if org_path == BROKEN_REGION and maker.name == _BROKEN_MAKER:
                ends = today - days(20)
            plans.append(
                LetterPlan(
                    number=f"SQ-{_short(maker)}-{first.code.removeprefix('DIS-')}",
                    grantor=maker,
                    grantee=first,
                    models=own,
                    categories=[],
                    regions=[first.district.code[:2] + "0000"],
                    valid_from=today - days(365),
                    valid_to=ends,
                )
            )
        for dealer in others:
            plans.append(
                LetterPlan(
                    number=f"FSQ-{dealer.code.removeprefix('DIS-')}",
                    grantor=first,
                    grantee=dealer,
                    models=[],
                    categories=categories,
                    regions=[dealer.district.code[:4] + "00"],
                    valid_from=today - days(180),
                    valid_to=today + days(540),
                )
            )
    return plans


def loans(today: date, places: list[InstitutionPlan], units: list[DevicePlan]) -> list[LoanPlan]:
    """Six loans of warehouse units to Shanghai and Beijing hospitals: one unit has been at two
    hospitals and is out at a third, one loan is overdue, one awaits approval."""
    stock = [
        unit
        for unit in units
        if unit.holder is None
        and unit.status is DeviceStatus.IN_STOCK
        and unit.product.setting != "top"
        and unit.product.category_code[:2] in ("06", "07", "08")
    ]
    hospitals = [
        p
        for p in places
        if p.kind is InstitutionKind.HOSPITAL
        and p.parent is None
        and p.org_path in ("cn/east/shanghai", "cn/north/beijing")
    ]
    travelled, overdue, out, waiting = stock[:4]
    first, second, third, fourth, fifth = hospitals[:5]
    return [
        LoanPlan(
            travelled, first, _DEPARTMENTS[3], today - days(170), today - days(140),
            returned_on=today - days(141), condition="探头线有磨损，已报修更换",
        ),
        LoanPlan(
            travelled, second, _DEPARTMENTS[1], today - days(60), today - days(30),
            returned_on=today - days(28), condition="完好",
        ),
        LoanPlan(travelled, third, _DEPARTMENTS[0], today - days(10), today + days(20)),
        LoanPlan(overdue, fourth, _DEPARTMENTS[2], today - days(45), today - days(9)),
        LoanPlan(out, fifth, _DEPARTMENTS[4], today - days(3), today + days(27)),
        LoanPlan(waiting, second, _DEPARTMENTS[0], today + days(5), today + days(35), pending=True),
    ]  # fmt: skip


async def load(
    session: AsyncSession,
    author: Author,
    letter_plans: list[LetterPlan],
    loan_plans: list[LoanPlan],
    ids: Ids,
) -> None:
    """Write letters and loans through the store, reviewed and approved by other people."""
    for letter in letter_plans:
        row = await authorisations.create(session, author, letter.values(ids))
        for reviewer in REVIEWERS:
            await authorisations.decide(session, reviewer, row.id, True, None, None)
    for loan in loan_plans:
        row = await demo_loans.request(session, author, loan.values(ids))
        if loan.pending:
            continue
        await demo_loans.decide(session, SALES_MANAGER, row.id, True, None, None)
        if loan.returned_on is not None:
            condition = loan.condition or "完好"
            await demo_loans.record_return(
                session, author, row.id, loan.returned_on, condition, None
            )
