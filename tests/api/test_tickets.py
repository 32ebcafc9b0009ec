"""Tickets follow OPEN → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED, or CANCELLED."""

import pytest

from tests import factories
from tests.graphql_client import GraphQLClient

UPDATE = """
mutation Update($input: UpdateTicketInput!) {
  updateTicket(input: $input) {
    ticket { status assignee resolvedAt nextStatuses version }
    userErrors { field code message }
  }
}
"""

ARCHIVE = """
mutation Archive($input: ArchiveInput!) {
  archiveTicket(input: $input) { ticket { status } userErrors { field code message } }
}
"""


async def _move(api: GraphQLClient, ticket_id: str, **changes: object) -> dict[str, object]:
    return (await api.data(UPDATE, input={"id": ticket_id, **changes}))["updateTicket"]


async def test_new_ticket_is_open_with_a_generated_number(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    ticket = await factories.ticket(api, hospital["id"])
    assert ticket["status"] == "OPEN"
    assert ticket["number"].startswith("TK-")


async def test_full_lifecycle_follows_legal_moves(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    ticket = await factories.ticket(api, hospital["id"])
    assigned = await _move(api, ticket["id"], status="ASSIGNED", assignee="李工")
    assert assigned["ticket"]["nextStatuses"] == ["OPEN", "IN_PROGRESS", "CANCELLED"]
    await _move(api, ticket["id"], status="IN_PROGRESS")
    resolved = await _move(api, ticket["id"], status="RESOLVED", resolution="更换电源板")
    assert resolved["ticket"]["resolvedAt"] is not None
    closed = await _move(api, ticket["id"], status="CLOSED")
    assert closed["ticket"]["status"] == "CLOSED"
    assert closed["ticket"]["version"] == 5
    archived = (await api.data(ARCHIVE, input={"id": ticket["id"]}))["archiveTicket"]
    assert archived["ticket"]["status"] == "ARCHIVED"


@pytest.mark.parametrize("target", ["IN_PROGRESS", "RESOLVED", "CLOSED"])
async def test_open_ticket_cannot_skip_ahead(api: GraphQLClient, target: str) -> None:
    hospital = await factories.institution(api)
    ticket = await factories.ticket(api, hospital["id"])
    payload = await _move(api, ticket["id"], status=target, resolution="x")
    assert payload["userErrors"] == [
        {
            "field": ["input", "status"],
            "code": "INVALID_TRANSITION",
            "message": f"A ticket cannot go from OPEN to {target}.",
        }
    ]


async def test_assignment_needs_an_assignee(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    ticket = await factories.ticket(api, hospital["id"])
    payload = await _move(api, ticket["id"], status="ASSIGNED")
    assert payload["userErrors"][0]["field"] == ["input", "assignee"]


async def test_closed_ticket_is_frozen(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    ticket = await factories.ticket(api, hospital["id"])
    await _move(api, ticket["id"], status="CANCELLED")
    payload = await _move(api, ticket["id"], summary="改一下")
    assert payload["userErrors"][0]["code"] == "INVALID_STATE"


async def test_open_ticket_cannot_be_archived(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    ticket = await factories.ticket(api, hospital["id"])
    payload = (await api.data(ARCHIVE, input={"id": ticket["id"]}))["archiveTicket"]
    assert payload["userErrors"][0]["code"] == "INVALID_TRANSITION"


async def test_device_of_another_institution_is_refused(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    other = await factories.institution(api, name="别家")
    model = await factories.device_model(api)
    device = await factories.device(api, model["id"], institutionId=other["id"])
    payload = (
        await api.data(
            factories.CREATE_TICKET,
            input={
                "institutionId": hospital["id"],
                "kind": "REPAIR",
                "summary": "坏了",
                "deviceId": device["id"],
            },
        )
    )["createTicket"]
    assert payload["userErrors"][0]["code"] == "MISMATCH"


async def test_ticket_lookup_by_number_with_relations(api: GraphQLClient) -> None:
    hospital = await factories.institution(api, name="武汉协和医院")
    person = await factories.contact(api, hospital["id"], name="赵敏")
    await factories.ticket(api, hospital["id"], number="TK-1", contactId=person["id"])
    data = await api.data('{ ticket(number: "TK-1") { institution { name } contact { name } } }')
    assert data["ticket"] == {"institution": {"name": "武汉协和医院"}, "contact": {"name": "赵敏"}}


async def test_handing_back_to_the_queue_clears_the_assignee(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    ticket = await factories.ticket(api, hospital["id"])
    await _move(api, ticket["id"], status="ASSIGNED", assignee="李工")
    back = await _move(api, ticket["id"], status="OPEN")
    assert (back["ticket"]["status"], back["ticket"]["assignee"]) == ("OPEN", None)


async def test_imported_ticket_keeps_its_opening_time_and_can_be_overdue(
    api: GraphQLClient,
) -> None:
    hospital = await factories.institution(api)
    await factories.ticket(
        api,
        hospital["id"],
        number="TK-OLD",
        openedAt="2024-03-01T08:00:00+00:00",
        dueAt="2024-03-03T08:00:00+00:00",
    )
    data = await api.data(
        '{ tickets(filter: {dueBefore: "2025-01-01T00:00:00+00:00"}) '
        "{ nodes { number openedAt } } }"
    )
    assert data["tickets"]["nodes"] == [
        {"number": "TK-OLD", "openedAt": "2024-03-01T08:00:00+00:00"}
    ]
