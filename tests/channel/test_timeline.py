"""Institution.timeline: newest first across sources, paged, and only what the caller may read."""

from typing import Any

from hub.db.enums import Role
from tests import factories
from tests.authz.conftest import RoleClient
from tests.channel.lending import lent, return_loan
from tests.graphql_client import GraphQLClient
from tests.sql_counting import counted_statements

TIMELINE = """
query Timeline($id: ID!, $first: Int, $after: String, $kinds: [TimelineKind!]) {
  node(id: $id) {
    ... on Institution {
      timeline(first: $first, after: $after, kinds: $kinds) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { kind at label recordType record { id } }
      }
    }
  }
}
"""


async def _history(api: GraphQLClient, approver: GraphQLClient) -> dict[str, Any]:
    """A hospital with a contract, a ticket and a returned demo loan."""
    hospital = await factories.institution(api, name="上海市东方医院", regionCode="310115")
    await api.data(
        "mutation($input: CreateContractInput!) { createContract(input: $input) "
        "{ contract { id } } }",
        input={
            "number": "HT-2025-8",
            "institutionId": hospital["id"],
            "kind": "SALES",
            "startsOn": "2025-05-01",
            "endsOn": "2027-04-30",
            "amount": "120000.00",
        },
    )
    await factories.ticket(api, hospital["id"], number="TK-1")
    model = await factories.device_model(api)
    unit = await factories.device(api, model["id"], serialNumber="DEMO-1")
    loan = await lent(
        api, approver, unit["id"], hospital["id"], startsOn="2026-01-10", dueBackOn="2026-02-10"
    )
    await return_loan(api, loan["id"], "2026-02-08")
    return hospital


async def _timeline(caller: GraphQLClient, institution_id: str, **args: Any) -> dict[str, Any]:
    body = await caller.execute(TIMELINE, id=institution_id, **args)
    return body["data"]["node"]["timeline"]


async def test_events_come_newest_first_across_sources(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital = await _history(api, reviewers[0])
    page = await _timeline(api, hospital["id"])
    kinds = [node["kind"] for node in page["nodes"]]
    dated = [(node["kind"], node["at"][:10]) for node in page["nodes"]]
    assert dated[0] == ("CONTRACT_ENDS", "2027-04-30")
    assert dated[-1] == ("CONTRACT_STARTS", "2025-05-01")
    assert ("DEMO_LOAN_RETURNED", "2026-02-08") in dated
    assert dated.index(("DEMO_LOAN_RETURNED", "2026-02-08")) < dated.index(
        ("DEMO_LOAN_OUT", "2026-01-10")
    )
    assert {"TICKET_OPENED", "DEMO_LOAN_REQUESTED"} <= set(kinds)
    assert [node["at"] for node in page["nodes"]] == sorted(
        (node["at"] for node in page["nodes"]), reverse=True
    )
    assert page["totalCount"] == len(page["nodes"]) == 6


async def test_pages_follow_on_without_gaps(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital = await _history(api, reviewers[0])
    whole = [n["kind"] for n in (await _timeline(api, hospital["id"]))["nodes"]]
    first = await _timeline(api, hospital["id"], first=4)
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await _timeline(api, hospital["id"], first=4, after=first["pageInfo"]["endCursor"])
    assert rest["pageInfo"]["hasNextPage"] is False
    assert [n["kind"] for n in first["nodes"] + rest["nodes"]] == whole


async def test_kinds_filter_the_events(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital = await _history(api, reviewers[0])
    page = await _timeline(api, hospital["id"], kinds=["DEMO_LOAN_OUT", "DEMO_LOAN_RETURNED"])
    assert [(n["kind"], n["label"]) for n in page["nodes"]] == [
        ("DEMO_LOAN_RETURNED", "心血管内科"),
        ("DEMO_LOAN_OUT", "心血管内科"),
    ]


async def test_wms_sees_only_the_records_the_wms_may_read(
    api: GraphQLClient,
    reviewers: tuple[GraphQLClient, GraphQLClient],
    as_role: RoleClient,
) -> None:
    hospital = await _history(api, reviewers[0])
    wms = await as_role(Role.WMS)
    page = await _timeline(wms, hospital["id"])
    assert {node["kind"] for node in page["nodes"]} == {
        "CONTRACT_STARTS",
        "CONTRACT_ENDS",
        "DEMO_LOAN_REQUESTED",
        "DEMO_LOAN_OUT",
        "DEMO_LOAN_RETURNED",
    }
    assert page["totalCount"] == 5


async def test_sales_of_another_region_see_nothing_of_the_customer(
    api: GraphQLClient,
    reviewers: tuple[GraphQLClient, GraphQLClient],
    as_role: RoleClient,
) -> None:
    hospital = await _history(api, reviewers[0])
    sales = await as_role(Role.SALES, "cn/north/beijing")
    body = await sales.execute(TIMELINE, id=hospital["id"])
    assert body["data"]["node"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_timelines_of_many_institutions_cost_two_statements(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient], database: Any
) -> None:
    for index in range(3):
        hospital = await factories.institution(api, name=f"医院{index}")
        await factories.ticket(api, hospital["id"], number=f"TK-{index}")
    query = "{ institutions { nodes { timeline(first: 5) { totalCount nodes { kind } } } } }"
    with counted_statements(database) as statements:
        data = await api.data(query)
    assert [n["timeline"]["totalCount"] for n in data["institutions"]["nodes"]] == [1, 1, 1]
    timeline_statements = [s for s in statements if "UNION ALL" in s]
    assert len(timeline_statements) == 2
