"""SLAs by contract: targets per priority, deadlines on tickets, status, breaches."""

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from typer.testing import CliRunner

from hub.audit.writer import Author
from hub.cli import app
from hub.db.engine import Database
from hub.db.enums import InstitutionKind, TicketKind
from hub.quality.clock import today
from hub.store import institutions, tickets
from hub.store.maintenance_due import china_day
from tests import factories
from tests.graphql_client import GraphQLClient
from tests.service.building import (
    CREATE_CONTRACT,
    START,
    WORK,
    day,
    installed_device,
    move,
    resolve,
    service_contract,
)

TICKET = """
query($n: String!) {
  ticket(number: $n) {
    id number openedAt respondBy dueAt slaStatus slaBreachedAt serviceContract { number }
  }
}
"""

BREACHES = (
    "mutation { recordSlaBreaches { breached { number slaBreachedAt } userErrors { code } } }"
)


def _hours_ago(hours: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=hours)).isoformat()


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def _covered(api: GraphQLClient, **contract: Any) -> dict[str, Any]:
    """A hospital with one device under a SERVICE contract (HIGH 4h/24h, NORMAL 8h/72h)."""
    hospital = await factories.institution(api)
    model = await factories.device_model(api)
    unit = await installed_device(api, model["id"], hospital["id"], "SN-1", -400)
    await service_contract(api, hospital["id"], [unit["id"]], **contract)
    return {"hospital": hospital, "device": unit}


async def _ticket(api: GraphQLClient, world: dict[str, Any], **input: Any) -> dict[str, Any]:
    made = await factories.ticket(
        api, world["hospital"]["id"], deviceId=world["device"]["id"], **input
    )
    return (await api.data(TICKET, n=made["number"]))["ticket"]


async def _contract_errors(api: GraphQLClient, **input: Any) -> list[dict[str, Any]]:
    hospital = await factories.institution(api)
    values = {"number": "HT-1", "institutionId": hospital["id"], "kind": "SERVICE", **input}
    return (await api.data(CREATE_CONTRACT, input=values))["createContract"]["userErrors"]


async def test_only_service_contracts_carry_service_levels(api: GraphQLClient) -> None:
    levels = [{"priority": "HIGH", "responseHours": 4, "resolutionHours": 24}]
    errors = await _contract_errors(api, kind="SALES", serviceLevels=levels)
    assert [(e["field"], e["code"]) for e in errors] == [(["input", "serviceLevels"], "INVALID")]


async def test_a_priority_has_one_target(api: GraphQLClient) -> None:
    level = {"priority": "HIGH", "responseHours": 4, "resolutionHours": 24}
    errors = await _contract_errors(api, serviceLevels=[level, level])
    assert [(e["field"], e["code"]) for e in errors] == [
        (["input", "serviceLevels", "1"], "DUPLICATE")
    ]


async def test_response_target_cannot_exceed_resolution_target(api: GraphQLClient) -> None:
    level = {"priority": "HIGH", "responseHours": 48, "resolutionHours": 24}
    errors = await _contract_errors(api, serviceLevels=[level])
    assert [(e["field"], e["code"]) for e in errors] == [
        (["input", "serviceLevels", "0"], "INVALID")
    ]


async def test_targets_are_whole_hours_above_zero(api: GraphQLClient) -> None:
    level = {"priority": "LOW", "responseHours": 0, "resolutionHours": 24}
    errors = await _contract_errors(api, serviceLevels=[level])
    assert [e["code"] for e in errors] == ["INVALID"]


async def test_contract_lists_its_targets_in_priority_order(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    contract = await service_contract(api, hospital["id"], [])
    assert contract["serviceLevels"] == [
        {"priority": "NORMAL", "responseHours": 8, "resolutionHours": 72},
        {"priority": "HIGH", "responseHours": 4, "resolutionHours": 24},
    ]


async def test_ticket_takes_its_deadlines_from_the_covering_contract(api: GraphQLClient) -> None:
    world = await _covered(api)
    ticket = await _ticket(api, world, priority="HIGH")
    opened = _moment(ticket["openedAt"])
    assert _moment(ticket["respondBy"]) - opened == timedelta(hours=4)
    assert _moment(ticket["dueAt"]) - opened == timedelta(hours=24)
    assert ticket["serviceContract"] == {"number": "FW-2026-001"}
    assert ticket["slaStatus"] == "ON_TRACK"


async def test_a_raised_priority_takes_the_tighter_targets(api: GraphQLClient) -> None:
    world = await _covered(api)
    ticket = await _ticket(api, world, priority="NORMAL")
    await api.data(
        "mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { __typename } }",
        input={"id": ticket["id"], "priority": "HIGH"},
    )
    raised = (await api.data(TICKET, n=ticket["number"]))["ticket"]
    opened = _moment(raised["openedAt"])
    assert _moment(raised["respondBy"]) - opened == timedelta(hours=4)
    assert _moment(raised["dueAt"]) - opened == timedelta(hours=24)


async def test_given_deadline_wins_over_the_contract(api: GraphQLClient) -> None:
    world = await _covered(api)
    ticket = await _ticket(api, world, dueAt="2099-01-01T00:00:00+00:00")
    assert (ticket["dueAt"], ticket["respondBy"], ticket["serviceContract"]) == (
        "2099-01-01T00:00:00+00:00",
        None,
        None,
    )


async def test_priority_without_a_target_has_no_sla(api: GraphQLClient) -> None:
    world = await _covered(api)
    ticket = await _ticket(api, world, priority="LOW")
    assert (ticket["dueAt"], ticket["slaStatus"]) == (None, None)


async def test_contract_not_yet_active_gives_no_deadlines(api: GraphQLClient) -> None:
    world = await _covered(api, status="DRAFT")
    ticket = await _ticket(api, world, priority="HIGH")
    assert ticket["serviceContract"] is None


async def test_ended_contract_gives_no_deadlines(api: GraphQLClient) -> None:
    world = await _covered(api, startsOn=day(-400), endsOn=day(-35))
    ticket = await _ticket(api, world, priority="HIGH")
    assert ticket["serviceContract"] is None


async def test_ticket_near_its_response_deadline_is_at_risk(api: GraphQLClient) -> None:
    world = await _covered(api)
    ticket = await _ticket(api, world, priority="HIGH", openedAt=_hours_ago(3.5))
    assert ticket["slaStatus"] == "AT_RISK"


async def test_unanswered_ticket_past_its_response_deadline_is_breached(
    api: GraphQLClient,
) -> None:
    world = await _covered(api)
    ticket = await _ticket(api, world, priority="HIGH", openedAt=_hours_ago(5))
    assert ticket["slaStatus"] == "BREACHED"


async def test_answered_ticket_is_judged_by_its_resolution_deadline(api: GraphQLClient) -> None:
    world = await _covered(api)
    ticket = await _ticket(api, world, priority="NORMAL", openedAt=_hours_ago(2))
    started = await move(api, ticket["id"], START, WORK)
    assert started["slaStatus"] == "ON_TRACK"


async def test_late_resolution_stays_breached_and_is_stamped(api: GraphQLClient) -> None:
    world = await _covered(api)
    ticket = await _ticket(api, world, priority="HIGH", openedAt=_hours_ago(30))
    resolved = await move(api, ticket["id"], START, WORK, resolve())
    assert resolved["slaStatus"] == "BREACHED"
    assert resolved["slaBreachedAt"] is not None


async def test_breaches_are_recorded_once_in_the_change_feed(api: GraphQLClient) -> None:
    world = await _covered(api)
    late = await factories.ticket(
        api,
        world["hospital"]["id"],
        deviceId=world["device"]["id"],
        priority="HIGH",
        openedAt=_hours_ago(5),
    )
    await _ticket(api, world, priority="HIGH")  # on track: not recorded
    first = (await api.data(BREACHES))["recordSlaBreaches"]
    assert [t["number"] for t in first["breached"]] == [late["number"]]
    again = (await api.data(BREACHES))["recordSlaBreaches"]
    assert again == {"breached": [], "userErrors": []}
    feed = await api.data('{ changes(entityTypes: ["Ticket"]) { events { action entityId } } }')
    breaches = [e for e in feed["changes"]["events"] if e["action"] == "SLA_BREACH"]
    assert [e["entityId"] for e in breaches] == [late["id"]]


async def test_breached_tickets_are_alerts(api: GraphQLClient) -> None:
    world = await _covered(api)
    late = await _ticket(api, world, priority="HIGH", openedAt=_hours_ago(5))
    await _ticket(api, world, priority="HIGH")
    alerts = await api.data(
        "{ alerts(kinds: [SLA_BREACHED]) { kind label daysLeft institution { id } } }"
    )
    assert alerts["alerts"] == [
        {
            "kind": "SLA_BREACHED",
            "label": (
                await api.data(
                    "query($id: ID!) { node(id: $id) { ... on Ticket { number } } }", id=late["id"]
                )
            )["node"]["number"],
            # Days are counted in China's calendar, whatever the hour in UTC.
            "daysLeft": (china_day(_moment(late["respondBy"])) - today()).days,
            "institution": {"id": world["hospital"]["id"]},
        }
    ]


async def test_resolved_tickets_are_no_longer_breach_alerts(api: GraphQLClient) -> None:
    world = await _covered(api)
    late = await _ticket(api, world, priority="HIGH", openedAt=_hours_ago(5))
    await move(api, late["id"], START, WORK, resolve())
    alerts = await api.data("{ alerts(kinds: [SLA_BREACHED]) { label } }")
    assert alerts["alerts"] == []


async def _seed_late_ticket(url: str) -> None:
    """A ticket opened five hours ago that was due an hour ago."""
    author = Author(actor="test:seed")
    now = datetime.now(UTC)
    database = Database(url)
    try:
        async with database.transaction() as session:
            hospital = await institutions.create(
                session, author, {"name": "上海市第一人民医院", "kind": InstitutionKind.HOSPITAL}
            )
            values = {
                "number": "TK-LATE",
                "institution_id": hospital.id,
                "kind": TicketKind.REPAIR,
                "summary": "呼吸机报警",
                "opened_at": now - timedelta(hours=5),
                "due_at": now - timedelta(hours=1),
            }
            await tickets.create(session, author, values)
    finally:
        await database.dispose()


def test_sla_command_records_each_breach_once(database_url: str) -> None:
    asyncio.run(_seed_late_ticket(database_url))
    runner = CliRunner()
    first = runner.invoke(app, ["plan", "sla", "--json"])
    assert first.exit_code == 0, first.output
    assert [ticket["number"] for ticket in json.loads(first.output)] == ["TK-LATE"]
    second = runner.invoke(app, ["plan", "sla", "--json"])
    assert json.loads(second.output) == []
