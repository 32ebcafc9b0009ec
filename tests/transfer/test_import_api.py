"""`importRecords`: the bulk import over GraphQL."""

from typing import Any

from hub.db.engine import Database
from hub.db.enums import Role
from tests.graphql_client import GraphQLClient, issue_key

IMPORT = """
mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) { rows written failures { row error { field code } } }
}
"""
ROWS: list[dict[str, Any]] = [
    {
        "客户编号": "8812",
        "客户名称": "复旦大学附属中山医院",
        "客户类型": "医院",
        "统一社会信用代码": "123100004250061179",
    },
    {"source_id": "8813", "name": "上海康泽医疗器械有限公司", "kind": "DISTRIBUTOR"},
    {"source_id": "8814", "name": "坏数据诊所", "kind": "CLINIC", "uscc": "12345"},
]


async def _import(api: GraphQLClient, **extra: Any) -> dict[str, Any]:
    values = {"kind": "INSTITUTIONS", "sourceSystem": "crm", "rows": ROWS, **extra}
    return (await api.data(IMPORT, input=values))["importRecords"]


async def test_rows_are_upserted_and_bad_ones_reported(api: GraphQLClient) -> None:
    report = await _import(api)
    assert report == {
        "rows": 3,
        "written": 2,
        "failures": [{"row": 3, "error": {"field": ["input", "uscc"], "code": "INVALID"}}],
    }
    data = await api.data('{ sourceRecord(system: "crm", id: "8812") { entity { id } } }')
    assert data["sourceRecord"]["entity"]["id"]


async def test_sending_the_same_rows_again_changes_nothing(api: GraphQLClient) -> None:
    await _import(api)
    feed = await api.data("{ changes(first: 100) { lastSeq } }")
    await _import(api)
    again = await api.data("{ institutions { totalCount } changes(first: 100) { lastSeq } }")
    assert again["institutions"]["totalCount"] == 2
    assert again["changes"]["lastSeq"] == feed["changes"]["lastSeq"]


async def test_dry_run_writes_nothing(api: GraphQLClient) -> None:
    report = await _import(api, dryRun=True)
    assert report["written"] == 2
    assert (await api.data("{ institutions { totalCount } }"))["institutions"]["totalCount"] == 0


async def test_more_rows_than_the_cap_are_refused(api: GraphQLClient) -> None:
    rows = [{"source_id": str(i), "name": f"诊所{i}", "kind": "CLINIC"} for i in range(1001)]
    body = await api.execute(
        IMPORT, input={"kind": "INSTITUTIONS", "sourceSystem": "crm", "rows": rows}
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_roles_without_the_grant_are_refused(api: GraphQLClient, database: Database) -> None:
    crm = GraphQLClient(api.http, await issue_key(database, Role.CRM))
    body = await crm.execute(
        IMPORT, input={"kind": "INSTITUTIONS", "sourceSystem": "crm", "rows": ROWS}
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_device_models_are_imported_from_register_headers(api: GraphQLClient) -> None:
    rows = [
        {
            "产品编号": "M1",
            "产品名称": "呼吸机 SV800",
            "注册人": "深圳迈瑞生物医疗电子股份有限公司",
            "管理类别": "Ⅲ类",
            "注册证号": "国械注准20183080211",
            "产品标识": "06900000000014",
        }
    ]
    input = {"kind": "DEVICE_MODELS", "sourceSystem": "nmpa", "rows": rows}
    report = (await api.data(IMPORT, input=input))["importRecords"]
    assert report == {"rows": 1, "written": 1, "failures": []}
    data = await api.data(
        '{ deviceModels(filter: {udiDi: "06900000000014"}) { nodes { name deviceClass } } }'
    )
    assert data["deviceModels"]["nodes"] == [{"name": "呼吸机 SV800", "deviceClass": "III"}]


COUNTED_IMPORT = """
mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    rows created updated unchanged refused ignoredColumns unknownColumns
    userErrors { field code message }
  }
}
"""


async def _counted(api: GraphQLClient, rows: list[dict[str, Any]], **extra: Any) -> Any:
    values = {"kind": "INSTITUTIONS", "sourceSystem": "crm", "rows": rows, **extra}
    return (await api.data(COUNTED_IMPORT, input=values))["importRecords"]


async def test_unknown_keys_refuse_the_whole_import(api: GraphQLClient) -> None:
    rows = [{**ROWS[0], "详细地址": "枫林路180号", "备注": "VIP"}, ROWS[1]]

    report = await _counted(api, rows)

    assert (report["rows"], report["unknownColumns"]) == (0, ["备注"])
    assert [(e["field"], e["code"]) for e in report["userErrors"]] == [
        (["input", "columns"], "UNKNOWN_COLUMN")
    ]
    assert (await api.data("{ institutions { totalCount } }"))["institutions"]["totalCount"] == 0


async def test_ignored_keys_are_listed_and_each_row_counted(api: GraphQLClient) -> None:
    rows = [{**ROWS[0], "备注": "VIP"}, ROWS[1], ROWS[2]]

    first = await _counted(api, rows, ignoreColumns=["备注"])
    rows[1] = {**ROWS[1], "name": "上海康泽医疗器械股份有限公司"}
    again = await _counted(api, rows, ignoreUnknown=True)

    assert first == {
        "rows": 3,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "refused": 1,
        "ignoredColumns": ["备注"],
        "unknownColumns": [],
        "userErrors": [],
    }
    assert (again["created"], again["updated"], again["unchanged"], again["refused"]) == (
        0,
        1,
        1,
        1,
    )
