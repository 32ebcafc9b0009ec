"""Merging institutions joins their departments by code and moves interactions and trainings;
merging contacts moves their participations and attendances; undo restores every row."""

from typing import Any

from tests import factories
from tests.graphql_client import GraphQLClient

MERGE_INSTITUTIONS = """
mutation($input: MergeInput!) {
  mergeInstitutions(input: $input) { mergeEvent { id } userErrors { field code message } }
}
"""
MERGE_CONTACTS = """
mutation($input: MergeInput!) {
  mergeContacts(input: $input) { mergeEvent { id } userErrors { field code message } }
}
"""
UNDO = """
mutation($id: ID!) {
  undoMerge(input: {mergeEventId: $id}) { mergeEvent { undoneAt } userErrors { message } }
}
"""
ARCHIVE = """
query($survivor: ID!, $merged: ID!) {
  survivor: node(id: $survivor) { ... on Institution {
    departments { id code contacts { name } devices { serialNumber } }
    interactions { id department { id } } trainings { id department { id } } } }
  merged: node(id: $merged) { ... on Institution {
    departments { id code } interactions { id } trainings { id } } }
}
"""


async def _two_branches(api: GraphQLClient) -> dict[str, Any]:
    """Two records of one hospital, each with a cardiology department (with a person, a device,
    an interaction and a training), and the duplicate also with an ICU."""
    model = await factories.device_model(api)
    made: dict[str, Any] = {"model": model}
    for key, name, org_path in (
        ("survivor", "上海市第六人民医院", "cn/east/shanghai"),
        ("merged", "上海第六人民医院", "cn/east/shanghai/xuhui"),
    ):
        hospital = await factories.institution(api, name=name, orgPath=org_path)
        cardiology = await factories.department(api, hospital["id"], name="心内科")
        person = await factories.contact(
            api, hospital["id"], name=f"{key}医生", department="心内", mobile=None
        )
        await factories.device(
            api,
            model["id"],
            serialNumber=f"SN-{key}",
            institutionId=hospital["id"],
            departmentId=cardiology["id"],
        )
        visit = await factories.interaction(
            api, hospital["id"], departmentId=cardiology["id"], contactIds=[person["id"]]
        )
        course = await factories.training(
            api,
            hospital["id"],
            cardiology["id"],
            model["id"],
            attendees=[{"contactId": person["id"]}],
        )
        made[key] = {
            "institution": hospital,
            "cardiology": cardiology,
            "person": person,
            "visit": visit,
            "training": course,
        }
    made["icu"] = await factories.department(api, made["merged"]["institution"]["id"], name="ICU")
    return made


async def _archive(api: GraphQLClient, world: dict[str, Any]) -> dict[str, Any]:
    return await api.data(
        ARCHIVE,
        survivor=world["survivor"]["institution"]["id"],
        merged=world["merged"]["institution"]["id"],
    )


async def test_merging_institutions_joins_departments_by_code(api: GraphQLClient) -> None:
    world = await _two_branches(api)
    payload = await api.data(
        MERGE_INSTITUTIONS,
        input={
            "survivorId": world["survivor"]["institution"]["id"],
            "mergedIds": [world["merged"]["institution"]["id"]],
        },
    )
    assert payload["mergeInstitutions"]["userErrors"] == []
    after = await _archive(api, world)
    departments = after["survivor"]["departments"]
    assert [(d["id"], d["code"]) for d in departments] == [
        (world["survivor"]["cardiology"]["id"], "03.04"),
        (world["icu"]["id"], "28"),
    ]
    cardiology = departments[0]
    assert sorted(c["name"] for c in cardiology["contacts"]) == ["merged医生", "survivor医生"]
    assert sorted(d["serialNumber"] for d in cardiology["devices"]) == ["SN-merged", "SN-survivor"]
    kept = world["survivor"]["cardiology"]["id"]
    assert {i["department"]["id"] for i in after["survivor"]["interactions"]} == {kept}
    assert {t["department"]["id"] for t in after["survivor"]["trainings"]} == {kept}
    assert len(after["survivor"]["interactions"]) == len(after["survivor"]["trainings"]) == 2
    merged_id = world["merged"]["cardiology"]["id"]
    merged_department = await api.data(
        "query($id: ID!) { node(id: $id) { id ... on Department { redirectedFrom } } "
        "departments(filter: {statuses: [MERGED]}) { nodes { id mergedInto { id } } } }",
        id=merged_id,
    )
    assert merged_department["node"] == {"id": kept, "redirectedFrom": merged_id}
    assert merged_department["departments"]["nodes"] == [
        {"id": merged_id, "mergedInto": {"id": kept}}
    ]


async def test_moved_records_take_the_survivors_organisation_unit(api: GraphQLClient) -> None:
    world = await _two_branches(api)
    await api.data(
        MERGE_INSTITUTIONS,
        input={
            "survivorId": world["survivor"]["institution"]["id"],
            "mergedIds": [world["merged"]["institution"]["id"]],
        },
    )
    body = await api.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Record { orgPath } } }",
        ids=[world["merged"]["visit"]["id"], world["merged"]["training"]["id"], world["icu"]["id"]],
    )
    assert [node["orgPath"] for node in body["nodes"]] == ["cn/east/shanghai"] * 3


async def test_undoing_the_merge_restores_departments_and_their_records(
    api: GraphQLClient,
) -> None:
    world = await _two_branches(api)
    before = await _archive(api, world)
    payload = await api.data(
        MERGE_INSTITUTIONS,
        input={
            "survivorId": world["survivor"]["institution"]["id"],
            "mergedIds": [world["merged"]["institution"]["id"]],
        },
    )
    undone = await api.data(UNDO, id=payload["mergeInstitutions"]["mergeEvent"]["id"])
    assert undone["undoMerge"]["userErrors"] == []
    assert await _archive(api, world) == before


async def test_merging_contacts_moves_participations_and_attendances(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    cardiology = await factories.department(api, hospital["id"], name="心内科")
    model = await factories.device_model(api)
    survivor = await factories.contact(api, hospital["id"], name="张伟", department="心内科")
    duplicate = await factories.contact(api, hospital["id"], name="張偉", department="心内科")
    visit = await factories.interaction(api, hospital["id"], contactIds=[duplicate["id"]])
    course = await factories.training(
        api,
        hospital["id"],
        cardiology["id"],
        model["id"],
        attendees=[{"contactId": duplicate["id"], "certificateNumber": "OP-1"}],
    )
    payload = await api.data(
        MERGE_CONTACTS, input={"survivorId": survivor["id"], "mergedIds": [duplicate["id"]]}
    )
    assert payload["mergeContacts"]["userErrors"] == []
    query = (
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Interaction { contacts { id } } "
        "... on Training { attendees { certificateNumber contact { id } } } } }"
    )
    moved = await api.data(query, ids=[visit["id"], course["id"]])
    assert moved["nodes"][0]["contacts"] == [{"id": survivor["id"]}]
    assert moved["nodes"][1]["attendees"] == [
        {"certificateNumber": "OP-1", "contact": {"id": survivor["id"]}}
    ]
    undone = await api.data(UNDO, id=payload["mergeContacts"]["mergeEvent"]["id"])
    assert undone["undoMerge"]["userErrors"] == []
    restored = await api.data(query, ids=[visit["id"], course["id"]])
    assert restored["nodes"][0]["contacts"] == [{"id": duplicate["id"]}]
