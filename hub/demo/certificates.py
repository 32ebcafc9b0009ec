"""Qualification papers: licences, filings and registrations, and a few personal documents."""

import random
from datetime import date

from hub.db.enums import CertificateKind, ContactRole, InstitutionKind, ReviewStatus
from hub.demo import places
from hub.demo.catalogue import MANUFACTURERS, PRODUCTS
from hub.demo.dates import add_years, between, days
from hub.demo.institutions import DEALER_WITH_DUPLICATES
from hub.demo.plan import CertificatePlan, ContactPlan, InstitutionPlan

_K = CertificateKind
_REVIEW_WEIGHTS = {
    ReviewStatus.APPROVED: 80,
    ReviewStatus.FIRST_APPROVED: 7,
    ReviewStatus.SUBMITTED: 8,
    ReviewStatus.REJECTED: 5,
}
_CLASS_III = ("01", "03", "06", "07", "08", "10", "12", "13", "14", "16", "22")
_CLASS_II = ("06", "07", "08", "09", "11", "14", "15", "18", "19", "20", "22")
# Licences issued before the 2017 catalogue took effect (2018-08-01) list 2002 codes.
_CLASS_III_2002 = ("6815", "6821", "6822", "6823", "6825", "6830", "6846", "6854", "6866", "6877")
_RETAIL_CLASS_II = ["07", "08", "14", "18", "22"]
_CONTACT_LENSES = ["16"]


class _Papers:
    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.plans: list[CertificatePlan] = []
        self._serials: set[str] = set()

    def review(self) -> ReviewStatus:
        statuses = list(_REVIEW_WEIGHTS)
        return self.rng.choices(statuses, weights=list(_REVIEW_WEIGHTS.values()))[0]

    def validity(self, years: int) -> tuple[date, date]:
        """A validity period: most current, some expiring within 90 days, some expired."""
        rng, today = self.rng, self.today
        roll = rng.random()
        if roll < 0.1:
            valid_to = today + days(rng.randint(1, 89))
        elif roll < 0.17:
            valid_to = today - days(rng.randint(1, 400))
        else:
            valid_to = today + days(rng.randint(90, years * 365 - 30))
        return add_years(valid_to, -years) + days(1), valid_to

    def serial(self, prefix: str) -> str:
        """A licence number: the prefix, then a sequence not used with it before."""
        while True:
            number = f"{prefix}{self.rng.randint(1, 1999):04d}号"
            if number not in self._serials:
                self._serials.add(number)
                return number

    def add(
        self,
        holder: InstitutionPlan | ContactPlan,
        kind: CertificateKind,
        number: str,
        issuer: str,
        valid: tuple[date | None, date | None],
        scope: dict[str, list[str]] | None = None,
        review: ReviewStatus | None = None,
    ) -> None:
        if isinstance(holder, InstitutionPlan):
            document = f"certificates/{holder.code}/{kind.value.lower()}.pdf"
        else:
            folder = f"certificates/{holder.institution.code}"
            document = f"{folder}/contact-{holder.number}-{kind.value.lower()}.pdf"
        self.plans.append(
            CertificatePlan(
                holder, kind, number, issuer, *valid, review or self.review(), scope or {}, document
            )
        )


def _agency(year: int) -> str:
    """How licence numbers abbreviate the drug regulator that issued them in that year."""
    # Market regulation bureaux absorbed the food and drug bureaux in the 2018-19 reform.
    return "食药监" if year < 2019 else "市监"


def _regulator(place: InstitutionPlan, year: int) -> str:
    """The city's (a municipality's district's) drug regulator in that year."""
    bureau = "食品药品监督管理局" if year < 2019 else "市场监督管理局"
    district = place.district
    if district.city.is_municipality:
        return district.authority(bureau)
    return district.city.name + bureau


def _legal_papers(papers: _Papers, place: InstitutionPlan) -> None:
    if place.uscc is None:
        return
    rng, district = papers.rng, place.district
    authority = place.uscc[:2]
    if authority == "12":
        level = district.city.province if place.grade == "三级甲等" else district.city.name
        issuer = f"{level}事业单位登记管理局"
        papers.add(place, _K.REGISTRATION_CERTIFICATE, place.uscc, issuer, papers.validity(5))
    elif authority == "52":
        issuer = district.authority("民政局")
        papers.add(place, _K.REGISTRATION_CERTIFICATE, place.uscc, issuer, papers.validity(5))
    else:
        term_ends = add_years(place.founded, 30) - days(1)
        valid_to = term_ends if term_ends > papers.today and rng.random() < 0.3 else None
        issuer = district.authority("市场监督管理局")
        valid = (place.founded, valid_to)
        approved = ReviewStatus.APPROVED
        papers.add(place, _K.BUSINESS_LICENSE, place.uscc, issuer, valid, review=approved)


def _practice_licence(papers: _Papers, place: InstitutionPlan) -> None:
    legal_entity = place.parent or place
    if legal_entity.uscc is None:
        return
    district, public = place.district, legal_entity.uscc.startswith("12")
    if place.kind is InstitutionKind.CLINIC:
        category = "B1" if "社区" in place.name else "D1"
    else:
        category = "A2" if "中医" in place.name else "A1"
    campus = 1 if place.parent is None else 2 + papers.rng.randint(0, 7)
    # Registration number: organisation code, region, economic type, category, campus.
    economy = "11" if public else "19"
    number = f"{legal_entity.uscc[8:17]}{district.code}{economy}{category}{campus:03d}"
    if place.grade == "三级甲等":
        issuer = f"{district.city.province}卫生健康委员会"
    else:
        body = "卫生健康委员会" if district.city.is_municipality else "卫生健康局"
        issuer = district.authority(body)
    years = 5 if place.kind is InstitutionKind.CLINIC else 15
    papers.add(place, _K.PRACTICE_LICENSE, number, issuer, papers.validity(years))


def _trading_papers(papers: _Papers, place: InstitutionPlan, dealer_scope: list[str]) -> None:
    rng, today = papers.rng, papers.today
    retail = place.kind is InstitutionKind.RETAIL_PHARMACY
    prefix = place.district.licence_prefix
    if retail or rng.random() < 0.9:
        filed = between(rng, add_years(today, -8), today - days(30))
        issuer = _regulator(place, filed.year)
        number = papers.serial(f"{prefix}{_agency(filed.year)}械经营备{filed.year}")
        categories = (
            _RETAIL_CLASS_II if retail else sorted(rng.sample(_CLASS_II, rng.randint(4, 8)))
        )
        scope = {"deviceClasses": ["II"], "categories": categories}
        papers.add(place, _K.CLASS_II_FILING, number, issuer, (filed, None), scope)
    if not dealer_scope or (retail and rng.random() > 0.3):
        return
    valid = papers.validity(5)
    first_issued = valid[0].year - (5 if rng.random() < 0.3 else 0)  # the number survives renewal
    issuer = _regulator(place, valid[0].year)
    number = papers.serial(f"{prefix}{_agency(first_issued)}械经营许{first_issued}")
    scope = {"deviceClasses": ["III"], "categories": dealer_scope}
    papers.add(place, _K.OPERATION_LICENSE, number, issuer, valid, scope)


def _dealer_scope(rng: random.Random, place: InstitutionPlan) -> list[str]:
    """What a dealer's Class III licence covers; empty when it holds none."""
    if place.kind is InstitutionKind.RETAIL_PHARMACY:
        return _CONTACT_LENSES
    if place.name == DEALER_WITH_DUPLICATES:
        return ["06", "07", "08"]
    roll = rng.random()
    if roll < 0.25:
        return []
    if roll < 0.4:
        return sorted(rng.sample(_CLASS_III_2002, rng.randint(3, 6)))
    return sorted(rng.sample(_CLASS_III, rng.randint(3, 7)))


def _production_licence(papers: _Papers, place: InstitutionPlan) -> None:
    maker = next(m for m in MANUFACTURERS if m.name == place.name)
    products = [p for p in PRODUCTS if p.maker is maker]
    valid = papers.validity(5)
    province = place.district.licence_prefix[0]
    # Provincial drug administrations took over production licences in the 2018-19 reform.
    agency = "食药监" if valid[0].year < 2019 else "药监"
    number = papers.serial(f"{province}{agency}械生产许{valid[0].year}")
    issuer = f"{place.district.city.province}药品监督管理局"
    scope = {
        "deviceClasses": sorted({p.device_class.value for p in products}),
        "categories": sorted({p.category_code[:2] for p in products}),
    }
    papers.add(place, _K.OTHER, number, issuer, valid, scope, ReviewStatus.APPROVED)


def _personal_papers(papers: _Papers, contact: ContactPlan) -> None:
    rng = papers.rng
    if contact.id_number and rng.random() < 0.5:
        birthplace = places.DISTRICTS.get(contact.id_number[:6], contact.institution.district)
        issuer = f"{birthplace.city.name}公安局{birthplace.short}分局"
        papers.add(contact, _K.ID_CARD, contact.id_number, issuer, papers.validity(20))
    if contact.role is ContactRole.AUTHORISED_AGENT:
        valid = papers.validity(1)
        number = papers.serial(f"SQ{valid[0]:%Y}")
        papers.add(contact, _K.AUTHORISATION_LETTER, number, contact.institution.name, valid)


def certificates(
    rng: random.Random, today: date, originals: list[InstitutionPlan], contacts: list[ContactPlan]
) -> list[CertificatePlan]:
    """The papers each kind of institution must hold (DESIGN §4), in every review state."""
    papers = _Papers(rng, today)
    trading = (InstitutionKind.DISTRIBUTOR, InstitutionKind.RETAIL_PHARMACY)
    for place in originals:
        _legal_papers(papers, place)
        if place.kind in (InstitutionKind.HOSPITAL, InstitutionKind.CLINIC):
            _practice_licence(papers, place)
        elif place.kind in trading:
            _trading_papers(papers, place, _dealer_scope(rng, place))
        elif place.kind is InstitutionKind.MANUFACTURER:
            _production_licence(papers, place)
    for contact in contacts:
        if contact.institution.kind in trading:
            _personal_papers(papers, contact)
    return papers.plans
