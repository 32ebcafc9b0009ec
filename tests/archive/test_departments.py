"""Departments: the dictionary, records placed by code or name, contacts and devices in them."""

import pytest

from hub.db.enums import DepartmentCategory
from hub.quality.department_dictionary import (
    DictionaryError,
    department_dictionary,
    parse_dictionary,
)
from tests import factories
from tests.graphql_client import GraphQLClient


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("心内科", "03.04"),
        ("心内", "03.04"),
        ("心血管内科", "03.04"),
        ("心血管内科专业", "03.04"),
        ("呼吸内科", "03.01"),
        (" 呼 吸 科 ", "03.01"),
        ("ＩＣＵ", "28"),
        ("icu", "28"),
        ("设备处", "A01"),
        ("招标采购中心", "A02"),
        ("医务部", "A03"),
        ("信息中心", "A04"),
    ],
)
def test_the_dictionary_places_written_names_on_their_code(written: str, code: str) -> None:
    entry = department_dictionary().match(written)
    assert entry is not None
    assert entry.code == code


@pytest.mark.parametrize("written", ["心内科一病区", "大科室", "五官科", "", "   "])
def test_an_unknown_or_ambiguous_name_is_not_guessed(written: str) -> None:
    assert department_dictionary().match(written) is None


def test_offices_are_administrative_and_subjects_clinical() -> None:
    dictionary = department_dictionary()
    assert dictionary.entries["A01"].category is DepartmentCategory.ADMINISTRATIVE
    assert dictionary.entries["03.04"].category is DepartmentCategory.CLINICAL
    assert dictionary.entries["03"].name == "内科"


def test_a_spelling_claimed_by_two_codes_is_a_dictionary_error() -> None:
    document = {
        "clinical": {
            "03.04": {"name": "心血管内科专业", "synonyms": ["心内"]},
            "04.06": {"name": "心脏大血管外科专业", "synonyms": ["心内"]},
        }
    }
    with pytest.raises(DictionaryError, match="心内"):
        parse_dictionary(document)


async def test_a_department_created_by_name_gets_the_standard_code(api: GraphQLClient) -> None:
    hospital = await factories.institution(api, orgPath="cn/east/shanghai")
    made = await factories.department(api, hospital["id"], name="心内科")
    assert (made["code"], made["name"], made["localName"]) == ("03.04", "心血管内科专业", "心内科")
    assert made["orgPath"] == "cn/east/shanghai"


async def test_an_unknown_department_name_is_refused_with_its_field(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    payload = await api.data(
        factories.CREATE_DEPARTMENT, input={"institutionId": hospital["id"], "name": "神秘科"}
    )
    assert payload["createDepartment"]["department"] is None
    assert [(e["field"], e["code"]) for e in payload["createDepartment"]["userErrors"]] == [
        (["input", "name"], "UNKNOWN_CODE")
    ]


async def test_one_department_per_code_and_institution(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    await factories.department(api, hospital["id"], code="03.04")
    payload = await api.data(
        factories.CREATE_DEPARTMENT, input={"institutionId": hospital["id"], "name": "心内"}
    )
    assert [e["code"] for e in payload["createDepartment"]["userErrors"]] == ["DUPLICATE"]


async def test_a_contacts_department_text_lands_on_its_record(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    first = await factories.contact(api, hospital["id"], department="心内科")
    second = await factories.contact(api, hospital["id"], name="李娜", department="心血管内科")
    body = await api.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Contact { department "
        "departmentRecord { id code } } } }",
        ids=[first["id"], second["id"]],
    )
    placed = [node["departmentRecord"] for node in body["nodes"]]
    assert placed[0]["code"] == "03.04"
    assert placed[0]["id"] == placed[1]["id"]
    assert [node["department"] for node in body["nodes"]] == ["心内科", "心血管内科"]


async def test_an_unmatched_contact_department_is_kept_and_listed(api: GraphQLClient) -> None:
    hospital = await factories.institution(api, name="上海市第十人民医院")
    made = await factories.contact(api, hospital["id"], department="心内科一病区")
    await factories.contact(api, hospital["id"], name="李娜", department="心内科一病区")
    body = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Contact { department departmentRecord { id } } } "
        "unmatchedDepartments { text contacts institution { name } } }",
        id=made["id"],
    )
    assert body["node"] == {"department": "心内科一病区", "departmentRecord": None}
    assert body["unmatchedDepartments"] == [
        {"text": "心内科一病区", "contacts": 2, "institution": {"name": "上海市第十人民医院"}}
    ]


async def test_a_device_is_installed_in_a_department_of_its_holder(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    other = await factories.institution(api, name="上海市第九人民医院")
    ward = await factories.department(api, other["id"], name="ICU")
    model = await factories.device_model(api)
    payload = await api.data(
        factories.CREATE_DEVICE,
        input={
            "deviceModelId": model["id"],
            "serialNumber": "SN-9",
            "institutionId": hospital["id"],
            "departmentId": ward["id"],
        },
    )
    assert [(e["field"], e["code"]) for e in payload["createDevice"]["userErrors"]] == [
        (["input", "departmentId"], "MISMATCH")
    ]


async def test_institution_lists_its_departments_by_code(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    for name in ("设备科", "ICU", "心内科"):
        await factories.department(api, hospital["id"], name=name)
    body = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Institution { departments { code } } } }",
        id=hospital["id"],
    )
    assert [d["code"] for d in body["node"]["departments"]] == ["03.04", "28", "A01"]


async def test_match_department_answers_the_standard_entry(api: GraphQLClient) -> None:
    body = await api.data(
        '{ known: matchDepartment(name: "心内") { code name category } '
        'unknown: matchDepartment(name: "神秘科") { code } }'
    )
    assert body["known"] == {"code": "03.04", "name": "心血管内科专业", "category": "CLINICAL"}
    assert body["unknown"] is None
