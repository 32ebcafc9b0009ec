"""Helpers that build service scenarios through the public API."""

from datetime import date, timedelta
from typing import Any

from hub.quality.clock import today
from tests import factories
from tests.graphql_client import GraphQLClient

UPDATE_TICKET = """
mutation($input: UpdateTicketInput!) {
  updateTicket(input: $input) {
    ticket {
      id status visits respondedAt resolvedAt engineer firstTimeFix slaStatus
      satisfaction satisfactionComment resolutionCode partsUsed usageReading slaBreachedAt
    }
    userErrors { field code message }
  }
}
"""

CREATE_PLAN = """
mutation($input: CreateMaintenancePlanInput!) {
  createMaintenancePlan(input: $input) {
    maintenancePlan { id intervalDays intervalUsage usageUnit checklist }
    userErrors { field code message }
  }
}
"""

CREATE_CONTRACT = """
mutation($input: CreateContractInput!) {
  createContract(input: $input) {
    contract { id number serviceLevels { priority responseHours resolutionHours } }
    userErrors { field code message }
  }
}
"""


def day(offset: int) -> str:
    """Today in China plus `offset` days, ISO."""
    return (today() + timedelta(days=offset)).isoformat()


def on(offset: int) -> date:
    """Today in China plus `offset` days."""
    return today() + timedelta(days=offset)


async def update_ticket(api: GraphQLClient, ticket_id: str, **changes: Any) -> dict[str, Any]:
    """Run updateTicket; return the payload (ticket and userErrors)."""
    return (await api.data(UPDATE_TICKET, input={"id": ticket_id, **changes}))["updateTicket"]


async def move(api: GraphQLClient, ticket_id: str, *steps: dict[str, Any]) -> dict[str, Any]:
    """Apply updates that must all succeed; return the ticket after the last."""
    ticket: dict[str, Any] = {}
    for step in steps:
        payload = await update_ticket(api, ticket_id, **step)
        assert payload["userErrors"] == [], payload["userErrors"]
        ticket = payload["ticket"]
    return ticket


START = {"status": "ASSIGNED", "assignee": "孙工"}
WORK = {"status": "IN_PROGRESS"}


def resolve(code: str = "PART_REPLACED", **more: Any) -> dict[str, Any]:
    """The update resolving a ticket."""
    return {"status": "RESOLVED", "resolution": "更换电源板", "resolutionCode": code, **more}


async def plan(api: GraphQLClient, model_id: str, **input: Any) -> dict[str, Any]:
    """A maintenance plan that must be accepted (every 180 days unless told otherwise)."""
    values = {"deviceModelId": model_id, "intervalDays": 180, **input}
    payload = (await api.data(CREATE_PLAN, input=values))["createMaintenancePlan"]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["maintenancePlan"]


async def service_contract(
    api: GraphQLClient, institution_id: str, device_ids: list[str], **input: Any
) -> dict[str, Any]:
    """An ACTIVE SERVICE contract covering the devices: HIGH 4h/24h, NORMAL 8h/72h."""
    values = {
        "number": "FW-2026-001",
        "institutionId": institution_id,
        "kind": "SERVICE",
        "status": "ACTIVE",
        "startsOn": day(-30),
        "endsOn": day(335),
        "amount": "52000.00",
        "deviceIds": device_ids,
        "serviceLevels": [
            {"priority": "HIGH", "responseHours": 4, "resolutionHours": 24},
            {"priority": "NORMAL", "responseHours": 8, "resolutionHours": 72},
        ],
        **input,
    }
    payload = (await api.data(CREATE_CONTRACT, input=values))["createContract"]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["contract"]


async def installed_device(
    api: GraphQLClient, model_id: str, holder_id: str, serial: str, installed: int, **more: Any
) -> dict[str, Any]:
    """A device installed `installed` days from today (negative: in the past)."""
    return await factories.device(
        api,
        model_id,
        serialNumber=serial,
        institutionId=holder_id,
        installedOn=day(installed),
        status="INSTALLED",
        **more,
    )
