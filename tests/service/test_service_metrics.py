"""Service KPIs, checked against values computed by hand on a small fixture.

The fixture (March 2026, China time; every time below is UTC):
  A (Shanghai) T1 repair of A1: opened 03-02 02:00, responded +2 h, resolved +10 h, one visit,
               deadlines +4 h / +24 h (met), satisfaction 5; later withdrawn as a first-time fix
               by T2 (A1 failed again within 30 days).
               T2 repair of A1: opened 03-10 02:00, responded +6 h (late), resolved +20 h, two
               visits, deadlines +4 h / +24 h (missed), satisfaction 3.
               T3 maintenance of A2: opened 03-05 02:00, responded +1 h, resolved +4 h, one visit.
               T7 repair of A2: opened 02-27 02:00, responded +2 h, resolved 03-01 02:00 (+48 h),
               one visit: resolved in March, opened and answered before it.
               T6 repair of A1 in February only: outside the period.
  B (Beijing)  T4 repair of B1: opened 03-03 02:00, responded +3 h, resolved +30 h, one visit,
               deadlines +4 h / +24 h (resolution missed), satisfaction 4; withdrawn as a
               first-time fix by T5.
               T5 repair of B1: opened 03-20 02:00, still open, nobody assigned.
Models: A1 and B1 are monitors, A2 a ventilator. Engineers: 孙工 in A, 赵工 in B.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hub.audit.writer import Author
from hub.db.engine import Database
from hub.db.enums import DeviceClass, DeviceStatus, InstitutionKind, Role, TicketKind
from hub.store import catalogue, devices, institutions, tickets
from tests.authz.conftest import BEIJING, SHANGHAI, RoleClient
from tests.graphql_client import GraphQLClient, logged

AUTHOR = Author(actor="test:fixture")
METRICS = """
query($group: ServiceMetricsGroup!) {
  serviceMetrics(from: "2026-03-01", to: "2026-03-31", groupBy: $group) {
    key label opened resolved meanResponseHours p90ResponseHours meanResolutionHours
    p90ResolutionHours firstTimeFixes firstTimeFixRate slaMeasured slaMet slaAttainment
    repeatFailures satisfactionResponses meanSatisfaction
  }
}
"""


def _at(month: int, day: int, hour: int = 2) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def _closed(
    holder: Any,
    unit: Any,
    number: str,
    opened: datetime,
    respond: float,
    resolve: float,
    **more: Any,
) -> dict[str, Any]:
    return {
        "number": number,
        "institution_id": holder.id,
        "device_id": unit.id,
        "kind": more.pop("kind", TicketKind.REPAIR),
        "summary": "故障维修",
        "opened_at": opened,
        "responded_at": opened + timedelta(hours=respond),
        "resolved_at": opened + timedelta(hours=resolve),
        "visits": more.pop("visits", 1),
        "resolution": "已修复",
        **more,
    }


def _deadlines(opened: datetime) -> dict[str, datetime]:
    return {"respond_by": opened + timedelta(hours=4), "due_at": opened + timedelta(hours=24)}


async def _fixture(database: Database) -> dict[str, Any]:
    async with database.transaction() as session:
        a = await institutions.create(
            session,
            AUTHOR,
            {"name": "上海市第一人民医院", "kind": InstitutionKind.HOSPITAL}
            | {"region_code": "310101", "org_path": SHANGHAI},
        )
        b = await institutions.create(
            session,
            AUTHOR,
            {"name": "北京协和医院", "kind": InstitutionKind.HOSPITAL}
            | {"region_code": "110101", "org_path": BEIJING},
        )
        made = {"manufacturer": "迈瑞", "device_class": DeviceClass.II}
        monitor = await catalogue.create_model(session, AUTHOR, {"name": "监护仪", **made})
        ventilator = await catalogue.create_model(session, AUTHOR, {"name": "呼吸机", **made})
        units = {}
        for serial, model, holder in (
            ("A1", monitor, a),
            ("A2", ventilator, a),
            ("B1", monitor, b),
        ):
            units[serial] = await devices.create(
                session,
                AUTHOR,
                {"device_model_id": model.id, "serial_number": serial}
                | {"institution_id": holder.id, "status": DeviceStatus.INSTALLED},
            )
        a1, a2, b1 = units["A1"], units["A2"], units["B1"]
        sun, zhao = {"assignee": "孙工"}, {"assignee": "赵工"}
        history = [
            _closed(a, a1, "T6", _at(2, 1), 1, 5, **sun),
            _closed(a, a2, "T7", _at(2, 27), 2, 48, **sun),
            _closed(a, a1, "T1", _at(3, 2), 2, 10, satisfaction=5, **sun, **_deadlines(_at(3, 2))),
            _closed(a, a1, "T2", _at(3, 10), 6, 20, visits=2, satisfaction=3, **sun)
            | _deadlines(_at(3, 10)),
            _closed(a, a2, "T3", _at(3, 5), 1, 4, kind=TicketKind.MAINTENANCE, **sun),
            _closed(b, b1, "T4", _at(3, 3), 3, 30, satisfaction=4, **zhao, **_deadlines(_at(3, 3))),
        ]
        for values in sorted(history, key=lambda v: v["opened_at"]):
            await tickets.record_closed(session, AUTHOR, values)
        await tickets.create(
            session,
            AUTHOR,
            {"number": "T5", "institution_id": b.id, "device_id": b1.id}
            | {"kind": TicketKind.REPAIR, "summary": "再次黑屏", "opened_at": _at(3, 20)},
        )
    return {"a": a, "b": b, "monitor": monitor, "ventilator": ventilator}


SHANGHAI_METRICS = {
    "opened": 3,
    "resolved": 4,
    "meanResponseHours": 3.0,  # (2 + 6 + 1) / 3
    "p90ResponseHours": 6.0,  # rank 3 of 3
    "meanResolutionHours": 20.5,  # (10 + 20 + 4 + 48) / 4
    "p90ResolutionHours": 48.0,  # rank 4 of 4
    "firstTimeFixes": 2,  # T3 and T7
    "firstTimeFixRate": 0.5,
    "slaMeasured": 2,  # T1 and T2
    "slaMet": 1,  # T1
    "slaAttainment": 0.5,
    "repeatFailures": 1,  # A1 twice
    "satisfactionResponses": 2,
    "meanSatisfaction": 4.0,
}
BEIJING_METRICS = {
    "opened": 2,
    "resolved": 1,
    "meanResponseHours": 3.0,
    "p90ResponseHours": 3.0,
    "meanResolutionHours": 30.0,
    "p90ResolutionHours": 30.0,
    "firstTimeFixes": 0,
    "firstTimeFixRate": 0.0,
    "slaMeasured": 1,
    "slaMet": 0,
    "slaAttainment": 0.0,
    "repeatFailures": 1,
    "satisfactionResponses": 1,
    "meanSatisfaction": 4.0,
}


def _by_label(rows: list[dict[str, Any]]) -> dict[str | None, dict[str, Any]]:
    return {row.pop("label"): row for row in rows}


async def test_metrics_by_institution(api: GraphQLClient, database: Database) -> None:
    world = await _fixture(database)
    rows = (await api.data(METRICS, group="INSTITUTION"))["serviceMetrics"]
    keys = {row["label"]: row["key"] for row in rows}
    found = _by_label(rows)
    assert found == {
        "上海市第一人民医院": {"key": keys["上海市第一人民医院"], **SHANGHAI_METRICS},
        "北京协和医院": {"key": keys["北京协和医院"], **BEIJING_METRICS},
    }
    institution = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Institution { name } } }",
        id=keys["上海市第一人民医院"],
    )
    assert institution["node"]["name"] == world["a"].name


async def test_metrics_by_region(api: GraphQLClient, database: Database) -> None:
    await _fixture(database)
    found = _by_label((await api.data(METRICS, group="REGION"))["serviceMetrics"])
    assert found == {
        "北京": {"key": "11", **BEIJING_METRICS},
        "上海": {"key": "31", **SHANGHAI_METRICS},
    }


async def test_metrics_by_device_model(api: GraphQLClient, database: Database) -> None:
    await _fixture(database)
    found = _by_label((await api.data(METRICS, group="DEVICE_MODEL"))["serviceMetrics"])
    monitor, ventilator = found["监护仪"], found["呼吸机"]
    assert {k: v for k, v in monitor.items() if k != "key"} == {
        "opened": 4,  # T1, T2, T4, T5
        "resolved": 3,  # T1, T2, T4
        "meanResponseHours": 3.67,  # (2 + 6 + 3) / 3
        "p90ResponseHours": 6.0,
        "meanResolutionHours": 20.0,  # (10 + 20 + 30) / 3
        "p90ResolutionHours": 30.0,
        "firstTimeFixes": 0,
        "firstTimeFixRate": 0.0,
        "slaMeasured": 3,
        "slaMet": 1,
        "slaAttainment": pytest.approx(1 / 3),
        "repeatFailures": 2,  # A1 twice, B1 twice
        "satisfactionResponses": 3,
        "meanSatisfaction": 4.0,
    }
    assert {k: v for k, v in ventilator.items() if k != "key"} == {
        "opened": 1,  # T3
        "resolved": 2,  # T3, T7
        "meanResponseHours": 1.0,
        "p90ResponseHours": 1.0,
        "meanResolutionHours": 26.0,  # (4 + 48) / 2
        "p90ResolutionHours": 48.0,  # rank 2 of 2
        "firstTimeFixes": 2,
        "firstTimeFixRate": 1.0,
        "slaMeasured": 0,
        "slaMet": 0,
        "slaAttainment": None,
        "repeatFailures": 0,
        "satisfactionResponses": 0,
        "meanSatisfaction": None,
    }


async def test_metrics_by_engineer_keep_unassigned_tickets_apart(
    api: GraphQLClient, database: Database
) -> None:
    await _fixture(database)
    found = _by_label((await api.data(METRICS, group="ENGINEER"))["serviceMetrics"])
    assert set(found) == {"孙工", "赵工", None}
    assert found["孙工"] == {"key": "孙工", **SHANGHAI_METRICS}
    assert (found[None]["opened"], found[None]["resolved"]) == (1, 0)


async def test_p90_is_the_nearest_rank(api: GraphQLClient, database: Database) -> None:
    async with database.transaction() as session:
        holder = await institutions.create(
            session, AUTHOR, {"name": "华山医院", "kind": InstitutionKind.HOSPITAL}
        )
        for hours in range(1, 11):  # resolved after 1, 2, ... 10 hours
            opened = _at(3, hours)
            await tickets.record_closed(
                session,
                AUTHOR,
                {"number": f"P{hours}", "institution_id": holder.id, "kind": TicketKind.INQUIRY}
                | {"summary": "咨询", "opened_at": opened, "assignee": "孙工"}
                | {"resolved_at": opened + timedelta(hours=hours)},
            )
    [row] = (await api.data(METRICS, group="ENGINEER"))["serviceMetrics"]
    assert (row["meanResolutionHours"], row["p90ResolutionHours"]) == (5.5, 9.0)
    assert row["meanResponseHours"] is None


async def test_sales_see_only_their_branch(database: Database, as_role: RoleClient) -> None:
    await _fixture(database)
    sales = await as_role(Role.SALES, SHANGHAI)
    found = _by_label((await sales.data(METRICS, group="REGION"))["serviceMetrics"])
    assert found == {"上海": {"key": "31", **SHANGHAI_METRICS}}


async def test_callers_without_tickets_see_no_metrics(
    database: Database, as_role: RoleClient
) -> None:
    await _fixture(database)
    wms = await as_role(Role.WMS)
    assert (await wms.data(METRICS, group="REGION"))["serviceMetrics"] == []


async def test_period_must_be_in_order(api: GraphQLClient) -> None:
    body = await api.execute(
        '{ serviceMetrics(from: "2026-03-31", to: "2026-03-01", groupBy: REGION) { opened } }'
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


ACCOUNTS = """
{
  institutions(first: 10) {
    nodes {
      name
      serviceMetrics(from: "2026-03-01", to: "2026-03-31") { opened resolved slaAttainment }
      maintenanceDue(withinDays: 30) { dueOn }
    }
  }
}
"""


async def test_account_view_has_each_institutions_metrics_in_bounded_statements(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    await _fixture(database)
    await api.data("{ __typename }")  # the policy and the API key are loaded on the first request
    line = await logged(caplog, api, ACCOUNTS)
    data = line["body"]["data"]
    assert {n["name"]: n["serviceMetrics"] for n in data["institutions"]["nodes"]} == {
        "北京协和医院": {"opened": 2, "resolved": 1, "slaAttainment": 0.0},
        "上海市第一人民医院": {"opened": 3, "resolved": 4, "slaAttainment": 0.5},
    }
    # Every statement the request sent, as the access log counts them (SQLite's reads add
    # BEGIN ... ROLLBACK): the page, one statement for every institution's metrics, one for
    # every institution's due maintenance, and the lookups they share, the same on both
    # databases and however many institutions the page holds.
    assert int(line["sql_statements"]) - (2 if database.dialect == "sqlite" else 0) == 7
