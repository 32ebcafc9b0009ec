"""Credit changes take effect only when another person approves them; the history stays."""

from typing import Any

from hub.db.enums import Role
from tests import factories
from tests.authz.conftest import RoleClient
from tests.credit.desk import approved_profile, owed, request_change, review
from tests.graphql_client import GraphQLClient

Desk = tuple[GraphQLClient, GraphQLClient]

PROFILE = """
query Profile($code: String!) {
  institution(code: $code) {
    creditProfile {
      id rating ratingMeaning creditLimit currency paymentTermsDays validTo approvedBy
      creditStatus creditReasons
    }
  }
}
"""
HISTORY = """
query History($id: ID!) {
  creditRequests(filter: {institutionId: $id}, orderBy: {field: CREATED_AT}) {
    totalCount
    nodes { kind rating creditLimit reviewStatus submittedBy reviewer reviewComment reason }
  }
}
"""


async def _buyer(api: GraphQLClient) -> dict[str, Any]:
    return await factories.institution(api, code="DIS-1", name="上海康泽医疗器械有限公司")


async def _profile(api: GraphQLClient) -> dict[str, Any] | None:
    return (await api.data(PROFILE, code="DIS-1"))["institution"]["creditProfile"]


async def test_a_requested_change_waits_for_review(api: GraphQLClient, desk: Desk) -> None:
    buyer = await _buyer(api)
    requested = await request_change(desk[0], buyer["id"], rating="B", creditLimit="50000")
    assert requested["userErrors"] == []
    assert requested["creditRequest"] | {"id": None} == {
        "id": None,
        "kind": "CHANGE",
        "reviewStatus": "SUBMITTED",
        "submittedBy": "key:credit-zhao",
        "rating": "B",
        "creditLimit": "50000.00",
        "currency": "CNY",
    }
    assert await _profile(api) is None


async def test_approval_by_another_person_makes_the_profile(api: GraphQLClient, desk: Desk) -> None:
    buyer = await _buyer(api)
    await approved_profile(
        desk,
        buyer["id"],
        rating="B",
        creditLimit="50000",
        paymentTermsDays=60,
        validTo="2030-12-31",
    )
    profile = await _profile(api)
    assert profile is not None
    assert profile | {"id": None} == {
        "id": None,
        "rating": "B",
        "ratingMeaning": "良好客户：偶有延迟，标准账期与额度",
        "creditLimit": "50000.00",
        "currency": "CNY",
        "paymentTermsDays": 60,
        "validTo": "2030-12-31",
        "approvedBy": "key:credit-qian",
        "creditStatus": "NORMAL",
        "creditReasons": [],
    }


async def test_the_submitter_cannot_approve_their_own_request(
    api: GraphQLClient, desk: Desk
) -> None:
    buyer = await _buyer(api)
    requested = await request_change(desk[0], buyer["id"])
    decided = await review(desk[0], requested["creditRequest"]["id"])
    assert decided["userErrors"] == [
        {
            "field": ["input", "id"],
            "code": "SAME_REVIEWER",
            "message": "The submitter cannot review the credit request.",
        }
    ]
    assert await _profile(api) is None


async def test_a_rejection_needs_a_reason_and_changes_nothing(
    api: GraphQLClient, desk: Desk
) -> None:
    buyer = await _buyer(api)
    await approved_profile(desk, buyer["id"], rating="A", creditLimit="100000")
    requested = await request_change(desk[0], buyer["id"], rating="A", creditLimit="900000")
    request_id = requested["creditRequest"]["id"]
    silent = await review(desk[1], request_id, "REJECT")
    assert [(e["field"], e["code"]) for e in silent["userErrors"]] == [
        (["input", "comment"], "REQUIRED")
    ]
    rejected = await review(desk[1], request_id, "REJECT", "回款记录不支持提额")
    assert rejected["creditRequest"]["reviewStatus"] == "REJECTED"
    assert (await _profile(api) or {})["creditLimit"] == "100000.00"
    again = await review(desk[1], request_id)
    assert [e["code"] for e in again["userErrors"]] == ["INVALID_TRANSITION"]


async def test_a_rating_must_be_a_grade_of_the_rules_file(api: GraphQLClient, desk: Desk) -> None:
    buyer = await _buyer(api)
    requested = await request_change(desk[0], buyer["id"], rating="AAA", creditLimit="-1")
    assert requested["creditRequest"] is None
    assert [(e["field"], e["code"]) for e in requested["userErrors"]] == [
        (["input", "rating"], "UNKNOWN_CODE"),
        (["input", "creditLimit"], "INVALID"),
    ]


async def test_only_the_credit_role_requests_and_another_person_approves(
    api: GraphQLClient, desk: Desk, as_role: RoleClient
) -> None:
    buyer = await _buyer(api)
    for role in (Role.STEWARD, Role.SALES, Role.CRM, Role.WMS, Role.AUDITOR):
        caller = await as_role(role)
        body = await caller.execute(
            "mutation($input: RequestCreditChangeInput!) { requestCreditChange(input: $input) "
            "{ creditRequest { id } } }",
            input={"institutionId": buyer["id"], "rating": "A", "creditLimit": "1", "reason": "x"},
        )
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", role
    requested = await request_change(desk[0], buyer["id"])
    steward = await as_role(Role.STEWARD)
    body = await steward.execute(
        "mutation($input: ReviewCreditRequestInput!) { reviewCreditRequest(input: $input) "
        "{ creditRequest { id } } }",
        input={"id": requested["creditRequest"]["id"], "decision": "APPROVE"},
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    approved = await review(api, requested["creditRequest"]["id"])  # an admin is another person
    assert approved["creditRequest"]["reviewStatus"] == "APPROVED"
    assert approved["creditRequest"]["reviewer"] == "key:admin"


async def test_every_change_is_kept_as_history_and_audited(api: GraphQLClient, desk: Desk) -> None:
    buyer = await _buyer(api)
    await approved_profile(desk, buyer["id"], rating="B", creditLimit="50000", reason="新客户")
    await approved_profile(desk, buyer["id"], rating="A", creditLimit="80000", reason="年审提额")
    history = (await api.data(HISTORY, id=buyer["id"]))["creditRequests"]
    assert history["totalCount"] == 2
    assert [(n["rating"], n["creditLimit"], n["reason"]) for n in history["nodes"]] == [
        ("B", "50000.00", "新客户"),
        ("A", "80000.00", "年审提额"),
    ]
    profile = await _profile(api)
    assert profile is not None
    trail = await api.data(
        "query($id: ID!) { auditTrail(entityId: $id) { nodes { action actor changes } } }",
        id=profile["id"],
    )
    events = trail["auditTrail"]["nodes"]
    assert [(e["action"], e["actor"]) for e in events] == [
        ("APPROVE", "key:credit-qian"),
        ("CREDIT_STATUS", "key:credit-qian"),
        ("APPROVE", "key:credit-qian"),
    ]
    assert events[2]["changes"]["credit_limit"] == {"before": "50000.00", "after": "80000.00"}


async def test_crossing_a_tier_is_a_change_event(api: GraphQLClient, desk: Desk) -> None:
    buyer = await _buyer(api)
    await approved_profile(desk, buyer["id"], creditLimit="100000")
    await owed(desk[0], buyer["id"], "AR-1", "85000.00", 30)
    await owed(desk[0], buyer["id"], "AR-2", "20000.00", 30)
    await owed(desk[0], buyer["id"], "AR-3", "10.00", -3)
    feed = await api.data(
        '{ changes(after: 0, entityTypes: ["CreditProfile"]) { events { action changes } } }'
    )
    steps = [
        (
            event["action"],
            event["changes"].get("credit_status", {}).get("after"),
            event["changes"].get("credit_reasons", {}).get("after"),
        )
        for event in feed["changes"]["events"]
    ]
    assert steps == [
        ("APPROVE", None, []),
        ("CREDIT_STATUS", "NORMAL", None),
        ("CREDIT_STATUS", "WARNING", ["CREDIT_UTILISATION"]),
        ("CREDIT_STATUS", "HOLD", None),  # the reason stays, the tier changes
        ("CREDIT_STATUS", None, ["CREDIT_UTILISATION", "OVERDUE"]),  # a new overdue
    ]
