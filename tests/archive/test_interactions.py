"""Interactions: recorded once per source ID, participants, validation, and who may read them."""

from typing import Any

from hub.db.enums import Role
from tests import factories
from tests.authz.conftest import BEIJING, SHANGHAI, RoleClient
from tests.graphql_client import GraphQLClient

UPSERT = """
mutation Upsert($input: UpsertInteractionInput!) {
  upsertInteraction(input: $input) {
    interaction { id outcome version contacts { name } department { code } }
    userErrors { field code message }
  }
}
"""


async def _visit(api: GraphQLClient, **extra: Any) -> dict[str, Any]:
    hospital = await factories.institution(api, orgPath=SHANGHAI)
    person = await factories.contact(api, hospital["id"], department="心内科")
    return {
        "source": {"system": "crm", "id": "ACT-1"},
        "institutionId": hospital["id"],
        "kind": "VISIT",
        "occurredAt": "2026-03-02T02:00:00+00:00",
        "ourPerson": "王销售",
        "channel": "IN_PERSON",
        "summary": "张主任希望试用监护仪",
        "contactIds": [person["id"]],
        **extra,
    }


async def test_the_same_source_activity_twice_is_one_interaction(api: GraphQLClient) -> None:
    values = await _visit(api)
    first = (await api.data(UPSERT, input=values))["upsertInteraction"]
    second = (await api.data(UPSERT, input={**values, "outcome": "约定下周演示"}))[
        "upsertInteraction"
    ]
    assert first["userErrors"] == second["userErrors"] == []
    assert second["interaction"]["id"] == first["interaction"]["id"]
    assert second["interaction"]["outcome"] == "约定下周演示"
    assert second["interaction"]["contacts"] == [{"name": "张伟"}]
    listed = await api.data("{ interactions { totalCount } }")
    assert listed["interactions"]["totalCount"] == 1


async def test_participants_must_work_at_the_institution(api: GraphQLClient) -> None:
    values = await _visit(api)
    elsewhere = await factories.institution(api, name="北京协和医院", orgPath=BEIJING)
    stranger = await factories.contact(api, elsewhere["id"], name="赵医生")
    values["contactIds"] = [values["contactIds"][0], stranger["id"]]
    payload = (await api.data(UPSERT, input=values))["upsertInteraction"]
    assert payload["interaction"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "contactIds", "1"], "MISMATCH")
    ]


async def test_a_follow_up_before_the_interaction_is_refused(api: GraphQLClient) -> None:
    values = await _visit(api, nextFollowUpOn="2026-03-01")
    payload = (await api.data(UPSERT, input=values))["upsertInteraction"]
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "nextFollowUpOn"], "INVALID")
    ]


async def test_updating_contact_ids_replaces_the_participants(api: GraphQLClient) -> None:
    values = await _visit(api)
    made = (await api.data(UPSERT, input=values))["upsertInteraction"]["interaction"]
    other = await factories.contact(api, values["institutionId"], name="李娜")
    body = await api.data(
        "mutation($input: UpdateInteractionInput!) { updateInteraction(input: $input) "
        "{ interaction { contacts { name } } userErrors { code } } }",
        input={"id": made["id"], "contactIds": [other["id"]]},
    )
    assert body["updateInteraction"]["interaction"]["contacts"] == [{"name": "李娜"}]


SUMMARY = "query($id: ID!) { node(id: $id) { ... on Interaction { summary ourPerson } } }"


async def test_summaries_are_clear_for_sales_of_the_region_and_masked_for_auditors(
    api: GraphQLClient, as_role: RoleClient
) -> None:
    values = await _visit(api)
    made = (await api.data(UPSERT, input=values))["upsertInteraction"]["interaction"]
    shanghai_sales = await as_role(Role.SALES, SHANGHAI)
    auditor = await as_role(Role.AUDITOR)
    steward = await as_role(Role.STEWARD)
    assert (await shanghai_sales.data(SUMMARY, id=made["id"]))["node"]["summary"] == values[
        "summary"
    ]
    assert (await steward.data(SUMMARY, id=made["id"]))["node"]["summary"] == values["summary"]
    assert (await auditor.data(SUMMARY, id=made["id"]))["node"]["summary"] == "张***"


async def test_the_wms_and_other_regions_never_read_interactions(
    api: GraphQLClient, as_role: RoleClient
) -> None:
    values = await _visit(api)
    made = (await api.data(UPSERT, input=values))["upsertInteraction"]["interaction"]
    for caller in (await as_role(Role.WMS), await as_role(Role.SALES, BEIJING)):
        body = await caller.execute(SUMMARY, id=made["id"])
        assert body["data"] == {"node": None}
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        listed = await caller.execute("{ interactions { totalCount } }")
        assert listed.get("data") is None or listed["data"]["interactions"]["totalCount"] == 0


async def test_the_wms_change_feed_carries_no_interaction_events(
    api: GraphQLClient, as_role: RoleClient
) -> None:
    values = await _visit(api)
    await api.data(UPSERT, input=values)
    wms = await as_role(Role.WMS)
    body = await wms.data("{ changes(after: 0, first: 100) { events { entityType } } }")
    kinds = {event["entityType"] for event in body["changes"]["events"]}
    assert "Institution" in kinds
    assert not kinds & {"Interaction", "InteractionParticipant"}
