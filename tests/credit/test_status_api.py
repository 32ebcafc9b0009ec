"""Institution.creditStatus: every tier rule of the bundled rules file, on each database."""

from typing import Any

import pytest

from tests import factories
from tests.credit.desk import (
    approved_profile,
    credit_status,
    days_from_today,
    owed,
    receivable,
)
from tests.graphql_client import GraphQLClient

Desk = tuple[GraphQLClient, GraphQLClient]


@pytest.mark.parametrize(
    ("terms", "documents", "status", "codes"),
    [
        ({}, [], "NORMAL", []),
        ({}, [("79999.99", 30)], "NORMAL", []),
        ({}, [("50000.00", 30), ("30000.00", 45)], "WARNING", ["CREDIT_UTILISATION"]),
        ({}, [("100000.00", 30)], "HOLD", ["CREDIT_UTILISATION"]),
        ({}, [("1000.00", -10)], "WARNING", ["OVERDUE"]),
        ({}, [("1000.00", -60)], "WARNING", ["OVERDUE"]),
        ({}, [("1000.00", -61)], "HOLD", ["OVERDUE"]),
        ({"validTo": days_from_today(-1)}, [], "HOLD", ["CREDIT_EXPIRED"]),
        ({"validFrom": days_from_today(1)}, [], "HOLD", ["CREDIT_NOT_YET_VALID"]),
        ({"rating": "D"}, [], "HOLD", ["CREDIT_GRADE"]),
        ({"creditLimit": "0.00"}, [("1.00", 30)], "HOLD", ["CREDIT_UTILISATION"]),
        (
            {"rating": "C"},
            [("90000.00", 20), ("500.00", -75)],
            "HOLD",
            ["OVERDUE", "CREDIT_UTILISATION"],
        ),
    ],
)
async def test_each_tier_rule_sets_the_status_with_its_reason(
    terms: dict[str, Any],
    documents: list[tuple[str, int]],
    status: str,
    codes: list[str],
    api: GraphQLClient,
    desk: Desk,
) -> None:
    buyer = await factories.institution(api, code="DIS-1", name="上海康泽医疗器械有限公司")
    await approved_profile(desk, buyer["id"], **terms)
    for number, (amount, due_in) in enumerate(documents):
        await owed(desk[0], buyer["id"], f"AR-{number}", amount, due_in)
    found = await credit_status(api, "DIS-1")
    assert found["status"] == status
    assert [reason["code"] for reason in found["reasons"]] == codes


async def test_figures_are_computed_from_outstanding_documents(
    api: GraphQLClient, desk: Desk
) -> None:
    buyer = await factories.institution(api, code="DIS-1", name="上海康泽医疗器械有限公司")
    await approved_profile(desk, buyer["id"], creditLimit="200000.00")
    await owed(desk[0], buyer["id"], "AR-1", "30000.10", 15)
    await owed(desk[0], buyer["id"], "AR-2", "12000.20", -20)
    await owed(desk[0], buyer["id"], "AR-3", "8000.30", -5)
    await owed(desk[0], buyer["id"], "AR-4", "0.00", -90)  # paid off: counts for nothing
    found = await credit_status(api, "DIS-1")
    assert found["exposure"] == "50000.60"
    assert found["overdueAmount"] == "20000.50"
    assert found["oldestOverdueDays"] == 20
    assert found["utilisation"] == 0.25
    assert found["account"] == {"code": "DIS-1"}
    assert found["reasons"] == [
        {"code": "OVERDUE", "message": "A receivable is 20 days overdue (more than 0)."}
    ]


async def test_an_institution_without_a_profile_is_warned_about(api: GraphQLClient) -> None:
    await factories.institution(api, code="HOS-1")
    found = await credit_status(api, "HOS-1")
    assert found["status"] == "WARNING"
    assert found["utilisation"] is None
    assert found["reasons"][0]["code"] == "NO_CREDIT_PROFILE"


async def test_a_group_limit_is_shared_by_the_branches_without_their_own(
    api: GraphQLClient, desk: Desk
) -> None:
    group = await factories.institution(api, code="GRP", name="国药控股上海有限公司")
    east = await factories.institution(api, code="GRP-E", name="东区分公司", parentId=group["id"])
    west = await factories.institution(api, code="GRP-W", name="西区分公司", parentId=group["id"])
    depot = await factories.institution(api, code="GRP-E-1", name="东区仓", parentId=east["id"])
    own = await factories.institution(
        api, code="GRP-O", name="自有额度分公司", parentId=group["id"]
    )
    await approved_profile(desk, group["id"], creditLimit="100000.00")
    await approved_profile(desk, own["id"], creditLimit="10000.00")
    await owed(desk[0], east["id"], "AR-E", "40000.00", 30)
    await owed(desk[0], west["id"], "AR-W", "30000.00", 30)
    await owed(desk[0], depot["id"], "AR-D", "15000.00", 30)
    await owed(desk[0], own["id"], "AR-O", "9000.00", 30)  # its own account, not the group's
    for code in ("GRP", "GRP-E", "GRP-W", "GRP-E-1"):
        found = await credit_status(api, code)
        assert (found["status"], found["exposure"], found["account"]) == (
            "WARNING",
            "85000.00",
            {"code": "GRP"},
        ), code
    branch = await credit_status(api, "GRP-O")
    assert (branch["status"], branch["utilisation"], branch["account"]) == (
        "WARNING",
        0.9,
        {"code": "GRP-O"},
    )


async def test_receivables_in_another_currency_do_not_count_against_the_limit(
    api: GraphQLClient, desk: Desk
) -> None:
    buyer = await factories.institution(api, code="DIS-1", name="上海康泽医疗器械有限公司")
    await approved_profile(desk, buyer["id"])
    payload = await receivable(desk[0], buyer["id"], "AR-FX", "90000.00", 10, currency="USD")
    assert payload["userErrors"] == []
    assert (await credit_status(api, "DIS-1"))["exposure"] == "0.00"
