"""Upserts keep one hub record per source-system ID."""

from tests import factories
from tests.graphql_client import GraphQLClient

UPSERT_INSTITUTION = """
mutation Upsert($input: UpsertInstitutionInput!) {
  upsertInstitution(input: $input) {
    institution { id name code version }
    userErrors { field code message }
  }
}
"""

UPSERT_CONTACT = """
mutation Upsert($input: UpsertContactInput!) {
  upsertContact(input: $input) { contact { id name title } userErrors { code } }
}
"""

UPSERT_DEVICE = """
mutation Upsert($input: UpsertDeviceInput!) {
  upsertDevice(input: $input) { device { id status } userErrors { code } }
}
"""


async def test_same_source_id_twice_updates_one_institution(api: GraphQLClient) -> None:
    source = {"system": "crm", "id": "8812"}
    first = (
        await api.data(
            UPSERT_INSTITUTION, input={"source": source, "name": "中山医院", "kind": "HOSPITAL"}
        )
    )["upsertInstitution"]
    second = (
        await api.data(
            UPSERT_INSTITUTION,
            input={"source": source, "name": "复旦大学附属中山医院", "kind": "HOSPITAL"},
        )
    )["upsertInstitution"]
    assert second["institution"]["id"] == first["institution"]["id"]
    assert second["institution"]["name"] == "复旦大学附属中山医院"
    assert second["institution"]["version"] == 2
    data = await api.data(
        '{ institutions { totalCount } sourceRecord(system: "crm", id: "8812") '
        "{ entityType entity { ... on Institution { name } } } }"
    )
    assert data["institutions"]["totalCount"] == 1
    assert data["sourceRecord"] == {
        "entityType": "Institution",
        "entity": {"name": "复旦大学附属中山医院"},
    }


async def test_second_system_links_to_the_institution_with_the_same_uscc(
    api: GraphQLClient,
) -> None:
    uscc = "123100004250061179"
    crm = (
        await api.data(
            UPSERT_INSTITUTION,
            input={
                "source": {"system": "crm", "id": "1"},
                "name": "中山",
                "kind": "HOSPITAL",
                "uscc": uscc,
            },
        )
    )["upsertInstitution"]
    wms = (
        await api.data(
            UPSERT_INSTITUTION,
            input={
                "source": {"system": "wms", "id": "C-001"},
                "name": "中山医院",
                "kind": "HOSPITAL",
                "uscc": uscc,
            },
        )
    )["upsertInstitution"]
    assert wms["institution"]["id"] == crm["institution"]["id"]
    linked = await api.data('{ sourceRecord(system: "wms", id: "C-001") { entity { id } } }')
    assert linked["sourceRecord"]["entity"]["id"] == crm["institution"]["id"]


async def test_contact_and_device_upserts_are_idempotent(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    model = await factories.device_model(api)
    contact_input = {
        "source": {"system": "crm", "id": "P-9"},
        "institutionId": hospital["id"],
        "name": "刘洋",
        "title": "设备科科长",
    }
    device_input = {
        "source": {"system": "wms", "id": "D-9"},
        "deviceModelId": model["id"],
        "serialNumber": "SN-9",
    }
    first_contact = (await api.data(UPSERT_CONTACT, input=contact_input))["upsertContact"]
    again_contact = (await api.data(UPSERT_CONTACT, input=contact_input))["upsertContact"]
    first_device = (await api.data(UPSERT_DEVICE, input=device_input))["upsertDevice"]
    again_device = (await api.data(UPSERT_DEVICE, input={**device_input, "status": "INSTALLED"}))[
        "upsertDevice"
    ]
    assert again_contact["contact"]["id"] == first_contact["contact"]["id"]
    assert again_device["device"] == {"id": first_device["device"]["id"], "status": "INSTALLED"}
    counts = await api.data("{ contacts { totalCount } devices { totalCount } }")
    assert counts == {"contacts": {"totalCount": 1}, "devices": {"totalCount": 1}}


async def test_source_id_of_another_type_is_refused(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    await api.data(
        UPSERT_CONTACT,
        input={
            "source": {"system": "crm", "id": "X"},
            "institutionId": hospital["id"],
            "name": "甲",
        },
    )
    payload = (
        await api.data(
            UPSERT_INSTITUTION,
            input={"source": {"system": "crm", "id": "X"}, "name": "乙", "kind": "CLINIC"},
        )
    )["upsertInstitution"]
    assert payload["userErrors"][0]["code"] == "MISMATCH"
    assert payload["userErrors"][0]["field"] == ["input", "source", "id"]
