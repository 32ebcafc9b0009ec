"""The installed base: device models, their production lots, and about 2,000 units."""

import random
from datetime import date

from hub.db.enums import BatchStatus, DeviceClass, DeviceStatus, InstitutionKind
from hub.demo.catalogue import PRODUCTS, Product
from hub.demo.dates import add_years, between, days
from hub.demo.plan import BatchPlan, DevicePlan, InstitutionPlan, ModelPlan

DEVICE_COUNT = 2000
RECALLED_PRODUCT = "病人监护仪 uMEC10"
_LINES = "ABCDEF"


def catalogue(rng: random.Random, today: date) -> tuple[list[ModelPlan], list[BatchPlan]]:
    """Every product of the catalogue, with three lots each (five for consumables)."""
    models = [ModelPlan(product) for product in PRODUCTS]
    batches: list[BatchPlan] = []
    for model in models:
        product = model.product
        made = sorted(
            between(rng, add_years(today, -4), today - days(60))
            for _ in range(3 if product.units else 5)
        )
        lots: set[str] = set()
        for index, manufactured_on in enumerate(made):
            lot = ""
            while not lot or lot in lots:
                lot = f"{manufactured_on:%y%m}{rng.choice(_LINES)}{rng.randint(1, 199):03d}"
            lots.add(lot)
            recalled = product.name == RECALLED_PRODUCT and index == 1
            batches.append(
                BatchPlan(
                    model=model,
                    lot_number=lot,
                    manufactured_on=manufactured_on,
                    expires_on=add_years(manufactured_on, product.shelf_life_years) - days(1),
                    status=BatchStatus.RECALLED if recalled else BatchStatus.ACTIVE,
                )
            )
    return models, batches


def _unit_counts() -> list[tuple[Product, int]]:
    """DEVICE_COUNT units shared out by each product's weight (largest remainder)."""
    serialised = [p for p in PRODUCTS if p.units]
    total = sum(p.units for p in serialised)
    exact = [DEVICE_COUNT * p.units / total for p in serialised]
    counts = [int(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])
    for i in by_remainder[: DEVICE_COUNT - sum(counts)]:
        counts[i] += 1
    return list(zip(serialised, counts, strict=True))


class _Holders:
    """Who may hold which product, weighted towards big hospitals."""

    def __init__(self, rng: random.Random, places: list[InstitutionPlan]) -> None:
        self.rng = rng
        hospitals = [p for p in places if p.kind is InstitutionKind.HOSPITAL]
        self.top = [p for p in hospitals if p.grade == "三级甲等"]
        self.hospitals = hospitals
        self.care = hospitals + [p for p in places if p.kind is InstitutionKind.CLINIC]
        self.dealers = [p for p in places if p.kind is InstitutionKind.DISTRIBUTOR]
        self.stores = [
            p for p in places if p.kind is InstitutionKind.RETAIL_PHARMACY and p.parent is not None
        ]

    @staticmethod
    def _weight(place: InstitutionPlan) -> int:
        if place.kind is InstitutionKind.CLINIC:
            return 2
        if place.grade == "三级甲等":
            return 4 if place.parent else 10
        return 3

    def user(self, product: Product) -> InstitutionPlan:
        pool = {"top": self.top, "hospital": self.hospitals}.get(product.setting, self.care)
        return self.rng.choices(pool, weights=[self._weight(p) for p in pool])[0]

    def stockist(self, product: Product) -> InstitutionPlan | None:
        roll = self.rng.random()
        retail = product.list_price < 10_000 and product.device_class is not DeviceClass.III
        if roll < 0.2:
            return None  # still in our own warehouse
        if roll < 0.4 and retail:
            return self.rng.choice(self.stores)
        return self.rng.choice(self.dealers)


def devices(
    rng: random.Random, today: date, batches: list[BatchPlan], places: list[InstitutionPlan]
) -> list[DevicePlan]:
    """About 2,000 units, mostly installed at hospitals and clinics, some in dealers' stock."""
    holders = _Holders(rng, places)
    plans: list[DevicePlan] = []
    for product, count in _unit_counts():
        lots = [b for b in batches if b.model.product is product]
        sequence = 0
        for _ in range(count):
            batch = rng.choice(lots)
            sequence += rng.randint(1, 40)
            serial = (
                f"{product.maker.serial_prefix}{product.item_reference[-2:]}"
                f"{batch.manufactured_on:%y%m}{sequence:05d}"
            )
            plans.append(_unit(rng, today, holders, batch, serial))
    return plans


def _unit(
    rng: random.Random, today: date, holders: _Holders, batch: BatchPlan, serial: str
) -> DevicePlan:
    product = batch.model.product
    roll = rng.random()
    if roll >= 0.86:
        return DevicePlan(batch, serial, DeviceStatus.IN_STOCK, holders.stockist(product))
    status = DeviceStatus.INSTALLED
    if roll >= 0.80:
        status = DeviceStatus.IN_REPAIR if roll < 0.83 else DeviceStatus.RETIRED
    earliest, latest = batch.manufactured_on + days(20), today - days(1)
    installed = between(rng, earliest, latest)
    if status is DeviceStatus.INSTALLED and rng.random() < 0.07:
        # Warranty ends within 90 days: the service desk's renewal list.
        candidate = add_years(today + days(rng.randint(1, 89)), -product.warranty_years)
        if earliest <= candidate <= latest:
            installed = candidate
    if status is DeviceStatus.RETIRED:
        installed = between(rng, earliest, min(earliest + days(60), latest))
    maintenance = None
    if status is not DeviceStatus.RETIRED:
        maintenance = max(installed + days(90), today + days(rng.randint(-30, 180)))
    return DevicePlan(
        batch,
        serial,
        status,
        holders.user(product),
        installed_on=installed,
        warranty_ends_on=add_years(installed, product.warranty_years),
        next_maintenance_on=maintenance,
    )
