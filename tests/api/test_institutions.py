"""Institutions: create, validate, update with optimistic locking, archive, look up."""

import uuid

from hub.global_ids import encode_id
from tests import factories
from tests.graphql_client import GraphQLClient

UPDATE = """
mutation Update($input: UpdateInstitutionInput!) {
  updateInstitution(input: $input) {
    institution { id name version status parent { name } }
    userErrors { field code message }
  }
}
"""

ARCHIVE = """
mutation Archive($input: ArchiveInput!) {
  archiveInstitution(input: $input) {
    institution { status }
    userErrors { field code message }
  }
}
"""


async def test_create_returns_the_stored_institution(api: GraphQLClient) -> None:
    created = await factories.institution(
        api, code="SH-ZS", name="  复旦大学附属中山医院 ", uscc="123100004250061179"
    )
    assert created["code"] == "SH-ZS"
    assert created["name"] == "复旦大学附属中山医院"
    assert created["version"] == 1
    assert created["status"] == "ACTIVE"
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Institution { uscc regionCode kind } } }",
        id=created["id"],
    )
    assert data["node"] == {
        "uscc": "123100004250061179",
        "regionCode": "310101",
        "kind": "HOSPITAL",
    }


async def test_code_is_generated_when_omitted(api: GraphQLClient) -> None:
    created = await factories.institution(api)
    assert created["code"].startswith("INS-")


async def test_bad_fields_are_all_reported_with_paths(api: GraphQLClient) -> None:
    payload = (
        await api.data(
            factories.CREATE_INSTITUTION,
            input={"name": "某医院", "kind": "HOSPITAL", "uscc": "123", "regionCode": "31"},
        )
    )["createInstitution"]
    assert payload["institution"] is None
    assert {(tuple(e["field"]), e["code"]) for e in payload["userErrors"]} == {
        (("input", "uscc"), "INVALID"),
        (("input", "regionCode"), "INVALID"),
    }


async def test_blank_name_is_required(api: GraphQLClient) -> None:
    payload = (
        await api.data(factories.CREATE_INSTITUTION, input={"name": "   ", "kind": "CLINIC"})
    )["createInstitution"]
    assert payload["userErrors"] == [
        {"field": ["input", "name"], "code": "REQUIRED", "message": "name must not be blank."}
    ]


async def test_duplicate_code_is_refused(api: GraphQLClient) -> None:
    await factories.institution(api, code="DUP-1")
    payload = (
        await api.data(
            factories.CREATE_INSTITUTION,
            input={"code": "DUP-1", "name": "另一家", "kind": "CLINIC"},
        )
    )["createInstitution"]
    assert payload["userErrors"][0]["code"] == "DUPLICATE"
    assert payload["userErrors"][0]["field"] == ["input", "code"]
    count = await api.data("{ institutions { totalCount } }")
    assert count["institutions"]["totalCount"] == 1


async def test_branch_inherits_parent_org_path(api: GraphQLClient) -> None:
    group = await factories.institution(api, orgPath="cn/east/shanghai")
    branch = await factories.institution(api, name="中山医院（徐汇院区）", parentId=group["id"])
    assert branch["orgPath"] == "cn/east/shanghai"
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Institution { children { name } } } }",
        id=group["id"],
    )
    # Names are stored NFKC-normalised: full-width brackets become half-width.
    assert data["node"]["children"] == [{"name": "中山医院(徐汇院区)"}]


async def test_parent_cycle_is_refused(api: GraphQLClient) -> None:
    group = await factories.institution(api, name="集团")
    branch = await factories.institution(api, name="分院", parentId=group["id"])
    payload = (await api.data(UPDATE, input={"id": group["id"], "parentId": branch["id"]}))[
        "updateInstitution"
    ]
    assert payload["userErrors"][0]["code"] == "CYCLE"


async def test_update_bumps_version_and_stale_version_conflicts(api: GraphQLClient) -> None:
    created = await factories.institution(api)
    first = (
        await api.data(UPDATE, input={"id": created["id"], "expectedVersion": 1, "name": "新名"})
    )["updateInstitution"]
    assert first["institution"]["version"] == 2
    stale = (
        await api.data(UPDATE, input={"id": created["id"], "expectedVersion": 1, "name": "旧名"})
    )["updateInstitution"]
    assert stale["institution"] is None
    assert stale["userErrors"][0]["code"] == "CONFLICT"
    assert stale["userErrors"][0]["field"] == ["input", "expectedVersion"]


async def test_update_with_no_change_keeps_the_version(api: GraphQLClient) -> None:
    created = await factories.institution(api, name="同名")
    payload = (await api.data(UPDATE, input={"id": created["id"], "name": "同名"}))[
        "updateInstitution"
    ]
    assert payload["institution"]["version"] == 1


async def test_status_cannot_be_set_to_merged_by_update(api: GraphQLClient) -> None:
    created = await factories.institution(api)
    payload = (await api.data(UPDATE, input={"id": created["id"], "status": "MERGED"}))[
        "updateInstitution"
    ]
    assert payload["userErrors"][0]["field"] == ["input", "status"]


async def test_archived_institution_leaves_lists_but_stays_addressable(api: GraphQLClient) -> None:
    created = await factories.institution(api, code="ARC-1")
    archived = (await api.data(ARCHIVE, input={"id": created["id"]}))["archiveInstitution"]
    assert archived["institution"]["status"] == "ARCHIVED"
    listed = await api.data("{ institutions { totalCount } }")
    assert listed["institutions"]["totalCount"] == 0
    with_archived = await api.data(
        "{ institutions(filter: {statuses: [ARCHIVED]}) { nodes { code } } }"
    )
    assert with_archived["institutions"]["nodes"] == [{"code": "ARC-1"}]
    again = (await api.data(ARCHIVE, input={"id": created["id"]}))["archiveInstitution"]
    assert again["userErrors"][0]["code"] == "INVALID_STATE"


async def test_lookup_by_code_and_by_uscc(api: GraphQLClient) -> None:
    await factories.institution(api, code="BJ-XH", name="北京协和医院", uscc="12100000400000624D")
    data = await api.data(
        '{ a: institution(code: "BJ-XH") { name } '
        'b: institutionByUscc(uscc: "12100000400000624d") { code } '
        'c: institution(code: "nope") { name } }'
    )
    assert data == {"a": {"name": "北京协和医院"}, "b": {"code": "BJ-XH"}, "c": None}


async def test_nodes_answers_in_order_with_null_for_missing(api: GraphQLClient) -> None:
    first = await factories.institution(api, name="甲")
    second = await factories.institution(api, name="乙")
    missing = encode_id("Institution", uuid.uuid4())
    data = await api.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Institution { name } } }",
        ids=[second["id"], missing, first["id"]],
    )
    assert [node and node["name"] for node in data["nodes"]] == ["乙", None, "甲"]


async def test_update_with_wrong_id_type_is_a_user_error(api: GraphQLClient) -> None:
    model = await factories.device_model(api)
    payload = (await api.data(UPDATE, input={"id": model["id"], "name": "x"}))["updateInstitution"]
    assert payload["userErrors"] == [
        {"field": ["input", "id"], "code": "INVALID", "message": "Not the ID of a Institution."}
    ]
