"""Contracts with covered devices, and certificates with holders, scope and validity."""

from tests import factories
from tests.graphql_client import GraphQLClient

CREATE_CONTRACT = """
mutation Create($input: CreateContractInput!) {
  createContract(input: $input) {
    contract { id number amount currency devices { serialNumber } institution { name } }
    userErrors { field code message }
  }
}
"""

UPDATE_CONTRACT = """
mutation Update($input: UpdateContractInput!) {
  updateContract(input: $input) {
    contract { devices { serialNumber } version }
    userErrors { field code message }
  }
}
"""

CREATE_CERTIFICATE = """
mutation Create($input: CreateCertificateInput!) {
  createCertificate(input: $input) {
    certificate { id kind number reviewStatus scope { deviceClasses categories } orgPath }
    userErrors { field code message }
  }
}
"""


async def test_contract_covers_devices_and_keeps_exact_amount(api: GraphQLClient) -> None:
    hospital = await factories.institution(api, name="中南大学湘雅医院")
    model = await factories.device_model(api)
    first = await factories.device(api, model["id"], serialNumber="A")
    second = await factories.device(api, model["id"], serialNumber="B")
    payload = (
        await api.data(
            CREATE_CONTRACT,
            input={
                "number": "HT-2026-0001",
                "institutionId": hospital["id"],
                "kind": "SALES",
                "amount": "1234567.89",
                "deviceIds": [first["id"], second["id"]],
            },
        )
    )["createContract"]
    assert payload["userErrors"] == []
    contract = payload["contract"]
    assert contract["amount"] == "1234567.89"
    assert contract["currency"] == "CNY"
    assert contract["devices"] == [{"serialNumber": "A"}, {"serialNumber": "B"}]
    updated = (
        await api.data(UPDATE_CONTRACT, input={"id": contract["id"], "deviceIds": [second["id"]]})
    )["updateContract"]
    assert updated["contract"]["devices"] == [{"serialNumber": "B"}]
    by_number = await api.data('{ contract(number: "HT-2026-0001") { institution { name } } }')
    assert by_number["contract"]["institution"]["name"] == "中南大学湘雅医院"


async def test_contract_must_end_after_it_starts(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    payload = (
        await api.data(
            CREATE_CONTRACT,
            input={
                "number": "HT-X",
                "institutionId": hospital["id"],
                "kind": "SERVICE",
                "startsOn": "2026-01-01",
                "endsOn": "2025-12-31",
            },
        )
    )["createContract"]
    assert payload["userErrors"][0]["field"] == ["input", "endsOn"]


async def test_unknown_covered_device_is_refused_and_nothing_written(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    other = await factories.institution(api, name="别的医院")
    payload = (
        await api.data(
            CREATE_CONTRACT,
            input={
                "number": "HT-Y",
                "institutionId": hospital["id"],
                "kind": "SALES",
                "deviceIds": [other["id"]],
            },
        )
    )["createContract"]
    assert payload["userErrors"][0]["field"] == ["input", "deviceIds", "0"]
    assert (await api.data("{ contracts { totalCount } }"))["contracts"]["totalCount"] == 0


async def test_certificate_scope_and_review_status(api: GraphQLClient) -> None:
    distributor = await factories.institution(
        api, name="上海医疗器械有限公司", kind="DISTRIBUTOR", orgPath="cn/east/shanghai"
    )
    payload = (
        await api.data(
            CREATE_CERTIFICATE,
            input={
                "institutionId": distributor["id"],
                "kind": "OPERATION_LICENSE",
                "number": "沪徐食药监械经营许20190012号",
                "validFrom": "2024-01-01",
                "validTo": "2029-01-01",
                "scope": {"deviceClasses": ["III"], "categories": ["06", " 6840 "]},
            },
        )
    )["createCertificate"]
    assert payload["userErrors"] == []
    assert payload["certificate"]["reviewStatus"] == "SUBMITTED"
    assert payload["certificate"]["scope"] == {
        "deviceClasses": ["III"],
        "categories": ["06", "6840"],
    }
    assert payload["certificate"]["orgPath"] == "cn/east/shanghai"


async def test_certificate_needs_exactly_one_holder(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    person = await factories.contact(api, hospital["id"])
    both = (
        await api.data(
            CREATE_CERTIFICATE,
            input={
                "institutionId": hospital["id"],
                "contactId": person["id"],
                "kind": "ID_CARD",
                "number": "x",
            },
        )
    )["createCertificate"]
    neither = (await api.data(CREATE_CERTIFICATE, input={"kind": "ID_CARD", "number": "x"}))[
        "createCertificate"
    ]
    assert both["userErrors"][0]["code"] == "INVALID"
    assert neither["userErrors"][0]["code"] == "INVALID"


async def test_certificates_filter_by_expiry(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    for number, valid_to in (("A", "2026-01-31"), ("B", "2027-06-30"), ("C", None)):
        await api.data(
            CREATE_CERTIFICATE,
            input={
                "institutionId": hospital["id"],
                "kind": "PRACTICE_LICENSE",
                "number": number,
                "validTo": valid_to,
            },
        )
    data = await api.data(
        '{ certificates(filter: {validToBefore: "2027-01-01"}) { totalCount nodes { number } } }'
    )
    assert data["certificates"] == {"totalCount": 1, "nodes": [{"number": "A"}]}
