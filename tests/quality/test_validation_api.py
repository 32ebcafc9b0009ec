"""Validators run on every create, update and upsert, and answer with field paths and codes."""

from tests import factories
from tests.graphql_client import GraphQLClient
from tests.quality.reviewing import CREATE_CERTIFICATE

UPSERT_INSTITUTION = """
mutation($input: UpsertInstitutionInput!) {
  upsertInstitution(input: $input) { institution { uscc } userErrors { field code } }
}
"""

CREATE_DEVICE = """
mutation($input: CreateDeviceInput!) {
  createDevice(input: $input) {
    device { serialNumber batch { lotNumber } }
    userErrors { field code }
  }
}
"""


async def _errors(api: GraphQLClient, mutation: str, field: str, **input: object) -> list:
    payload = (await api.data(mutation, input=input))[field]
    return [(tuple(error["field"]), error["code"]) for error in payload["userErrors"]]


async def test_uscc_with_wrong_check_character_is_refused(api: GraphQLClient) -> None:
    values = {"name": "北京协和医院", "kind": "HOSPITAL", "uscc": "12100000400000624E"}
    errors = await _errors(api, factories.CREATE_INSTITUTION, "createInstitution", **values)
    assert errors == [(("input", "uscc"), "INVALID_CHECKSUM")]


async def test_letter_leading_uscc_is_accepted(api: GraphQLClient) -> None:
    created = await factories.institution(
        api, name="某村经济合作社", kind="OTHER", uscc="N2440300MA5F7YC714"
    )
    assert created["name"] == "某村经济合作社"


async def test_upsert_validates_too(api: GraphQLClient) -> None:
    errors = await _errors(
        api,
        UPSERT_INSTITUTION,
        "upsertInstitution",
        source={"system": "crm", "id": "8812"},
        name="某医院",
        kind="HOSPITAL",
        uscc="12100000400000624E",
        regionCode="990101",
    )
    assert errors == [
        (("input", "uscc"), "INVALID_CHECKSUM"),
        (("input", "regionCode"), "UNKNOWN_CODE"),
    ]


async def test_contact_reports_every_bad_field_at_once(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    errors = await _errors(
        api,
        factories.CREATE_CONTACT,
        "createContact",
        institutionId=hospital["id"],
        name="李娜",
        mobile="021-64041990",
        email="lina@",
        idNumber="110105194912310021",
    )
    assert errors == [
        (("input", "mobile"), "INVALID"),
        (("input", "email"), "INVALID"),
        (("input", "idNumber"), "INVALID_CHECKSUM"),
    ]


async def test_contact_values_are_stored_normalised(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    created = await factories.contact(
        api, hospital["id"], name="　李娜 ", mobile="+86 139-0000-1111"
    )
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Contact { name mobile } } }", id=created["id"]
    )
    assert data["node"] == {"name": "李娜", "mobile": "13900001111"}


async def test_registration_number_must_match_the_device_class(api: GraphQLClient) -> None:
    errors = await _errors(
        api,
        factories.CREATE_MODEL,
        "createDeviceModel",
        name="监护仪",
        manufacturer="迈瑞",
        deviceClass="III",
        registrationNumber="粤械注准20212070585",
        categoryCode="23-01",
    )
    assert errors == [
        (("input", "categoryCode"), "UNKNOWN_CODE"),
        (("input", "registrationNumber"), "MISMATCH"),
    ]


async def test_udi_fills_serial_number_and_batch(api: GraphQLClient) -> None:
    model = await factories.device_model(api, udiDi="06941234567898")
    await factories.batch(api, model["id"], lotNumber="LOT123", expiresOn="2027-12-31")
    payload = (
        await api.data(
            CREATE_DEVICE,
            input={
                "deviceModelId": model["id"],
                "serialNumber": "",
                "udi": "(01)06941234567898(17)271231(10)LOT123(21)SN456",
            },
        )
    )["createDevice"]
    assert payload == {
        "device": {"serialNumber": "SN456", "batch": {"lotNumber": "LOT123"}},
        "userErrors": [],
    }


async def test_udi_that_disagrees_with_the_input_is_refused(api: GraphQLClient) -> None:
    model = await factories.device_model(api, udiDi="06941234567898")
    errors = await _errors(
        api,
        CREATE_DEVICE,
        "createDevice",
        deviceModelId=model["id"],
        serialNumber="SN999",
        udi="(01)06901234567892(21)SN456",
    )
    assert errors == [(("input", "serialNumber"), "MISMATCH"), (("input", "udi"), "MISMATCH")]


async def test_business_licence_number_must_be_a_valid_uscc(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    errors = await _errors(
        api,
        CREATE_CERTIFICATE,
        "createCertificate",
        institutionId=hospital["id"],
        kind="BUSINESS_LICENSE",
        number="91310000607396936A",
    )
    assert errors == [(("input", "number"), "INVALID_CHECKSUM")]


async def test_2002_scope_codes_are_stored_and_do_not_fail(api: GraphQLClient) -> None:
    distributor = await factories.institution(api, kind="DISTRIBUTOR")
    payload = (
        await api.data(
            CREATE_CERTIFICATE,
            input={
                "institutionId": distributor["id"],
                "kind": "OPERATION_LICENSE",
                "number": "京丰食药监械经营许20150100号",
                "scope": {"deviceClasses": ["III"], "categories": ["6815", "6877", "6899"]},
            },
        )
    )["createCertificate"]
    assert payload["userErrors"] == []


async def test_changing_the_serial_number_away_from_the_stored_udi_is_refused(
    api: GraphQLClient,
) -> None:
    model = await factories.device_model(api)
    device = await factories.device(
        api, model["id"], serialNumber="SN-77", udi="(01)06901234567892(21)SN-77"
    )
    errors = await _errors(
        api,
        "mutation($input: UpdateDeviceInput!) { updateDevice(input: $input) "
        "{ userErrors { field code } } }",
        "updateDevice",
        id=device["id"],
        serialNumber="SN-78",
    )
    assert errors == [(("input", "serialNumber"), "MISMATCH")]
