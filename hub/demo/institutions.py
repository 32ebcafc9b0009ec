"""The demo's institutions: hospitals and their campuses, clinics, dealers, pharmacies, makers."""

import random
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from hub.db.enums import InstitutionKind
from hub.demo import checksums, directory, names, places
from hub.demo.catalogue import MANUFACTURERS
from hub.demo.dates import between
from hub.demo.places import District
from hub.demo.plan import InstitutionPlan
from hub.store.source_records import SourceKey

_CODE_PREFIX = {
    InstitutionKind.HOSPITAL: "HOS",
    InstitutionKind.CLINIC: "CLI",
    InstitutionKind.DISTRIBUTOR: "DIS",
    InstitutionKind.RETAIL_PHARMACY: "PHA",
    InstitutionKind.MANUFACTURER: "MFR",
    InstitutionKind.OTHER: "OTH",
}
# Public institutions (事业单位) have organisation codes starting with 4; companies registered
# since 2015 got "MA" codes from the market regulator, private non-profits "MJ" from civil affairs.
_PUBLIC, _COMPANY, _SOLE_TRADER, _NON_PROFIT = "12", "91", "92", "52"
_DISTRIBUTOR_FORMS = (
    "{city}{brand}医疗器械有限公司",
    "{city}{brand}医疗科技有限公司",
    "{brand}（{city}）医疗设备有限公司",
)
_CLINIC_FORMS = ("口腔诊所", "中医诊所", "内科诊所", "口腔门诊部", "综合门诊部")
_PHARMACY_CITIES = ("310104", "110105", "330106", "430104", "510107", "440106")
DEALER_WITH_DUPLICATES = "上海康泽医疗器械有限公司"


class _Builder:
    """Hands out unique codes, USCCs and store numbers while the institutions are drawn."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.plans: list[InstitutionPlan] = []
        self._codes: Counter[tuple[str, str]] = Counter()
        self._stores: Counter[str] = Counter()
        self._usccs: set[str] = set()

    def add(
        self, kind: InstitutionKind, name: str, district: District, **fields: Any
    ) -> InstitutionPlan:
        prefix = _CODE_PREFIX[kind]
        self._codes[prefix, district.code] += 1
        fields.setdefault("address", self.address(district))
        fields.setdefault("org_path", district.city.org_path)
        fields.setdefault("founded", between(self.rng, date(1995, 1, 1), date(2021, 12, 31)))
        plan = InstitutionPlan(
            code=f"{prefix}-{district.code}-{self._codes[prefix, district.code]:02d}",
            name=name,
            kind=kind,
            district=district,
            **fields,
        )
        self.plans.append(plan)
        return plan

    def address(self, district: District) -> str:
        street = self.rng.choice(district.streets)
        return f"{district.full_name}{street}{self.rng.randint(1, 1888)}号"

    def uscc(self, authority: str, district: District, *, modern: bool = True) -> str:
        while True:
            if authority == _PUBLIC:
                body = "4" + "".join(self.rng.choices("0123456789", k=7))
            elif modern:
                letters = "MJ" if authority == _NON_PROFIT else "MA"
                # USCCs avoid I, O, S, V and Z, so the organisation codes inside them do too.
                body = letters + "".join(self.rng.choices(checksums.USCC_CHARSET, k=6))
            else:
                body = "".join(self.rng.choices("0123456789", k=8))
            code = checksums.uscc(authority, district.code, body)
            if code not in self._usccs:
                self._usccs.add(code)
                return code

    def store_path(self, district: District) -> str:
        city = district.city
        self._stores[city.pinyin] += 1
        return f"{city.org_path}/store-{self._stores[city.pinyin]:02d}"

    def credit(self, ratings: str, low: int, high: int) -> dict[str, Any]:
        step = 10_000
        return {
            "credit_rating": self.rng.choice(ratings.split()),
            "credit_limit": Decimal(self.rng.randint(low // step, high // step) * step),
        }


def _area(street: str) -> str:
    """枫林路 → 枫林: the neighbourhood a road names."""
    for suffix in ("大道", "大街", "路", "街", "桥"):
        street = street.removesuffix(suffix)
    return street.rstrip("东西南北中一二三")


def _hospitals(build: _Builder) -> None:
    rng = build.rng
    for hospital in directory.TOP_HOSPITALS:
        district = places.district(hospital.region_code)
        parent = build.add(
            InstitutionKind.HOSPITAL,
            hospital.name,
            district,
            address=hospital.address,
            grade="三级甲等",
            uscc=build.uscc(_PUBLIC, district),
            tags=["三甲", "教学医院", *(["重点客户"] if rng.random() < 0.4 else [])],
            **build.credit("AAA AA", 3_000_000, 30_000_000),
        )
        for campus in hospital.campuses:
            build.add(
                InstitutionKind.HOSPITAL,
                hospital.name + campus.suffix,
                places.district(campus.region_code),
                address=campus.address,
                grade="三级甲等",
                parent=parent,
                org_path=parent.org_path,
                tags=["分院"],
            )
    for county in places.counties():
        for name, tag in (
            (f"{county.name}人民医院", "县域医共体"),
            (f"{county.name}中医医院", "中医"),
        ):
            build.add(
                InstitutionKind.HOSPITAL,
                name,
                county,
                grade="二级甲等",
                uscc=build.uscc(_PUBLIC, county),
                tags=[tag],
                **build.credit("AA A", 500_000, 5_000_000),
            )
    for district in rng.sample(places.urban_districts(), 8):
        build.add(
            InstitutionKind.HOSPITAL,
            f"{district.full_name}中心医院",
            district,
            grade=rng.choice(("二级甲等", "二级甲等", "二级乙等")),
            uscc=build.uscc(_PUBLIC, district),
            tags=["区域医疗中心"],
            **build.credit("AA A", 500_000, 3_000_000),
        )


def _clinics(build: _Builder) -> None:
    rng = build.rng
    spots = [(d, s) for d in places.urban_districts() for s in d.streets]
    for district, street in rng.sample(spots, 20):
        build.add(
            InstitutionKind.CLINIC,
            f"{district.full_name}{_area(street)}社区卫生服务中心",
            district,
            address=f"{district.full_name}{street}{rng.randint(1, 888)}号",
            uscc=build.uscc(_PUBLIC, district),
            tags=["基层医疗"],
            **build.credit("A BBB", 50_000, 300_000),
        )
    brands = rng.sample(names.CLINIC_BRANDS, 10)
    for brand in brands:
        district = rng.choice(places.urban_districts())
        authority = rng.choice((_NON_PROFIT, _SOLE_TRADER))
        build.add(
            InstitutionKind.CLINIC,
            f"{district.city.short}{district.short}{brand}{rng.choice(_CLINIC_FORMS)}",
            district,
            uscc=build.uscc(authority, district),
            tags=["民营"],
            **build.credit("A BBB BB", 30_000, 200_000),
        )


def _distributors(build: _Builder) -> None:
    rng = build.rng
    build.add(
        InstitutionKind.DISTRIBUTOR,
        DEALER_WITH_DUPLICATES,
        places.district("310104"),
        address="上海市徐汇区漕溪北路595号A座1203室",
        uscc=build.uscc(_COMPANY, places.district("310104")),
        founded=date(2012, 6, 18),
        tags=["一级经销商", "华东"],
        credit_rating="AA",
        credit_limit=Decimal("5000000.00"),
    )
    brands = [brand for brand in names.BRANDS if brand != "康泽"]
    for brand in rng.sample(brands, 23):
        district = rng.choice(places.urban_districts())
        form = rng.choice(_DISTRIBUTOR_FORMS)
        founded = between(rng, date(2003, 1, 1), date(2021, 12, 31))
        build.add(
            InstitutionKind.DISTRIBUTOR,
            form.format(city=district.city.short, brand=brand),
            district,
            uscc=build.uscc(_COMPANY, district, modern=founded.year >= 2015),
            founded=founded,
            tags=[rng.choice(("一级经销商", "二级经销商", "平台商"))],
            **build.credit("AAA AA A BBB BB", 500_000, 8_000_000),
        )


def _pharmacies(build: _Builder) -> None:
    rng = build.rng
    for brand, code in zip(names.PHARMACY_BRANDS, _PHARMACY_CITIES, strict=True):
        home = places.district(code)
        founded = between(rng, date(1998, 1, 1), date(2012, 12, 31))
        chain = build.add(
            InstitutionKind.RETAIL_PHARMACY,
            f"{home.city.short}{brand}大药房连锁有限公司",
            home,
            uscc=build.uscc(_COMPANY, home, modern=False),
            founded=founded,
            tags=["连锁"],
            **build.credit("AA A", 1_000_000, 5_000_000),
        )
        city_districts = [d for d in places.urban_districts() if d.city == home.city]
        spots = [(d, s) for d in city_districts for s in d.streets]
        for district, street in rng.sample(spots, rng.randint(4, 6)):
            build.add(
                InstitutionKind.RETAIL_PHARMACY,
                f"{chain.name}{district.short}{street}店",
                district,
                address=f"{district.full_name}{street}{rng.randint(1, 999)}号",
                uscc=build.uscc(_COMPANY, district),
                parent=chain,
                org_path=build.store_path(district),
                founded=between(rng, max(founded, date(2010, 1, 1)), date(2022, 12, 31)),
                tags=["门店", *(["DTP药房"] if rng.random() < 0.15 else [])],
            )


def _makers_and_others(build: _Builder) -> None:
    rng = build.rng
    for maker in MANUFACTURERS:
        district = places.district(maker.region_code)
        build.add(
            InstitutionKind.MANUFACTURER,
            maker.name,
            district,
            address=maker.address,
            uscc=build.uscc(_COMPANY, district, modern=False),
            founded=between(rng, date(1991, 1, 1), date(2011, 12, 31)),
            tags=["生产企业", "供应商"],
        )
    for name, code, address, public in directory.OTHER_BODIES:
        district = places.district(code)
        build.add(
            InstitutionKind.OTHER,
            name,
            district,
            address=address,
            uscc=build.uscc(_PUBLIC if public else _COMPANY, district),
            tags=["检验机构"],
        )


def institutions(rng: random.Random) -> tuple[list[InstitutionPlan], list[InstitutionPlan]]:
    """About 200 institutions in a dozen provinces, and duplicates other systems made of a few.

    Parents come before their branches and stores. The duplicates (the dedup tour) are
    returned apart, because they have no papers, devices or contracts of their own.
    """
    build = _Builder(rng)
    _hospitals(build)
    _clinics(build)
    _distributors(build)
    _pharmacies(build)
    _makers_and_others(build)
    originals = list(build.plans)
    _duplicates(build)
    dupes = build.plans[len(originals) :]
    _assign_sources(rng, originals, dupes)
    return originals, dupes


def _duplicates(build: _Builder) -> None:
    xuhui = places.district("310104")
    hospital, dealer = InstitutionKind.HOSPITAL, InstitutionKind.DISTRIBUTOR
    build.add(hospital, "上海中山医院", xuhui, address="上海市徐汇区枫林路180号", grade="三级甲等")
    build.add(hospital, f"{directory.ZHONGSHAN}（徐汇院区）", xuhui, address="徐汇区枫林路180号")
    build.add(dealer, "上海康泽医疗器械", xuhui, address="上海市徐汇区漕溪北路595号A座")
    build.add(
        dealer, "上海康澤醫療器械有限公司", xuhui, address="上海市徐匯區漕溪北路595號A座1203室"
    )


def _assign_sources(
    rng: random.Random, originals: list[InstitutionPlan], dupes: list[InstitutionPlan]
) -> None:
    # The main 中山医院 record is CRM account 8812 and WMS customer C-001; each duplicate
    # comes from one source system, which is how it got into the hub a second time.
    crm_ids = iter(rng.sample([n for n in range(1001, 9999) if n != 8812], len(originals) + 4))
    wms_numbers = iter(range(2, 1000))
    for plan in originals:
        if plan.kind in (InstitutionKind.MANUFACTURER, InstitutionKind.OTHER):
            continue
        if plan.name == directory.ZHONGSHAN:
            plan.sources += [SourceKey("crm", "8812"), SourceKey("wms", "C-001")]
            continue
        if plan.parent is None and rng.random() < 0.75:
            plan.sources.append(SourceKey("crm", str(next(crm_ids))))
        if plan.kind is not InstitutionKind.CLINIC and rng.random() < 0.5:
            plan.sources.append(SourceKey("wms", f"C-{next(wms_numbers):03d}"))
    for dupe, system in zip(dupes, ("crm", "wms", "wms", "crm"), strict=True):
        source_id = str(next(crm_ids)) if system == "crm" else f"C-{next(wms_numbers):03d}"
        dupe.sources.append(SourceKey(system, source_id))
