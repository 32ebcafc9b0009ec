"""shipCheck: compliance plus the credit gate; an approved override lets a held buyer through."""

from datetime import UTC, datetime, timedelta
from typing import Any

from hub.db.enums import Role
from tests import factories
from tests.authz.conftest import RoleClient
from tests.channel.building import authorise
from tests.credit.desk import REQUEST_OVERRIDE, approved_profile, owed, review
from tests.graphql_client import GraphQLClient
from tests.quality.reviewing import DISTRIBUTOR_USCC, approved

Desk = tuple[GraphQLClient, GraphQLClient]
Reviewers = tuple[GraphQLClient, GraphQLClient]

SHIP_CHECK = """
query($institution: ID!, $model: ID!, $serial: String) {
  shipCheck(institutionId: $institution, deviceModelId: $model, serialNumber: $serial) {
    decision reasons { code message }
  }
}
"""
COMPLIANCE = """
query($institution: ID!, $model: ID!) {
  complianceCheck(institutionId: $institution, deviceModelId: $model) { decision reasons { code } }
}
"""


async def _qualified(api: GraphQLClient, reviewers: Reviewers, **input: Any) -> dict[str, Any]:
    """A distributor with an approved business licence and a Class II filing for category 07."""
    buyer = await factories.institution(
        api,
        code="DIS-1",
        name="上海康泽医疗器械有限公司",
        kind="DISTRIBUTOR",
        uscc=DISTRIBUTOR_USCC,
        **input,
    )
    await approved(
        api, reviewers, institutionId=buyer["id"], kind="BUSINESS_LICENSE", number=DISTRIBUTOR_USCC
    )
    await approved(
        api,
        reviewers,
        institutionId=buyer["id"],
        kind="CLASS_II_FILING",
        number="沪徐药监械经营备20220012号",
        scope={"deviceClasses": ["II"], "categories": ["07"]},
    )
    return buyer


async def _authorised_monitor(
    api: GraphQLClient, reviewers: Reviewers, buyer_id: str
) -> dict[str, Any]:
    """A monitor model the distributor holds the manufacturer's letter for."""
    monitor = await factories.device_model(api)
    await authorise(api, reviewers, buyer_id, [monitor["id"]])
    return monitor


async def _held(api: GraphQLClient, reviewers: Reviewers, desk: Desk) -> tuple[str, str]:
    """(buyer id, monitor model id): a qualified buyer over its credit limit."""
    buyer = await _qualified(api, reviewers)
    monitor = await _authorised_monitor(api, reviewers, buyer["id"])
    await approved_profile(desk, buyer["id"], creditLimit="100000")
    await owed(desk[0], buyer["id"], "AR-1", "120000.00", 30)
    return buyer["id"], monitor["id"]


async def _ship(caller: GraphQLClient, buyer: str, model: str, serial: str | None = None) -> Any:
    body = await caller.data(SHIP_CHECK, institution=buyer, model=model, serial=serial)
    check = body["shipCheck"]
    return check["decision"], [reason["code"] for reason in check["reasons"]]


async def _override(officer: GraphQLClient, institution_id: str, hours: int = 8) -> dict[str, Any]:
    until = (datetime.now(UTC) + timedelta(hours=hours)).isoformat()
    values = {
        "institutionId": institution_id,
        "overrideUntil": until,
        "reason": "院长特批，急救设备",
    }
    return (await officer.data(REQUEST_OVERRIDE, input=values))["requestCreditOverride"]


async def test_a_buyer_on_credit_hold_is_denied_for_credit(
    api: GraphQLClient, reviewers: Reviewers, desk: Desk
) -> None:
    buyer, monitor = await _held(api, reviewers, desk)
    assert await _ship(api, buyer, monitor) == (
        "DENIED",
        ["COVERED", "CREDIT_HOLD", "CREDIT_UTILISATION"],
    )


async def test_the_compliance_checks_keep_answering_compliance_only(
    api: GraphQLClient, reviewers: Reviewers, desk: Desk
) -> None:
    buyer, monitor = await _held(api, reviewers, desk)
    found = await api.data(COMPLIANCE, institution=buyer, model=monitor)
    assert found["complianceCheck"] == {"decision": "ALLOWED", "reasons": [{"code": "COVERED"}]}


async def test_a_warning_does_not_stop_the_shipment(
    api: GraphQLClient, reviewers: Reviewers, desk: Desk
) -> None:
    buyer = await _qualified(api, reviewers)
    monitor = await _authorised_monitor(api, reviewers, buyer["id"])
    await approved_profile(desk, buyer["id"], creditLimit="100000")
    await owed(desk[0], buyer["id"], "AR-1", "90000.00", 30)
    assert await _ship(api, buyer["id"], monitor["id"]) == ("ALLOWED", ["COVERED"])


async def test_compliance_and_credit_refusals_are_reported_together(
    api: GraphQLClient, reviewers: Reviewers, desk: Desk
) -> None:
    buyer, monitor = await _held(api, reviewers, desk)
    assert await _ship(api, buyer, monitor, "NO-SUCH-SERIAL") == (
        "DENIED",
        ["DEVICE_NOT_FOUND", "CREDIT_HOLD", "CREDIT_UTILISATION"],
    )


async def test_only_an_approved_override_lets_a_held_buyer_through(
    api: GraphQLClient, reviewers: Reviewers, desk: Desk
) -> None:
    buyer, monitor = await _held(api, reviewers, desk)
    requested = await _override(desk[0], buyer)
    assert requested["userErrors"] == []
    assert (await _ship(api, buyer, monitor))[0] == "DENIED"
    decided = await review(desk[1], requested["creditRequest"]["id"], comment="同意，限今日")
    assert decided["creditRequest"]["reviewStatus"] == "APPROVED"
    check = (await api.data(SHIP_CHECK, institution=buyer, model=monitor))["shipCheck"]
    assert check["decision"] == "ALLOWED"
    assert [reason["code"] for reason in check["reasons"]] == ["COVERED", "CREDIT_OVERRIDE"]
    assert "approved by key:credit-qian: 院长特批，急救设备" in check["reasons"][1]["message"]


async def test_withdrawing_an_override_ends_it(
    api: GraphQLClient, reviewers: Reviewers, desk: Desk
) -> None:
    buyer, monitor = await _held(api, reviewers, desk)
    requested = await _override(desk[0], buyer)
    await review(desk[1], requested["creditRequest"]["id"])
    withdrawn = await desk[0].data(
        "mutation($input: ArchiveInput!) { archiveCreditRequest(input: $input) "
        "{ creditRequest { status } userErrors { code } } }",
        input={"id": requested["creditRequest"]["id"]},
    )
    assert withdrawn["archiveCreditRequest"]["creditRequest"] == {"status": "ARCHIVED"}
    assert (await _ship(api, buyer, monitor))[0] == "DENIED"


async def test_an_override_must_end_in_the_future(api: GraphQLClient, desk: Desk) -> None:
    buyer = await factories.institution(api, code="DIS-1")
    requested = await _override(desk[0], buyer["id"], hours=-1)
    assert [(e["field"], e["code"]) for e in requested["userErrors"]] == [
        (["input", "overrideUntil"], "INVALID")
    ]


async def test_an_override_on_the_group_covers_its_branches(
    api: GraphQLClient, reviewers: Reviewers, desk: Desk
) -> None:
    group = await factories.institution(api, code="GRP", name="国药控股上海有限公司")
    branch = await _qualified(api, reviewers, parentId=group["id"])
    monitor = await _authorised_monitor(api, reviewers, branch["id"])
    await approved_profile(desk, group["id"], creditLimit="1000")
    await owed(desk[0], branch["id"], "AR-1", "5000.00", 30)
    assert (await _ship(api, branch["id"], monitor["id"]))[0] == "DENIED"
    requested = await _override(desk[0], group["id"])
    await review(desk[1], requested["creditRequest"]["id"])
    assert await _ship(api, branch["id"], monitor["id"]) == (
        "ALLOWED",
        ["COVERED", "CREDIT_OVERRIDE"],
    )


async def test_the_wms_sees_status_and_reasons_but_never_amounts(
    api: GraphQLClient, reviewers: Reviewers, desk: Desk, as_role: RoleClient
) -> None:
    buyer, monitor = await _held(api, reviewers, desk)
    wms = await as_role(Role.WMS)
    assert (await _ship(wms, buyer, monitor))[0] == "DENIED"
    body = await wms.execute(
        '{ institution(code: "DIS-1") { creditStatus { status oldestOverdueDays '
        "reasons { code message } utilisation exposure overdueAmount } creditProfile { id } "
        "receivables { amount } } }"
    )
    found = body["data"]["institution"]
    assert found["creditStatus"] == {
        "status": "HOLD",
        "oldestOverdueDays": None,
        "reasons": [
            {"code": "CREDIT_UTILISATION", "message": "Utilisation is 120 %, at or above 100 %."}
        ],
        "utilisation": None,
        "exposure": None,
        "overdueAmount": None,
    }
    refused = {tuple(error["path"][1:]) for error in body["errors"]}
    assert refused == {
        ("creditStatus", "utilisation"),
        ("creditStatus", "exposure"),
        ("creditStatus", "overdueAmount"),
        ("creditProfile",),
        ("receivables",),
    }
    assert {error["extensions"]["code"] for error in body["errors"]} == {"FORBIDDEN"}


async def test_sales_see_their_region_status_with_amounts_withheld(
    api: GraphQLClient, desk: Desk, as_role: RoleClient
) -> None:
    shanghai = await factories.institution(api, code="SH-1", orgPath="cn/east/shanghai")
    await factories.institution(api, code="BJ-1", orgPath="cn/north/beijing")
    await approved_profile(desk, shanghai["id"], creditLimit="1000")
    await owed(desk[0], shanghai["id"], "AR-1", "900.00", 30)
    sales = await as_role(Role.SALES, "cn/east/shanghai")
    body = await sales.execute(
        "{ institutions { nodes { code creditStatus { status utilisation exposure } } } }"
    )
    assert body["data"]["institutions"]["nodes"] == [
        {
            "code": "SH-1",
            "creditStatus": {"status": "WARNING", "utilisation": 0.9, "exposure": None},
        }
    ]
    assert "errors" not in body
