"""Maintenance plans, next due dates, and the plan run that opens the due tickets once."""

import asyncio
import json
from typing import Any

from typer.testing import CliRunner

from hub.audit.writer import Author
from hub.cli import app
from hub.db.engine import Database
from hub.db.enums import DeviceClass, DeviceStatus, InstitutionKind
from hub.store import catalogue, devices, institutions, maintenance_plans
from tests import factories
from tests.graphql_client import GraphQLClient
from tests.service.building import (
    CREATE_PLAN,
    START,
    WORK,
    day,
    installed_device,
    move,
    on,
    plan,
    resolve,
)

DUE = """
query($within: Int!) {
  maintenanceDue(withinDays: $within) {
    dueOn daysLeft reason usageSinceLast device { serialNumber } plan { checklist }
  }
}
"""

PLAN_RUN = """
mutation($within: Int!) {
  planMaintenance(input: {withinDays: $within}) {
    opened { number kind status assignee summary device { serialNumber } dueAt }
    alreadyOpen
    userErrors { code }
  }
}
"""

DEVICE = "query($id: ID!) { node(id: $id) { ... on Device { nextMaintenanceOn } } }"


async def _fleet(api: GraphQLClient, region: str = "310101") -> dict[str, Any]:
    """A hospital with an overdue unit (installed 200 days ago) and a recent one (100 days) of a
    model maintained every 180 days."""
    hospital = await factories.institution(api, regionCode=region)
    model = await factories.device_model(api)
    await plan(api, model["id"], checklist=["电气安全检测", "血压模块校准"])
    old = await installed_device(api, model["id"], hospital["id"], "OLD-1", -200)
    new = await installed_device(api, model["id"], hospital["id"], "NEW-1", -100)
    return {"hospital": hospital, "model": model, "old": old, "new": new}


async def _create_plan(api: GraphQLClient, **input: Any) -> list[dict[str, Any]]:
    return (await api.data(CREATE_PLAN, input=input))["createMaintenancePlan"]["userErrors"]


async def test_plan_needs_an_interval(api: GraphQLClient) -> None:
    model = await factories.device_model(api)
    errors = await _create_plan(api, deviceModelId=model["id"], checklist=["清洁"])
    assert [(e["field"], e["code"]) for e in errors] == [(["input", "intervalDays"], "REQUIRED")]


async def test_usage_interval_needs_its_unit(api: GraphQLClient) -> None:
    model = await factories.device_model(api)
    errors = await _create_plan(api, deviceModelId=model["id"], intervalUsage=5000)
    assert [(e["field"], e["code"]) for e in errors] == [(["input", "usageUnit"], "REQUIRED")]


async def test_interval_must_be_positive(api: GraphQLClient) -> None:
    model = await factories.device_model(api)
    errors = await _create_plan(api, deviceModelId=model["id"], intervalDays=0)
    assert [(e["field"], e["code"]) for e in errors] == [(["input", "intervalDays"], "INVALID")]


async def test_a_model_has_one_plan(api: GraphQLClient) -> None:
    model = await factories.device_model(api)
    await plan(api, model["id"])
    errors = await _create_plan(api, deviceModelId=model["id"], intervalDays=90)
    assert [(e["field"], e["code"]) for e in errors] == [(["input", "deviceModelId"], "DUPLICATE")]


async def test_checklist_is_trimmed_and_deduplicated(api: GraphQLClient) -> None:
    model = await factories.device_model(api)
    made = await plan(api, model["id"], checklist=[" 清洁滤网 ", "清洁滤网", "", "校准"])
    assert made["checklist"] == ["清洁滤网", "校准"]


async def test_due_date_counts_from_installation(api: GraphQLClient) -> None:
    await _fleet(api)
    due = (await api.data(DUE, within=30))["maintenanceDue"]
    assert due == [
        {
            "dueOn": day(-20),
            "daysLeft": -20,
            "reason": "INTERVAL_DAYS",
            "usageSinceLast": None,
            "device": {"serialNumber": "OLD-1"},
            "plan": {"checklist": ["电气安全检测", "血压模块校准"]},
        }
    ]
    later = (await api.data(DUE, within=90))["maintenanceDue"]
    assert [(d["device"]["serialNumber"], d["dueOn"]) for d in later] == [
        ("OLD-1", day(-20)),
        ("NEW-1", day(80)),
    ]


async def test_due_date_counts_from_the_last_completed_maintenance(api: GraphQLClient) -> None:
    fleet = await _fleet(api)
    ticket = await factories.ticket(
        api, fleet["hospital"]["id"], kind="MAINTENANCE", deviceId=fleet["old"]["id"]
    )
    await move(api, ticket["id"], START, WORK, resolve("MAINTENANCE_DONE"))
    device = (await api.data(DEVICE, id=fleet["old"]["id"]))["node"]
    assert device["nextMaintenanceOn"] == day(180)
    due = (await api.data(DUE, within=30))["maintenanceDue"]
    assert due == []


async def test_reopened_maintenance_makes_the_device_due_again(api: GraphQLClient) -> None:
    fleet = await _fleet(api)
    ticket = await factories.ticket(
        api, fleet["hospital"]["id"], kind="MAINTENANCE", deviceId=fleet["old"]["id"]
    )
    await move(api, ticket["id"], START, WORK, resolve("MAINTENANCE_DONE"), WORK)
    device = (await api.data(DEVICE, id=fleet["old"]["id"]))["node"]
    assert device["nextMaintenanceOn"] == day(-20)


async def test_usage_plan_is_due_when_the_meter_has_run_its_interval(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    model = await factories.device_model(api, name="CT 扫描仪")
    await plan(api, model["id"], intervalDays=None, intervalUsage=1000, usageUnit="hours")
    unit = await installed_device(api, model["id"], hospital["id"], "CT-1", -30, usageReading=1200)
    due = (await api.data(DUE, within=0))["maintenanceDue"]
    assert [(d["reason"], d["dueOn"], d["usageSinceLast"]) for d in due] == [
        ("USAGE", day(0), 1200)
    ]
    ticket = await factories.ticket(api, hospital["id"], kind="MAINTENANCE", deviceId=unit["id"])
    resolved = await move(api, ticket["id"], START, WORK, resolve("MAINTENANCE_DONE"))
    assert resolved["usageReading"] == 1200
    assert (await api.data(DUE, within=0))["maintenanceDue"] == []
    await api.data(
        "mutation($input: UpdateDeviceInput!) { updateDevice(input: $input) { __typename } }",
        input={"id": unit["id"], "usageReading": 2250},
    )
    due = (await api.data(DUE, within=0))["maintenanceDue"]
    assert [(d["reason"], d["usageSinceLast"]) for d in due] == [("USAGE", 1050)]


async def test_plan_run_opens_due_tickets_assigned_by_region(api: GraphQLClient) -> None:
    fleet = await _fleet(api)
    run = (await api.data(PLAN_RUN, within=30))["planMaintenance"]
    assert run["alreadyOpen"] == 0
    [ticket] = run["opened"]
    assert ticket["kind"] == "MAINTENANCE"
    assert ticket["device"] == {"serialNumber": "OLD-1"}
    assert (ticket["status"], ticket["assignee"]) == ("ASSIGNED", "孙工（上海服务站）")
    assert (
        ticket["summary"] == f"BeneVision预防性维护（到期 {day(-20)}）：电气安全检测；血压模块校准"
    )
    assert fleet["old"]["serialNumber"] == "OLD-1"


async def test_plan_run_is_idempotent(api: GraphQLClient) -> None:
    await _fleet(api)
    first = (await api.data(PLAN_RUN, within=90))["planMaintenance"]
    second = (await api.data(PLAN_RUN, within=90))["planMaintenance"]
    assert len(first["opened"]) == 2
    assert second == {"opened": [], "alreadyOpen": 2, "userErrors": []}
    tickets = await api.data("{ tickets(filter: {kinds: [MAINTENANCE]}) { totalCount } }")
    assert tickets["tickets"]["totalCount"] == 2


async def test_a_cancelled_plan_ticket_is_not_opened_again_for_the_same_due_day(
    api: GraphQLClient,
) -> None:
    await _fleet(api)
    [ticket] = (await api.data(PLAN_RUN, within=30))["planMaintenance"]["opened"]
    found = await api.data("query($n: String!) { ticket(number: $n) { id } }", n=ticket["number"])
    await move(api, found["ticket"]["id"], {"status": "CANCELLED"})
    again = (await api.data(PLAN_RUN, within=30))["planMaintenance"]
    assert (again["opened"], again["alreadyOpen"]) == ([], 1)


async def test_a_region_without_an_engineer_leaves_the_ticket_open(api: GraphQLClient) -> None:
    await _fleet(api, region="650102")
    [ticket] = (await api.data(PLAN_RUN, within=30))["planMaintenance"]["opened"]
    assert (ticket["status"], ticket["assignee"]) == ("OPEN", None)


async def test_plan_run_ticket_is_due_at_the_end_of_its_due_day(api: GraphQLClient) -> None:
    await _fleet(api)
    run = (await api.data(PLAN_RUN, within=90))["planMaintenance"]
    upcoming = next(t for t in run["opened"] if t["device"]["serialNumber"] == "NEW-1")
    assert upcoming["dueAt"] == f"{day(80)}T15:59:59+00:00"


async def test_institution_lists_its_own_due_maintenance(api: GraphQLClient) -> None:
    fleet = await _fleet(api)
    other = await factories.institution(api, name="华山医院")
    await installed_device(api, fleet["model"]["id"], other["id"], "HS-1", -365)
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Institution { maintenanceDue(withinDays: 30) "
        "{ dueOn device { serialNumber } } } } }",
        id=fleet["hospital"]["id"],
    )
    assert data["node"]["maintenanceDue"] == [
        {"dueOn": day(-20), "device": {"serialNumber": "OLD-1"}}
    ]


async def test_window_is_bounded(api: GraphQLClient) -> None:
    body = await api.execute(DUE, within=5000)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def _seed_overdue_unit(url: str) -> None:
    """A Shanghai hospital's unit installed 200 days ago, of a model maintained every 180."""
    author = Author(actor="test:seed")
    database = Database(url)
    try:
        async with database.transaction() as session:
            hospital = await institutions.create(
                session,
                author,
                {
                    "name": "上海市第一人民医院",
                    "kind": InstitutionKind.HOSPITAL,
                    "region_code": "310101",
                },
            )
            model = await catalogue.create_model(
                session,
                author,
                {"name": "监护仪", "manufacturer": "迈瑞", "device_class": DeviceClass.II},
            )
            await maintenance_plans.create(
                session, author, {"device_model_id": model.id, "interval_days": 180}
            )
            await devices.create(
                session,
                author,
                {
                    "device_model_id": model.id,
                    "serial_number": "OLD-1",
                    "institution_id": hospital.id,
                    "installed_on": on(-200),
                    "status": DeviceStatus.INSTALLED,
                },
            )
    finally:
        await database.dispose()


def test_plan_command_opens_tickets_once(database_url: str) -> None:
    asyncio.run(_seed_overdue_unit(database_url))
    runner = CliRunner()
    first = runner.invoke(app, ["plan", "maintenance", "--within", "30", "--json"])
    assert first.exit_code == 0, first.output
    opened = json.loads(first.output)
    assert [(t["status"], t["assignee"]) for t in opened] == [("ASSIGNED", "孙工（上海服务站）")]
    second = runner.invoke(app, ["plan", "maintenance", "--within", "30", "--json"])
    assert json.loads(second.output) == []
