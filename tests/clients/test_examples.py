"""The scripts in clients/examples, run as a user would run them, against a live hub."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
from hub_client import HubClient, iter_nodes
from hub_client.generated.enums import InstitutionStatus, RecordStatus
from hub_client.generated.input_types import ContactFilter, InstitutionFilter

from hub.db.engine import Database
from hub.db.enums import Role
from tests import factories
from tests.channel.building import authorise
from tests.clients.live import LiveHub
from tests.graphql_client import GraphQLClient, issue_key
from tests.quality.reviewing import DISTRIBUTOR_USCC, approved
from tests.service.building import service_contract

EXAMPLES = Path(__file__).resolve().parents[2] / "clients" / "examples"
GTIN = "06901234567892"
UDI = f"(01){GTIN}(17)271231(10)2412A147(21)DS-0001"

UPDATE_CONTACT = """
mutation($input: UpdateContactInput!) { updateContact(input: $input) { userErrors { code } } }
"""
ARCHIVE_CONTACT = """
mutation($input: ArchiveInput!) { archiveContact(input: $input) { userErrors { code } } }
"""


def run_example(
    server: LiveHub, key: str, script: str, *args: str
) -> subprocess.CompletedProcess[str]:
    """Run an example script with HUB_URL and HUB_API_KEY set, as its README says."""
    env = {k: v for k, v in os.environ.items() if k != "HUB_TOKEN"}
    env.update(HUB_URL=server.url, HUB_API_KEY=key)
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _mirror(path: Path) -> dict[str, set[tuple[Any, ...]]]:
    with sqlite3.connect(path) as connection:
        return {
            "institutions": set(
                connection.execute("SELECT id, code, name, status FROM institutions")
            ),
            "contacts": set(
                connection.execute("SELECT id, institution_id, name, mobile, status FROM contacts")
            ),
        }


def _hub_state(client: HubClient) -> dict[str, set[tuple[Any, ...]]]:
    every_institution = InstitutionFilter(statuses=list(InstitutionStatus))
    every_contact = ContactFilter(statuses=list(RecordStatus))
    institutions = iter_nodes(
        lambda after: client.institutions(filter_=every_institution, after=after).institutions
    )
    contacts = iter_nodes(
        lambda after: client.contacts(filter_=every_contact, after=after).contacts
    )
    return {
        "institutions": {(i.id, i.code, i.name, i.status.value) for i in institutions},
        "contacts": {(c.id, c.institution.id, c.name, c.mobile, c.status.value) for c in contacts},
    }


async def test_crm_sync_mirrors_the_hub_and_resumes_from_its_cursor(
    api: GraphQLClient, live_hub: LiveHub, admin_hub: HubClient, database: Database, tmp_path: Path
) -> None:
    key = await issue_key(database, Role.CRM, "crm-sync")
    mirror = tmp_path / "crm.db"
    hospital = await factories.institution(api, code="HOS-310101-01")
    clinic = await factories.institution(api, name="枫林街道社区卫生服务中心", kind="CLINIC")
    doctor = await factories.contact(api, hospital["id"], name="李医生")
    buyer = await factories.contact(api, clinic["id"], name="王采购", mobile="13900001111")

    first = run_example(live_hub, key, "crm_sync.py", "--db", str(mirror), "--once")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("applied 4 events;")
    assert _mirror(mirror) == _hub_state(admin_hub)

    await factories.institution(api, name="上海市第六人民医院", regionCode="310104")
    await api.data(UPDATE_CONTACT, input={"id": doctor["id"], "mobile": "13700002222"})
    await api.data(ARCHIVE_CONTACT, input={"id": buyer["id"]})
    second = run_example(live_hub, key, "crm_sync.py", "--db", str(mirror), "--once")
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("applied 3 events;")  # only what came after the cursor
    assert _mirror(mirror) == _hub_state(admin_hub)


async def _distributor(
    api: GraphQLClient, reviewers: list[GraphQLClient], code: str, uscc: str, **filing: str
) -> dict[str, Any]:
    """A distributor with an approved business licence and a Class II filing for category 07."""
    distributor = await factories.institution(
        api, name=f"医疗器械经营有限公司{code}", kind="DISTRIBUTOR", uscc=uscc, code=code
    )
    holder = {"institutionId": distributor["id"]}
    await approved(api, reviewers, **holder, kind="BUSINESS_LICENSE", number=uscc)
    scope = {"deviceClasses": ["II"], "categories": ["07"]}
    await approved(
        api,
        reviewers,
        **holder,
        kind="CLASS_II_FILING",
        number=f"沪药监械经营备{code}号",
        scope=scope,
        **filing,
    )
    return distributor


async def _reviewers(client: httpx.AsyncClient, database: Database) -> list[GraphQLClient]:
    names = ("reviewer-li", "reviewer-wang")
    return [GraphQLClient(client, await issue_key(database, Role.ADMIN, name)) for name in names]


async def test_wms_ship_check_allows_a_qualified_buyer_and_denies_an_expired_filing(
    api: GraphQLClient, client: httpx.AsyncClient, live_hub: LiveHub, database: Database
) -> None:
    reviewers = await _reviewers(client, database)
    buyers = [await _distributor(api, reviewers, "DIS-310104-01", DISTRIBUTOR_USCC)]
    buyers += [
        await _distributor(
            api,
            reviewers,
            "DIS-110101-01",
            "91110000600037341L",
            validFrom="2020-01-01",
            validTo="2024-12-31",
        )
    ]
    monitor = await factories.device_model(api, udiDi=GTIN)
    await factories.device(api, monitor["id"], serialNumber="DS-0001", udi=UDI)
    for buyer in buyers:  # both may sell the monitor: only their certificates differ
        await authorise(api, (reviewers[0], reviewers[1]), buyer["id"], [monitor["id"]])
    key = await issue_key(database, Role.WMS, "dock-3")

    allowed = run_example(live_hub, key, "wms_ship_check.py", UDI, "DIS-310104-01")
    denied = run_example(live_hub, key, "wms_ship_check.py", "DS-0001", "DIS-110101-01")

    assert (allowed.returncode, allowed.stdout.splitlines()) == (
        0,
        [
            "ALLOWED",
            "  COVERED (CLASS_II_FILING): Covered by 第二类医疗器械经营备案凭证 "
            "沪药监械经营备DIS-310104-01号.",
        ],
    )
    assert (denied.returncode, denied.stdout.splitlines()) == (
        1,
        ["DENIED", "  EXPIRED (CLASS_II_FILING): The 第二类医疗器械经营备案凭证 has expired."],
    )


async def test_service_desk_opens_assigns_and_resolves_a_ticket_for_a_scanned_device(
    api: GraphQLClient, live_hub: LiveHub, admin_hub: HubClient, database: Database
) -> None:
    hospital = await factories.institution(api, code="HOS-310101-01")
    monitor = await factories.device_model(api, udiDi=GTIN)
    await factories.device(
        api, monitor["id"], serialNumber="DS-0001", udi=UDI, institutionId=hospital["id"]
    )
    key = await issue_key(database, Role.SERVICE, "service-desk")

    opened = run_example(live_hub, key, "service_desk.py", "open", UDI, "--summary", "监护仪黑屏")
    number, status = opened.stdout.split()
    assigned = run_example(live_hub, key, "service_desk.py", "assign", number, "王工")
    resolved = run_example(
        live_hub, key, "service_desk.py", "resolve", number, "--resolution", "更换电源板"
    )

    assert status == "OPEN"
    assert assigned.stdout == f"{number} ASSIGNED assignee=王工\n"
    assert resolved.stdout == f"{number} RESOLVED assignee=王工\n"
    ticket = admin_hub.ticket_by_number(number).ticket
    assert ticket is not None
    assert ticket.status is not None and ticket.status.value == "RESOLVED"
    assert (ticket.resolution, ticket.device and ticket.device.serial_number) == (
        "更换电源板",
        "DS-0001",
    )
    assert ticket.institution is not None and ticket.institution.code == "HOS-310101-01"


async def test_service_desk_shows_the_sla_of_a_device_under_contract(
    api: GraphQLClient, live_hub: LiveHub, admin_hub: HubClient, database: Database
) -> None:
    hospital = await factories.institution(api, code="HOS-310101-01")
    monitor = await factories.device_model(api, udiDi=GTIN)
    unit = await factories.device(
        api, monitor["id"], serialNumber="DS-0001", udi=UDI, institutionId=hospital["id"]
    )
    await service_contract(api, hospital["id"], [unit["id"]])
    key = await issue_key(database, Role.SERVICE, "service-desk")

    opened = run_example(
        live_hub,
        key,
        "service_desk.py",
        "open",
        UDI,
        "--summary",
        "监护仪黑屏",
        "--priority",
        "HIGH",
    )
    number, status, sla, due = opened.stdout.split()
    run_example(live_hub, key, "service_desk.py", "assign", number, "王工")
    run_example(
        live_hub,
        key,
        "service_desk.py",
        "resolve",
        number,
        "--resolution",
        "更换电源板",
        "--part",
        "PWR-220V-01",
    )
    closed = run_example(
        live_hub,
        key,
        "service_desk.py",
        "close",
        number,
        "--satisfaction",
        "5",
        "--comment",
        "及时",
    )

    ticket = admin_hub.ticket_by_number(number).ticket
    assert ticket is not None and ticket.due_at is not None
    assert (status, sla) == ("OPEN", "sla=ON_TRACK")
    assert due == f"due={ticket.due_at:%Y-%m-%dT%H:%M}Z"
    assert closed.stdout == f"{number} CLOSED assignee=王工 sla=ON_TRACK\n"
    assert (ticket.satisfaction, ticket.parts_used, ticket.first_time_fix) == (
        5,
        ["PWR-220V-01"],
        True,
    )


async def test_service_desk_refuses_a_ticket_for_an_unknown_device(
    live_hub: LiveHub, database: Database
) -> None:
    key = await issue_key(database, Role.SERVICE, "service-desk")
    run = run_example(live_hub, key, "service_desk.py", "open", "NO-SUCH-UNIT", "--summary", "x")
    assert (run.returncode, run.stderr) == (
        1,
        "service_desk: the hub knows no device for 'NO-SUCH-UNIT'\n",
    )


async def test_crm_timeline_prints_the_customer_history_newest_first(
    api: GraphQLClient, live_hub: LiveHub, database: Database
) -> None:
    hospital = await factories.institution(api, name="上海市东方医院", code="HOS-310115-01")
    await api.data(
        "mutation($input: CreateContractInput!) { createContract(input: $input) "
        "{ userErrors { code } } }",
        input={
            "number": "HT-2026-0001",
            "institutionId": hospital["id"],
            "kind": "SALES",
            "startsOn": "2026-01-15",
            "endsOn": "2027-01-14",
        },
    )
    key = await issue_key(database, Role.CRM, "crm-timeline")
    done = run_example(
        live_hub,
        key,
        "crm_timeline.py",
        "HOS-310115-01",
        "--kind",
        "CONTRACT_STARTS",
        "--kind",
        "CONTRACT_ENDS",
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stderr
    assert lines[0] == "HOS-310115-01 上海市东方医院: 2 events"
    assert [line.split()[:3] for line in lines[1:]] == [
        ["2027-01-14", "CONTRACT_ENDS", "HT-2026-0001"],
        ["2026-01-15", "CONTRACT_STARTS", "HT-2026-0001"],
    ]


async def test_crm_interaction_posts_an_activity_once_and_lists_the_archive(
    api: GraphQLClient, live_hub: LiveHub, database: Database
) -> None:
    await factories.institution(api, code="H-0006", name="上海市第六人民医院")
    key = await issue_key(database, Role.CRM, "crm-activities")
    args = ("--institution", "H-0006", "--activity", "ACT-8812", "--department", "心内科")
    posted = run_example(
        live_hub,
        key,
        "crm_interaction.py",
        *args,
        "--person",
        "王磊",
        "--follow-up-on",
        "2030-01-15",
    )
    again = run_example(
        live_hub, key, "crm_interaction.py", *args, "--person", "王磊", "--kind", "DEMO"
    )
    assert posted.returncode == 0, posted.stderr
    lines = again.stdout.splitlines()
    assert lines[:2] == ["H-0006 上海市第六人民医院", "  科室 03.04 心血管内科专业 (心内科)"]
    assert lines[2] == "  1 interactions, newest first:"
    assert lines[3].endswith(" DEMO 心血管内科专业 王磊 → 跟进 2030-01-15")


async def test_crm_interaction_refuses_an_unknown_department(
    api: GraphQLClient, live_hub: LiveHub, database: Database
) -> None:
    await factories.institution(api, code="H-0007", name="上海市第七人民医院")
    key = await issue_key(database, Role.CRM, "crm-activities")
    refused = run_example(
        live_hub,
        key,
        "crm_interaction.py",
        "--institution",
        "H-0007",
        "--activity",
        "A-1",
        "--department",
        "神秘科",
        "--person",
        "王磊",
    )
    assert refused.returncode == 1
    assert "UNKNOWN_CODE" in refused.stderr or "神秘科" in refused.stderr
