"""Demo units: a loan is requested, approved by someone else, and returned with a note."""

from typing import Any

from hub.db.enums import Role
from tests import factories
from tests.authz.conftest import RoleClient
from tests.channel.lending import lent, request_loan, return_loan, review_loan
from tests.graphql_client import GraphQLClient


async def _unit(api: GraphQLClient) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    hospital = await factories.institution(api, name="上海市东方医院", regionCode="310115")
    model = await factories.device_model(api)
    lot = await factories.batch(api, model["id"])
    device = await factories.device(api, model["id"], serialNumber="DEMO-001", batchId=lot["id"])
    return hospital, device, lot


async def test_requested_loan_waits_for_approval(api: GraphQLClient) -> None:
    hospital, device, _ = await _unit(api)
    payload = await request_loan(api, deviceId=device["id"], institutionId=hospital["id"])
    assert payload["userErrors"] == []
    loan = payload["demoLoan"]
    assert (loan["status"], loan["requestedBy"], loan["approvedBy"]) == (
        "REQUESTED",
        "key:admin",
        None,
    )


async def test_the_requester_cannot_approve_their_own_loan(api: GraphQLClient) -> None:
    hospital, device, _ = await _unit(api)
    loan = (await request_loan(api, deviceId=device["id"], institutionId=hospital["id"]))[
        "demoLoan"
    ]
    payload = await review_loan(api, loan["id"])
    assert payload["demoLoan"] is None
    assert payload["userErrors"] == [
        {
            "field": ["input", "id"],
            "code": "SAME_REVIEWER",
            "message": "The requester cannot review the demo loan.",
        }
    ]


async def test_a_second_person_approves_and_the_unit_goes_out(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital, device, _ = await _unit(api)
    loan = await lent(api, reviewers[0], device["id"], hospital["id"])
    assert (loan["status"], loan["approvedBy"]) == ("APPROVED", "key:reviewer-li")
    custody = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Device { custody { status department "
        "institution { name } } } } }",
        id=device["id"],
    )
    assert custody["node"]["custody"] == [
        {
            "status": "APPROVED",
            "department": "心血管内科",
            "institution": {"name": "上海市东方医院"},
        }
    ]


async def test_rejection_needs_a_reason(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital, device, _ = await _unit(api)
    loan = (await request_loan(api, deviceId=device["id"], institutionId=hospital["id"]))[
        "demoLoan"
    ]
    refused = await review_loan(reviewers[0], loan["id"], "REJECT")
    assert refused["userErrors"][0]["code"] == "REQUIRED"
    rejected = await review_loan(reviewers[0], loan["id"], "REJECT", "样机已预留给展会")
    assert rejected["demoLoan"]["status"] == "REJECTED"
    assert rejected["demoLoan"]["approvalComment"] == "样机已预留给展会"


async def test_a_unit_on_loan_cannot_be_lent_again(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital, device, _ = await _unit(api)
    await lent(api, reviewers[0], device["id"], hospital["id"])
    other = await factories.institution(api, name="复旦大学附属中山医院", regionCode="310104")
    payload = await request_loan(api, deviceId=device["id"], institutionId=other["id"])
    assert payload["userErrors"] == [
        {
            "field": ["input", "deviceId"],
            "code": "INVALID_STATE",
            "message": "The unit is already on loan.",
        }
    ]


async def test_return_closes_the_loan_with_its_condition(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital, device, _ = await _unit(api)
    loan = await lent(api, reviewers[0], device["id"], hospital["id"])
    returned = await return_loan(api, loan["id"], "2026-03-28", "外壳轻微划痕,功能正常")
    assert returned["userErrors"] == []
    assert (
        returned["demoLoan"]["status"],
        returned["demoLoan"]["returnedOn"],
        returned["demoLoan"]["returnCondition"],
    ) == ("RETURNED", "2026-03-28", "外壳轻微划痕,功能正常")
    again = await return_loan(api, loan["id"])
    assert again["userErrors"][0]["code"] == "INVALID_TRANSITION"


async def test_return_before_the_start_is_refused(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital, device, _ = await _unit(api)
    loan = await lent(api, reviewers[0], device["id"], hospital["id"])
    payload = await return_loan(api, loan["id"], "2026-02-01")
    assert payload["userErrors"] == [
        {
            "field": ["input", "returnedOn"],
            "code": "INVALID",
            "message": "returned_on must be on or after starts_on.",
        }
    ]


async def test_due_date_before_start_is_a_user_error(api: GraphQLClient) -> None:
    hospital, device, _ = await _unit(api)
    payload = await request_loan(
        api,
        deviceId=device["id"],
        institutionId=hospital["id"],
        startsOn="2026-03-01",
        dueBackOn="2026-02-01",
    )
    assert payload["userErrors"] == [
        {
            "field": ["input", "dueBackOn"],
            "code": "INVALID",
            "message": "due_back_on must be on or after starts_on.",
        }
    ]


async def test_recall_trace_includes_every_borrower(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital, device, lot = await _unit(api)
    first = await lent(api, reviewers[0], device["id"], hospital["id"])
    await return_loan(api, first["id"])
    second_home = await factories.institution(api, name="复旦大学附属中山医院", regionCode="310104")
    await lent(
        api,
        reviewers[0],
        device["id"],
        second_home["id"],
        startsOn="2026-04-01",
        dueBackOn="2026-04-30",
    )
    trace = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Batch { institutions { name } } } }",
        id=lot["id"],
    )
    assert trace["node"]["institutions"] == [
        {"name": "上海市东方医院"},
        {"name": "复旦大学附属中山医院"},
    ]


async def test_overdue_loan_is_an_alert(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital, device, _ = await _unit(api)
    await lent(
        api,
        reviewers[0],
        device["id"],
        hospital["id"],
        startsOn="2020-01-01",
        dueBackOn="2020-02-01",
    )
    data = await api.data(
        "{ alerts(kinds: [DEMO_LOAN_DUE]) { kind dueOn daysLeft label institution { name } } }"
    )
    assert len(data["alerts"]) == 1
    alert = data["alerts"][0]
    assert (alert["kind"], alert["dueOn"], alert["label"]) == (
        "DEMO_LOAN_DUE",
        "2020-02-01",
        "心血管内科",
    )
    assert alert["daysLeft"] < 0
    assert alert["institution"] == {"name": "上海市东方医院"}


async def test_crm_requests_and_the_regions_sales_manager_approves(
    api: GraphQLClient, as_role: RoleClient
) -> None:
    hospital = await factories.institution(
        api, name="上海市东方医院", regionCode="310115", orgPath="cn/east/shanghai"
    )
    model = await factories.device_model(api)
    device = await factories.device(api, model["id"], serialNumber="DEMO-7")
    crm, sales = await as_role(Role.CRM), await as_role(Role.SALES, "cn/east/shanghai")
    requested = await request_loan(crm, deviceId=device["id"], institutionId=hospital["id"])
    assert requested["userErrors"] == []
    approved = await review_loan(sales, requested["demoLoan"]["id"])
    assert approved["userErrors"] == []
    assert approved["demoLoan"]["status"] == "APPROVED"


async def test_other_regions_and_the_wms_may_not_approve(
    api: GraphQLClient, as_role: RoleClient
) -> None:
    hospital, device, _ = await _unit(api)
    loan = (await request_loan(api, deviceId=device["id"], institutionId=hospital["id"]))[
        "demoLoan"
    ]
    beijing = await as_role(Role.SALES, "cn/north/beijing")
    wms = await as_role(Role.WMS)
    for caller in (beijing, wms):
        body = await caller.execute(
            "mutation($id: ID!) { reviewDemoLoan(input: {id: $id, decision: APPROVE}) "
            "{ demoLoan { status } userErrors { code } } }",
            id=loan["id"],
        )
        refused = body.get("errors") or body["data"]["reviewDemoLoan"]["userErrors"]
        assert refused, caller
    still = await api.data(
        "query($id: ID!) { node(id: $id) { ... on DemoLoan { status } } }", id=loan["id"]
    )
    assert still["node"]["status"] == "REQUESTED"
