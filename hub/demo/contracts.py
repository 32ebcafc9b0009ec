"""Contracts: sales of the installed units, service after warranty, dealer authorisations."""

import random
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from hub.db.enums import ContractKind, ContractStatus, DeviceStatus, InstitutionKind
from hub.demo.dates import add_years, days
from hub.demo.plan import ContractPlan, DevicePlan, InstitutionPlan

_IN_USE = (DeviceStatus.INSTALLED, DeviceStatus.IN_REPAIR, DeviceStatus.RETIRED)
_LARGEST_ORDER = 12


def _amount(units: Iterable[DevicePlan], share: float) -> Decimal:
    """What the units cost at `share` of list price, to the yuan."""
    total = sum((unit.product.list_price for unit in units), Decimal(0))
    return (total * Decimal(str(share))).quantize(Decimal(1))


def _one_year(starts_on: date) -> date:
    return add_years(starts_on, 1) - days(1)


def _running(ends_on: date, today: date) -> ContractStatus:
    return ContractStatus.EXPIRED if ends_on < today else ContractStatus.ACTIVE


def _sales(rng: random.Random, today: date, units: list[DevicePlan]) -> list[ContractPlan]:
    orders: dict[tuple[InstitutionPlan, int], list[DevicePlan]] = defaultdict(list)
    stock: dict[InstitutionPlan, list[DevicePlan]] = defaultdict(list)
    for unit in units:
        if unit.holder is None:
            continue
        if unit.installed_on is not None and unit.status in _IN_USE:
            orders[unit.holder, unit.installed_on.year].append(unit)
        elif unit.status is DeviceStatus.IN_STOCK:
            stock[unit.holder].append(unit)
    plans = []
    for (holder, _), order in orders.items():
        for start in range(0, len(order), _LARGEST_ORDER):
            lot = order[start : start + _LARGEST_ORDER]
            first_install = min(unit.installed_on for unit in lot if unit.installed_on)
            starts_on = first_install - days(rng.randint(15, 60))
            ends_on = _one_year(starts_on)
            status = _running(ends_on, today)
            if rng.random() < 0.03:
                status = ContractStatus.TERMINATED
            amount = _amount(lot, rng.uniform(0.78, 0.95))
            plans.append(_contract(holder, ContractKind.SALES, starts_on, amount, status, lot))
    for dealer, lot in stock.items():
        starts_on = today - days(rng.randint(20, 200))
        amount = _amount(lot, rng.uniform(0.6, 0.7))
        status = ContractStatus.ACTIVE
        plans.append(_contract(dealer, ContractKind.SALES, starts_on, amount, status, lot))
    return plans


def _service(rng: random.Random, today: date, units: list[DevicePlan]) -> list[ContractPlan]:
    out_of_warranty: dict[InstitutionPlan, list[DevicePlan]] = defaultdict(list)
    for unit in units:
        ended = unit.warranty_ends_on is not None and unit.warranty_ends_on < today
        if unit.holder and ended and unit.status is not DeviceStatus.RETIRED:
            out_of_warranty[unit.holder].append(unit)
    plans = []
    for holder, lot in out_of_warranty.items():
        if rng.random() < 0.4:
            continue
        roll = rng.random()
        if roll < 0.1:  # a renewal not signed yet
            starts_on, status = today + days(rng.randint(5, 45)), ContractStatus.DRAFT
        else:
            starts_on = today - days(rng.randint(0, 330))
            status = ContractStatus.TERMINATED if roll < 0.15 else ContractStatus.ACTIVE
        amount = _amount(lot, 0.07)
        plans.append(_contract(holder, ContractKind.SERVICE, starts_on, amount, status, lot))
    return plans


def _authorisations(
    rng: random.Random, today: date, dealers: list[InstitutionPlan]
) -> list[ContractPlan]:
    plans = []
    kind = ContractKind.DISTRIBUTION_AUTHORISATION
    for dealer in dealers:
        target = Decimal(rng.randint(100, 2000) * 10_000)
        if rng.random() < 0.5:
            last_year = date(today.year - 1, 1, 1)
            expired = _contract(dealer, kind, last_year, target, ContractStatus.EXPIRED)
            expired.archived = rng.random() < 0.3
            plans.append(expired)
        this_year = date(today.year, 1, 1)
        plans.append(_contract(dealer, kind, this_year, target, ContractStatus.ACTIVE))
    return plans


def _contract(
    holder: InstitutionPlan,
    kind: ContractKind,
    starts_on: date,
    amount: Decimal,
    status: ContractStatus,
    units: list[DevicePlan] | None = None,
) -> ContractPlan:
    ends_on = _one_year(starts_on)
    return ContractPlan("", holder, kind, starts_on, ends_on, amount, status, units or [])


def contracts(
    rng: random.Random, today: date, units: list[DevicePlan], places: list[InstitutionPlan]
) -> list[ContractPlan]:
    """Every contract, numbered HT-<year>-<sequence> in order of signing."""
    dealers = [p for p in places if p.kind is InstitutionKind.DISTRIBUTOR]
    plans = _sales(rng, today, units) + _service(rng, today, units)
    plans += _authorisations(rng, today, dealers)
    plans.sort(key=lambda plan: plan.starts_on)
    sequence: dict[int, int] = defaultdict(int)
    for plan in plans:
        sequence[plan.starts_on.year] += 1
        plan.number = f"HT-{plan.starts_on.year}-{sequence[plan.starts_on.year]:04d}"
    return plans
