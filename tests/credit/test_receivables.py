"""Receivables from the ERP: idempotent per source document, by mutation and by `hub import`."""

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from typer.testing import CliRunner

from hub.cli import app
from hub.db.audit import AuditEvent
from hub.db.credit import Receivable
from hub.db.engine import Database
from hub.db.institution import Institution
from hub.quality.clock import today
from tests import factories
from tests.credit.desk import approved_profile, days_from_today, owed, receivable
from tests.graphql_client import GraphQLClient
from tests.sql_counting import counted_statements
from tests.transfer.test_import import _count, hub_env  # noqa: F401 - its fixture, for ours

Desk = tuple[GraphQLClient, GraphQLClient]
runner = CliRunner()

CUSTOMERS = """客户编号,客户名称,客户类型,统一社会信用代码,行政区划代码,地址
8812,复旦大学附属中山医院,医院,123100004250061179,310104,上海市徐汇区枫林路180号
8813,上海康泽医疗器械有限公司,经销商,91310000MA1FL1RW7E,310104,上海市徐汇区虹桥路1号
"""


def _ledger(code_of: dict[str, str]) -> str:
    due_soon = (today() + timedelta(days=20)).isoformat()
    overdue = (today() - timedelta(days=40)).isoformat()
    return (
        "客户编码,客户名称,单据号,单据日期,应收金额,到期日,账龄\n"
        f'{code_of["8812"]},复旦大学附属中山医院,AR2026-0001,2026-10-01,"1,280,000.00",{due_soon},63\n'
        f"{code_of['8813']},上海康泽医疗器械有限公司,AR2026-0002,2026-09-01,35600.50,{overdue},93\n"
        f"NOPE,不存在的客户,AR2026-0003,2026-09-01,100.00,{overdue},93\n"
    )


async def _codes(shared: Database) -> dict[str, str]:
    database = Database(shared.url)
    try:
        async with database.reader() as session:
            rows = await session.execute(select(Institution.name, Institution.code))
            names = dict(rows.all())
    finally:
        await database.dispose()
    return {"8812": names["复旦大学附属中山医院"], "8813": names["上海康泽医疗器械有限公司"]}


def _import(*args: str) -> str:
    result = runner.invoke(app, ["import", *args])
    return f"{result.exit_code}\n{result.output}"


def test_the_erp_ledger_imports_by_its_chinese_headers_once(
    hub_env: Database,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text(CUSTOMERS, encoding="utf-8-sig")
    _import("institutions", str(customers), "--source-system", "crm")
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(_ledger(asyncio.run(_codes(hub_env))), encoding="utf-8-sig")
    refused = _import("receivables", str(ledger), "--source-system", "kingdee")
    assert refused.startswith("2\n") and "Nothing was imported." in refused  # not held: say so
    unheld = ("--ignore-column", "客户名称", "--ignore-column", "账龄")
    output = _import("receivables", str(ledger), "--source-system", "kingdee", *unheld)
    assert "3 rows read: 2 created, 0 updated, 0 unchanged, 1 refused." in output
    assert "institution_code" in output and "NOT_FOUND" in output
    events = asyncio.run(_count(hub_env, AuditEvent))
    again = _import("receivables", str(ledger), "--source-system", "kingdee", *unheld)
    assert "3 rows read: 0 created, 0 updated, 2 unchanged, 1 refused." in again
    assert asyncio.run(_count(hub_env, Receivable)) == 2
    assert asyncio.run(_count(hub_env, AuditEvent)) == events


RECEIVABLES = """
query($id: ID!) {
  node(id: $id) {
    ... on Institution {
      receivables { documentNumber amount currency dueOn asOf documentDate daysOverdue }
    }
  }
}
"""


async def _documents(api: GraphQLClient, institution_id: str) -> list[dict[str, Any]]:
    return (await api.data(RECEIVABLES, id=institution_id))["node"]["receivables"]


async def test_resending_a_document_updates_it_in_place(api: GraphQLClient) -> None:
    buyer = await factories.institution(api, code="DIS-1")
    first = await receivable(api, buyer["id"], "AR-1", "5000.00", -3, asOf=days_from_today(-1))
    same = await receivable(api, buyer["id"], "AR-1", "5000.00", -3, asOf=days_from_today(-1))
    assert same["receivable"] == first["receivable"]  # same id, same version: nothing written
    paid = await receivable(api, buyer["id"], "AR-1", "0.00", -3, asOf=days_from_today(0))
    assert paid["receivable"]["id"] == first["receivable"]["id"]
    assert await _documents(api, buyer["id"]) == [
        {
            "documentNumber": "AR-1",
            "amount": "0.00",
            "currency": "CNY",
            "dueOn": days_from_today(-3),
            "asOf": days_from_today(0),
            "documentDate": None,
            "daysOverdue": 0,
        }
    ]


async def test_an_older_fact_does_not_overwrite_a_newer_one(api: GraphQLClient) -> None:
    buyer = await factories.institution(api, code="DIS-1")
    await receivable(api, buyer["id"], "AR-1", "800.00", -5, asOf=days_from_today(0))
    stale = await receivable(api, buyer["id"], "AR-1", "9999.00", -5, asOf=days_from_today(-7))
    assert stale["userErrors"] == []
    assert [d["amount"] for d in await _documents(api, buyer["id"])] == ["800.00"]
    assert (await _documents(api, buyer["id"]))[0]["daysOverdue"] == 5


async def test_bad_receivables_are_refused_field_by_field(api: GraphQLClient) -> None:
    buyer = await factories.institution(api, code="DIS-1")
    bad = await receivable(api, buyer["id"], "AR-1", "-1.005", 3, currency="CN¥")
    assert [(e["field"], e["code"]) for e in bad["userErrors"]] == [
        (["input", "amount"], "INVALID"),
        (["input", "currency"], "INVALID"),
    ]
    assert await _documents(api, buyer["id"]) == []


async def test_the_same_document_number_in_two_systems_is_two_documents(
    api: GraphQLClient,
) -> None:
    buyer = await factories.institution(api, code="DIS-1")
    await receivable(api, buyer["id"], "AR-1", "100.00", 3)
    other = {"source": {"system": "u8", "id": "AR-1"}}
    await receivable(api, buyer["id"], "AR-1", "200.00", 3, **other)
    assert sorted(d["amount"] for d in await _documents(api, buyer["id"])) == ["100.00", "200.00"]


ALERTS = """
{ alerts(withinDays: 30, kinds: [CREDIT_EXPIRING, CREDIT_TIER, RECEIVABLE_DUE]) {
    kind daysLeft label institution { code } } }
"""


async def test_credit_alerts_list_expiring_profiles_tiers_and_receivables_due(
    api: GraphQLClient, desk: Desk
) -> None:
    buyer = await factories.institution(api, code="DIS-1")
    await approved_profile(desk, buyer["id"], rating="B", validTo=days_from_today(25))
    await owed(desk[0], buyer["id"], "AR-LATE", "100.00", -12)
    await owed(desk[0], buyer["id"], "AR-SOON", "100.00", 10)
    await owed(desk[0], buyer["id"], "AR-LATER", "100.00", 45)
    await owed(desk[0], buyer["id"], "AR-PAID", "0.00", -30)
    found = (await api.data(ALERTS))["alerts"]
    assert [(a["kind"], a["daysLeft"], a["label"]) for a in found] == [
        ("RECEIVABLE_DUE", -12, "AR-LATE"),
        ("CREDIT_TIER", 0, "WARNING"),
        ("RECEIVABLE_DUE", 10, "AR-SOON"),
        ("CREDIT_EXPIRING", 25, "B"),
    ]
    assert {alert["institution"]["code"] for alert in found} == {"DIS-1"}


async def _branches(api: GraphQLClient, erp: GraphQLClient, group_id: str, numbers: range) -> None:
    for number in numbers:
        branch = await factories.institution(api, code=f"B-{number}", parentId=group_id)
        await owed(erp, branch["id"], f"AR-{number}", "10.00", -number)


async def test_the_credit_status_of_a_page_costs_the_same_statements_for_any_size(
    api: GraphQLClient, desk: Desk, database: Database
) -> None:
    group = await factories.institution(api, code="GRP")
    await approved_profile(desk, group["id"])
    query = "{ institutions(first: 50) { nodes { code creditStatus { status exposure } } } }"
    counts = []
    for numbers in (range(1, 3), range(3, 13)):
        await _branches(api, desk[0], group["id"], numbers)
        with counted_statements(database) as statements:
            found = (await api.data(query))["institutions"]["nodes"]
        counts.append(len(statements))
    assert len(found) == 13
    assert {node["creditStatus"]["exposure"] for node in found} == {"120.00"}
    assert counts[0] == counts[1]
