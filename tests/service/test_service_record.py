"""The service record on tickets: response, visits, engineer, parts, first-time fix and the
customer's satisfaction at closing."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hub.audit.writer import Author
from hub.db.engine import Database
from hub.db.enums import InstitutionKind, TicketKind
from hub.errors import ErrorCode, UserInputError
from hub.store import institutions, tickets
from tests import factories
from tests.graphql_client import GraphQLClient
from tests.service.building import START, WORK, installed_device, move, resolve, update_ticket

AUTHOR = Author(actor="test:history")
TRAIL = """
query($id: ID!) { auditTrail(entityId: $id) { nodes { action changes } } }
"""


async def _repair(api: GraphQLClient) -> dict[str, Any]:
    """A repair ticket on a hospital's device."""
    hospital = await factories.institution(api)
    model = await factories.device_model(api)
    unit = await installed_device(api, model["id"], hospital["id"], "SN-1", -300)
    ticket = await factories.ticket(api, hospital["id"], deviceId=unit["id"])
    return {"hospital": hospital, "device": unit, "ticket": ticket}


async def test_starting_work_stamps_the_response_and_counts_a_visit(api: GraphQLClient) -> None:
    world = await _repair(api)
    started = await move(api, world["ticket"]["id"], START, WORK)
    assert started["visits"] == 1
    assert started["respondedAt"] is not None
    again = await move(api, world["ticket"]["id"], START, WORK)
    assert again["visits"] == 2
    assert again["respondedAt"] == started["respondedAt"]


async def test_one_visit_fix_is_a_first_time_fix_by_the_assignee(api: GraphQLClient) -> None:
    world = await _repair(api)
    resolved = await move(
        api, world["ticket"]["id"], START, WORK, resolve(partsUsed=[" PWR-220 ", "", "FUSE-2A"])
    )
    assert (resolved["firstTimeFix"], resolved["engineer"]) == (True, "孙工")
    assert (resolved["resolutionCode"], resolved["partsUsed"]) == (
        "PART_REPLACED",
        ["PWR-220", "FUSE-2A"],
    )


async def test_a_second_visit_is_not_a_first_time_fix(api: GraphQLClient) -> None:
    world = await _repair(api)
    waiting_for_parts = {"status": "ASSIGNED"}
    resolved = await move(
        api, world["ticket"]["id"], START, WORK, waiting_for_parts, WORK, resolve()
    )
    assert (resolved["visits"], resolved["firstTimeFix"]) == (2, False)


async def test_a_remote_fix_without_a_visit_is_a_first_time_fix(api: GraphQLClient) -> None:
    world = await _repair(api)
    remote = {"status": "IN_PROGRESS", "visits": 0}
    resolved = await move(api, world["ticket"]["id"], START, remote, resolve("REMOTE_FIX"))
    assert (resolved["visits"], resolved["firstTimeFix"]) == (0, True)


async def test_reopened_within_the_window_is_not_a_first_time_fix(api: GraphQLClient) -> None:
    world = await _repair(api)
    ticket_id = world["ticket"]["id"]
    await move(api, ticket_id, START, WORK, resolve())
    reopened = await move(api, ticket_id, WORK)
    assert reopened["firstTimeFix"] is False
    resolved_again = await move(api, ticket_id, resolve(), {"status": "CLOSED"})
    assert resolved_again["firstTimeFix"] is False


async def test_the_device_failing_again_withdraws_the_first_time_fix(api: GraphQLClient) -> None:
    world = await _repair(api)
    first_id = world["ticket"]["id"]
    await move(api, first_id, START, WORK, resolve(), {"status": "CLOSED"})
    await factories.ticket(api, world["hospital"]["id"], deviceId=world["device"]["id"])
    first = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Ticket { firstTimeFix } } }", id=first_id
    )
    assert first["node"]["firstTimeFix"] is False
    trail = (await api.data(TRAIL, id=first_id))["auditTrail"]["nodes"]
    assert trail[-1] == {
        "action": "REPEAT_FAILURE",
        "changes": {"first_time_fix": {"before": True, "after": False}},
    }


async def test_a_new_repair_of_another_device_leaves_the_fix_alone(api: GraphQLClient) -> None:
    world = await _repair(api)
    await move(api, world["ticket"]["id"], START, WORK, resolve())
    await factories.ticket(api, world["hospital"]["id"])
    first = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Ticket { firstTimeFix } } }",
        id=world["ticket"]["id"],
    )
    assert first["node"]["firstTimeFix"] is True


async def test_satisfaction_is_captured_when_closing(api: GraphQLClient) -> None:
    world = await _repair(api)
    ticket_id = world["ticket"]["id"]
    await move(api, ticket_id, START, WORK, resolve())
    closed = await move(
        api, ticket_id, {"status": "CLOSED", "satisfaction": 4, "satisfactionComment": "到场及时"}
    )
    assert (closed["satisfaction"], closed["satisfactionComment"]) == (4, "到场及时")


async def test_satisfaction_before_closing_is_refused(api: GraphQLClient) -> None:
    world = await _repair(api)
    ticket_id = world["ticket"]["id"]
    await move(api, ticket_id, START, WORK)
    payload = await update_ticket(api, ticket_id, **resolve(satisfaction=5))
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "satisfaction"], "INVALID_STATE")
    ]


async def test_satisfaction_is_a_score_from_one_to_five(api: GraphQLClient) -> None:
    world = await _repair(api)
    ticket_id = world["ticket"]["id"]
    await move(api, ticket_id, START, WORK, resolve())
    payload = await update_ticket(api, ticket_id, status="CLOSED", satisfaction=6)
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "satisfaction"], "INVALID")
    ]


async def test_negative_visits_are_refused(api: GraphQLClient) -> None:
    world = await _repair(api)
    payload = await update_ticket(api, world["ticket"]["id"], visits=-1)
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID"]


async def test_visits_cannot_be_cleared(api: GraphQLClient) -> None:
    world = await _repair(api)
    payload = await update_ticket(api, world["ticket"]["id"], visits=None)
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "visits"], "INVALID")
    ]


async def test_history_needs_its_resolution_time(database: Database) -> None:
    async with database.transaction() as session:
        hospital = await institutions.create(
            session, AUTHOR, {"name": "华山医院", "kind": InstitutionKind.HOSPITAL}
        )
        values = {"institution_id": hospital.id, "kind": TicketKind.REPAIR, "summary": "黑屏"}
        opened = datetime(2026, 3, 1, tzinfo=UTC)
        with pytest.raises(UserInputError) as missing:
            await tickets.record_closed(session, AUTHOR, {**values, "opened_at": opened})
        with pytest.raises(UserInputError) as backwards:
            await tickets.record_closed(
                session,
                AUTHOR,
                {**values, "opened_at": opened, "resolved_at": opened - timedelta(hours=1)},
            )
    assert [(e.field, e.code) for e in missing.value.errors] == [
        (("resolved_at",), ErrorCode.REQUIRED)
    ]
    assert [(e.field, e.code) for e in backwards.value.errors] == [
        (("resolved_at",), ErrorCode.INVALID)
    ]
