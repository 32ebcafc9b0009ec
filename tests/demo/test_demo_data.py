"""The demo data set: loaded once per module into a SQLite file, then checked value by value."""

import re
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import aliased

from hub.authz.api_keys import identify
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import (
    CertificateKind,
    ContactRole,
    ContractKind,
    ContractStatus,
    InstitutionKind,
    LoanStatus,
    ReviewStatus,
    Role,
    TicketStatus,
)
from hub.db.listing import unrestricted
from hub.db.models import (
    Base,
    Batch,
    Certificate,
    Contact,
    Contract,
    CreditProfile,
    CreditRequest,
    DemoLoan,
    Department,
    Device,
    DeviceModel,
    Institution,
    Interaction,
    Receivable,
    SourceRecord,
    Ticket,
    TrainingAttendee,
    contract_device,
)
from hub.demo.generator import generate
from hub.demo.loader import prepare_demo
from hub.dock import authorisation_chain
from hub.quality import clock
from hub.quality.customer_rules import load_customer_rules
from hub.store import follow_ups, maintenance_due, service_metrics, timeline
from hub.store.maintenance_due import DueReason
from hub.store.service_metrics import MetricsGroup
from tests import demo_copies

# One worker runs the module, so its module-scoped demo is copied and prepared once.
pytestmark = pytest.mark.xdist_group("demo-data")

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
HRI_UDI = re.compile(r"^\(01\)(\d{14})\(11\)(\d{6})\(17\)(\d{6})\(10\)([^()]+)\(21\)([^()]+)$")


def uscc_is_valid(code: str) -> bool:
    """GB 32100: weight 3^i mod 31 per position, check = (31 - sum mod 31) mod 31."""
    if len(code) != 18 or any(c not in USCC_CHARS for c in code):
        return False
    total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(code[:17]))
    return USCC_CHARS[(31 - total % 31) % 31] == code[17]


def id_number_is_valid(number: str) -> bool:
    """GB 11643: weight 2^(17-i) mod 11 per digit; the sum mod 11 indexes '10X98765432'."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(number[:17]))
    return "10X98765432"[total % 11] == number[17]


def gtin_is_valid(gtin: str) -> bool:
    """GS1 mod 10 over all digits, check digit included, with weights 1, 3 from the right."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(reversed(gtin)))
    return total % 10 == 0


@dataclass
class LoadedDemo:
    database: Database
    first_keys: dict[str, str]
    second_keys: dict[str, str]
    counts_after_first: dict[str, int]
    counts_after_second: dict[str, int]


async def _row_counts(database: Database) -> dict[str, int]:
    async with database.reader() as session:
        return {
            table.name: (
                await session.execute(select(func.count()).select_from(table))
            ).scalar_one()
            for table in Base.metadata.sorted_tables
            if table.name != "audit_event"  # key rotation is audited, so this one grows
        }


@pytest.fixture(scope="module")
async def demo(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LoadedDemo]:
    """The demo as `hub demo --reset` loads it (loaded once per run, copied here), then
    prepared a second time."""
    url = await demo_copies.copy("sqlite", tmp_path_factory.mktemp("demo"), None)
    settings = Settings(database_url=url)
    first_keys = (await prepare_demo(settings, reset=False)).keys
    database = Database(settings.database_url)
    try:
        counts_after_first = await _row_counts(database)
        second_keys = (await prepare_demo(settings, reset=False)).keys
        counts_after_second = await _row_counts(database)
        yield LoadedDemo(database, first_keys, second_keys, counts_after_first, counts_after_second)
    finally:
        await database.dispose()


async def _all(demo: LoadedDemo, statement: Select[Any]) -> list[Row[Any]]:
    async with demo.database.reader() as session:
        return list((await session.execute(statement)).all())


async def test_counts_look_like_a_customer_base(demo: LoadedDemo) -> None:
    counts = demo.counts_after_first
    assert 190 <= counts["institution"] <= 215
    assert 500 <= counts["contact"] <= 750
    assert counts["device"] == 2000
    assert counts["device_model"] >= 20
    assert counts["batch"] >= 3 * counts["device_model"]
    assert counts["contract"] >= 300
    assert counts["contract_device"] >= 2000
    assert counts["certificate"] >= 300
    assert counts["ticket"] >= 100
    assert counts["source_record"] >= 100
    assert counts["api_key"] == len(Role)


async def test_institutions_span_provinces_and_every_kind(demo: LoadedDemo) -> None:
    rows = await _all(demo, select(Institution.region_code, Institution.kind, Institution.org_path))
    assert len({region[:2] for region, _, _ in rows}) >= 10
    assert {kind for _, kind, _ in rows} == set(InstitutionKind)
    assert all(re.fullmatch(r"\d{6}", region) for region, _, _ in rows)
    regions = {path.split("/")[1] for _, _, path in rows}
    assert regions == {"east", "north", "south", "west", "central"}


async def test_hospitals_have_campuses_and_chains_have_stores(demo: LoadedDemo) -> None:
    parent = aliased(Institution)
    statement = select(Institution.name, Institution.kind, Institution.org_path, parent).join(
        parent, Institution.parent_id == parent.id
    )
    children = await _all(demo, statement)
    campuses = [name for name, kind, _, p in children if p.name == "复旦大学附属中山医院"]
    # Names are NFKC-normalised on write, so the campus brackets are stored half-width.
    assert campuses and all(name.startswith("复旦大学附属中山医院(") for name in campuses)
    stores = [(path, p) for _, kind, path, p in children if kind is InstitutionKind.RETAIL_PHARMACY]
    assert len(stores) >= 20
    for path, chain in stores:
        assert chain.name.endswith("大药房连锁有限公司")
        assert re.fullmatch(re.escape(chain.org_path) + r"/store-\d\d", path)


async def test_usccs_have_valid_check_characters(demo: LoadedDemo) -> None:
    rows = await _all(demo, select(Institution.uscc, Institution.kind, Institution.region_code))
    usccs = [(uscc, kind, region) for uscc, kind, region in rows if uscc]
    assert len(usccs) >= 150
    assert all(uscc_is_valid(uscc) for uscc, _, _ in usccs), [u for u, _, _ in usccs]
    assert all(uscc[2:8] == region for uscc, _, region in usccs)
    dealers = [uscc for uscc, kind, _ in usccs if kind is InstitutionKind.DISTRIBUTOR]
    assert all(uscc.startswith("91") for uscc in dealers)
    hospital_prefixes = {uscc[:2] for uscc, kind, _ in usccs if kind is InstitutionKind.HOSPITAL}
    assert hospital_prefixes == {"12"}


async def test_only_legal_representatives_carry_valid_id_numbers(demo: LoadedDemo) -> None:
    rows = await _all(demo, select(Contact.role, Contact.id_number, Contact.mobile, Contact.email))
    with_id = [(role, number) for role, number, _, _ in rows if number]
    assert len(with_id) >= 100
    assert {role for role, _ in with_id} == {ContactRole.LEGAL_REPRESENTATIVE}
    assert all(id_number_is_valid(number) for _, number in with_id)
    assert {role for role, *_ in rows} == set(ContactRole)
    mobiles = [mobile for _, _, mobile, _ in rows if mobile]
    assert all(re.fullmatch(r"1[3589]\d{9}", mobile) for mobile in mobiles)
    emails = [email for *_, email in rows if email]
    assert len(emails) > len(rows) // 3
    assert all(re.fullmatch(r"[a-z0-9.]+@[a-z0-9.]+\.(com|cn)", email) for email in emails)


async def test_udis_agree_with_model_batch_and_serial(demo: LoadedDemo) -> None:
    statement = (
        select(Device, DeviceModel, Batch)
        .join(DeviceModel, Device.device_model_id == DeviceModel.id)
        .join(Batch, Device.batch_id == Batch.id)
    )
    rows = await _all(demo, statement)
    assert len(rows) == 2000
    for device, model, batch in rows:
        match = HRI_UDI.match(device.udi)
        assert match, device.udi
        gtin, made, expires, lot, serial = match.groups()
        assert gtin == model.udi_di and gtin_is_valid(gtin)
        assert made == f"{batch.manufactured_on:%y%m%d}"
        assert expires == f"{batch.expires_on:%y%m%d}"
        assert (lot, serial) == (batch.lot_number, device.serial_number)


async def test_device_models_cover_classes_and_categories(demo: LoadedDemo) -> None:
    rows = await _all(
        demo,
        select(
            DeviceModel.device_class, DeviceModel.category_code, DeviceModel.registration_number
        ),
    )
    assert {cls.value for cls, _, _ in rows} == {"I", "II", "III"}
    assert len({category[:2] for _, category, _ in rows}) >= 8
    for cls, _, number in rows:
        if cls.value == "III":
            assert re.fullmatch(r"国械注准20\d\d3\d{6}", number)
        elif cls.value == "II":
            assert re.fullmatch(r"[沪粤苏鲁]械注准20\d\d2\d{6}", number)
        else:
            assert re.fullmatch(r"[沪粤苏][\u4e00-\u9fff]械备20\d{6}号", number)


async def test_service_dates_leave_work_for_the_service_desk(demo: LoadedDemo) -> None:
    today = clock.today()
    rows = await _all(demo, select(Device.warranty_ends_on, Device.next_maintenance_on))
    soon = [ends for ends, _ in rows if ends and today <= ends < today + timedelta(days=90)]
    overdue = [due for _, due in rows if due and due < today]
    assert len(soon) >= 20
    assert overdue


async def test_certificates_include_expiring_and_expired(demo: LoadedDemo) -> None:
    today = clock.today()
    rows = await _all(demo, select(Certificate, Institution.uscc).outerjoin(Institution))
    certificates = [certificate for certificate, _ in rows]
    expiring = [
        c for c in certificates if c.valid_to and today <= c.valid_to < today + timedelta(90)
    ]
    expired = [c for c in certificates if c.valid_to and c.valid_to < today]
    assert len(expiring) >= 5 and len(expired) >= 5
    assert {c.review_status for c in certificates} == set(ReviewStatus)
    kinds = {c.kind for c in certificates}
    assert kinds >= {
        CertificateKind.BUSINESS_LICENSE,
        CertificateKind.OPERATION_LICENSE,
        CertificateKind.CLASS_II_FILING,
        CertificateKind.PRACTICE_LICENSE,
    }
    for certificate, uscc in rows:
        if certificate.kind is CertificateKind.BUSINESS_LICENSE:
            assert certificate.number == uscc
        if certificate.kind is CertificateKind.OPERATION_LICENSE:
            assert re.fullmatch(r"\w{2}(食药监|市监)械经营许20\d{6}号", certificate.number)
            assert certificate.scope["deviceClasses"] == ["III"]
        if certificate.kind is CertificateKind.CLASS_II_FILING:
            assert certificate.valid_to is None
            assert "械经营备" in certificate.number


async def test_contracts_cover_devices_with_exact_amounts(demo: LoadedDemo) -> None:
    contracts = [row for (row,) in await _all(demo, select(Contract))]
    assert {c.kind for c in contracts} == set(ContractKind)
    assert all(re.fullmatch(r"HT-20\d\d-\d{4}", c.number) for c in contracts)
    assert all(c.number[3:7] == str(c.starts_on.year) for c in contracts)
    assert all(isinstance(c.amount, Decimal) and c.amount > 0 for c in contracts)
    covered = await _all(
        demo, select(contract_device.c.contract_id, func.count()).group_by("contract_id")
    )
    with_devices = {contract_id for contract_id, _ in covered}
    kinds_with_devices = {c.kind for c in contracts if c.id in with_devices}
    assert kinds_with_devices == {ContractKind.SALES, ContractKind.SERVICE}


async def test_tickets_reach_every_status_through_the_workflow(demo: LoadedDemo) -> None:
    tickets = [row for (row,) in await _all(demo, select(Ticket))]
    assert {t.status for t in tickets} == set(TicketStatus)
    for ticket in tickets:
        if ticket.status not in (TicketStatus.OPEN, TicketStatus.CANCELLED):
            assert ticket.assignee or ticket.status is TicketStatus.ARCHIVED
        if ticket.status in (TicketStatus.RESOLVED, TicketStatus.CLOSED):
            assert ticket.resolution and ticket.resolved_at
        assert ticket.due_at and ticket.due_at >= ticket.opened_at


async def test_duplicates_and_source_ids_for_the_dedup_tour(demo: LoadedDemo) -> None:
    rows = await _all(demo, select(Institution.name, Institution.parent_id))
    top_level = {name for name, parent in rows if parent is None}
    assert {
        "复旦大学附属中山医院",
        "上海中山医院",
        "复旦大学附属中山医院(徐汇院区)",  # typed full-width, stored NFKC
        "上海康泽医疗器械有限公司",
        "上海康泽医疗器械",
        "上海康澤醫療器械有限公司",
    } <= top_level
    links = await _all(
        demo,
        select(SourceRecord.source_system, SourceRecord.source_id, Institution.name).join(
            Institution, SourceRecord.entity_id == Institution.id
        ),
    )
    by_source = {(system, source_id): name for system, source_id, name in links}
    assert by_source["crm", "8812"] == "复旦大学附属中山医院"
    assert by_source["wms", "C-001"] == "复旦大学附属中山医院"
    assert {system for system, _ in by_source} == {"crm", "wms"}
    shared = await _all(
        demo,
        select(Contact.mobile, func.count())
        .where(Contact.mobile.is_not(None))
        .group_by(Contact.mobile)
        .having(func.count() > 1),
    )
    assert len(shared) >= 2


async def test_second_run_adds_nothing_and_issues_new_working_keys(demo: LoadedDemo) -> None:
    assert demo.counts_after_second == demo.counts_after_first
    assert set(demo.first_keys) == set(demo.second_keys) == {role.value for role in Role}
    async with demo.database.reader() as session:
        for role in Role:
            old, new = demo.first_keys[role.value], demo.second_keys[role.value]
            assert old != new
            assert await identify(session, old) is None
            identity = await identify(session, new)
            assert identity is not None
            assert (identity.subject, identity.roles) == (f"demo-{role.value}", (role,))
            expected_path = "cn/east/shanghai" if role is Role.SALES else "cn"
            assert identity.org_path == expected_path


def test_generation_is_deterministic() -> None:
    def fingerprint(seed: int, today: date) -> list[tuple[str, str, str | None]]:
        return [(p.code, p.name, p.uscc) for p in generate(today, seed).institutions]

    day = date(2026, 3, 1)
    assert fingerprint(7, day) == fingerprint(7, day)
    assert fingerprint(7, day) == fingerprint(7, day + timedelta(days=200))
    assert fingerprint(7, day) != fingerprint(8, day)
    first, again = generate(day, 7), generate(day, 7)
    assert [d.udi for d in first.devices] == [d.udi for d in again.devices]
    assert [c.number for c in first.certificates] == [c.number for c in again.certificates]


# The dedup tour's duplicates: bare records, merged away in the tour.
_TOUR_DUPLICATES = ("HOS-310104-04", "HOS-310104-05", "DIS-310104-02", "DIS-310104-03")


async def test_every_distributor_has_a_chain_and_one_link_is_broken(demo: LoadedDemo) -> None:
    monitor = (
        await _all(demo, select(DeviceModel).where(DeviceModel.name.contains("BeneVision N12")))
    )[0][0]
    dealers = await _all(
        demo,
        select(Institution).where(
            Institution.kind == InstitutionKind.DISTRIBUTOR,
            Institution.code.not_in(_TOUR_DUPLICATES),
        ),
    )
    broken = {}
    async with demo.database.reader() as session:
        for (dealer,) in dealers:
            chain = await authorisation_chain.walk(
                session, dealer, monitor, dealer.region_code, clock.today()
            )
            if not chain.complete:
                broken[dealer.code] = (chain.broken.position, chain.broken.status.value)
    assert len(dealers) >= 20
    assert broken == {"DIS-420102-01": (1, "EXPIRED"), "DIS-420111-01": (2, "EXPIRED")}


async def test_demo_units_are_out_on_loan_and_one_is_overdue(demo: LoadedDemo) -> None:
    loans = [row[0] for row in await _all(demo, select(DemoLoan))]
    statuses = sorted(loan.status.value for loan in loans)
    assert statuses == ["APPROVED", "APPROVED", "APPROVED", "REQUESTED", "RETURNED", "RETURNED"]
    overdue = [
        loan
        for loan in loans
        if loan.status is LoanStatus.APPROVED and loan.due_back_on < clock.today()
    ]
    assert len(overdue) == 1
    assert all(loan.approved_by != loan.requested_by for loan in loans if loan.approved_by)
    units = [loan.device_id for loan in loans]
    travelled = max(set(units), key=units.count)
    assert len({loan.institution_id for loan in loans if loan.device_id == travelled}) == 3


async def test_every_hospital_and_distributor_has_a_timeline(demo: LoadedDemo) -> None:
    places = await _all(
        demo,
        select(Institution.id).where(
            Institution.kind.in_([InstitutionKind.HOSPITAL, InstitutionKind.DISTRIBUTOR]),
            Institution.code.not_in(_TOUR_DUPLICATES),
        ),
    )
    ids = [row[0] for row in places]
    everything = timeline.Visible(timeline.SOURCES, frozenset())
    async with demo.database.reader() as session:
        totals, _ = await timeline.page(
            session, ids, timeline.Window(), everything, unrestricted, 0, 0
        )
    assert set(totals) == set(ids)
    assert min(totals.values()) >= 1


async def test_every_hospital_and_clinic_has_departments(demo: LoadedDemo) -> None:
    customers = select(Institution.id).where(
        Institution.kind.in_([InstitutionKind.HOSPITAL, InstitutionKind.CLINIC])
    )
    with_departments = select(Department.institution_id).distinct()
    rows = await _all(demo, customers.where(Institution.id.not_in(with_departments)))
    assert rows == []
    codes = {code for (code,) in await _all(demo, select(Department.code).distinct())}
    assert {"A01", "A02", "03.04", "28", "32"} <= codes


async def test_a_year_of_interactions_with_follow_ups_due(demo: LoadedDemo) -> None:
    span = await _all(
        demo, select(func.min(Interaction.occurred_at), func.max(Interaction.occurred_at))
    )
    first, last = span[0]
    assert (last - first).days >= 300
    assert demo.counts_after_first["interaction"] >= 500
    assert demo.counts_after_first["interaction_participant"] >= 500
    async with demo.database.reader() as session:
        found = await follow_ups.findings(
            session,
            load_customer_rules(),
            clock.today(),
            0,
            [
                follow_ups.FOLLOW_UP_DUE,
                follow_ups.COMPLAINT_UNANSWERED,
                follow_ups.KEY_ACCOUNT_QUIET,
                follow_ups.TRAINING_GAP,
            ],
        )
    kinds = Counter(finding.kind for finding in found)
    assert kinds[follow_ups.COMPLAINT_UNANSWERED] == 1
    assert kinds[follow_ups.KEY_ACCOUNT_QUIET] >= 1
    assert kinds[follow_ups.FOLLOW_UP_DUE] >= 1
    assert 1 <= kinds[follow_ups.TRAINING_GAP] <= 5


async def test_trainings_issue_valid_operator_certificates(demo: LoadedDemo) -> None:
    assert demo.counts_after_first["training"] >= 20
    rows = await _all(
        demo, select(TrainingAttendee.certificate_number, TrainingAttendee.certificate_expires_on)
    )
    assert all(number and expires > clock.today() for number, expires in rows)


async def test_credit_accounts_stand_in_every_tier(demo: LoadedDemo) -> None:
    statement = (
        select(CreditProfile.credit_status, func.count())
        .group_by(CreditProfile.credit_status)
        .order_by(CreditProfile.credit_status)
    )
    tiers = {status.value: count for status, count in await _all(demo, statement)}
    assert tiers == {"HOLD": 4, "NORMAL": 2, "WARNING": 2}
    waiting = await _all(
        demo,
        select(CreditRequest.kind, CreditRequest.review_status).where(
            CreditRequest.review_status == ReviewStatus.SUBMITTED
        ),
    )
    assert [(kind.value, status.value) for kind, status in waiting] == [("CHANGE", "SUBMITTED")]
    overdue = await _all(
        demo, select(Receivable.document_number).where(Receivable.due_on < clock.today())
    )
    assert len(overdue) == 3


async def test_a_year_of_service_history_fills_every_kpi(demo: LoadedDemo) -> None:
    now = datetime.now(UTC)
    async with demo.database.reader() as session:
        regions = await service_metrics.compute(
            session, MetricsGroup.REGION, now - timedelta(days=365), now
        )
    assert len(regions) >= 10
    resolved = sum(region.resolved for region in regions)
    assert resolved >= 500
    for region in regions:
        assert region.mean_resolution_minutes and region.p90_resolution_minutes
        assert region.p90_resolution_minutes >= region.mean_resolution_minutes * 0.5
    first_fixes = sum(region.first_time_fixes for region in regions) / resolved
    attained = sum(r.sla_met for r in regions) / sum(r.sla_measured for r in regions)
    assert 0.6 < first_fixes < 0.95
    assert 0.6 < attained < 0.98
    assert sum(region.repeat_failures for region in regions) >= 5
    assert all(3.0 < (region.mean_satisfaction or 0) < 5.0 for region in regions)


async def test_planned_devices_are_due_as_their_plan_says(demo: LoadedDemo) -> None:
    async with demo.database.reader() as session:
        schedule = await maintenance_due.schedule(session, clock.today())
    planned = [due for due in schedule if due.plan is not None]
    assert len({due.plan.id for due in planned if due.plan}) >= 10
    assert all(due.device.next_maintenance_on == due.due_on for due in planned)
    reasons = {due.reason for due in planned}
    assert reasons == {DueReason.INTERVAL_DAYS, DueReason.USAGE}
    assert any(due.due_on < clock.today() for due in planned)
    services = [row for (row,) in await _all(demo, select(Contract))]
    assert all(
        c.service_levels
        for c in services
        if c.kind is ContractKind.SERVICE and c.status is not ContractStatus.TERMINATED
    )
