"""Connections: filters, ordering, cursors and totals."""

from tests import factories
from tests.graphql_client import GraphQLClient

PAGE = """
query Page($first: Int, $after: String, $last: Int, $before: String, $order: InstitutionOrder) {
  institutions(first: $first, after: $after, last: $last, before: $before, orderBy: $order) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { code } }
  }
}
"""


async def _seed(api: GraphQLClient) -> None:
    rows = [
        ("C01", "北京协和医院", "HOSPITAL", "110101"),
        ("C02", "上海瑞金医院", "HOSPITAL", "310101"),
        ("C03", "上海国药器械有限公司", "DISTRIBUTOR", "310115"),
        ("C04", "广州天河社区卫生服务中心", "CLINIC", "440106"),
        ("C05", "上海益丰大药房", "RETAIL_PHARMACY", "310104"),
    ]
    for code, name, kind, region in rows:
        await factories.institution(api, code=code, name=name, kind=kind, regionCode=region)


async def test_forward_pages_cover_everything_once(api: GraphQLClient) -> None:
    await _seed(api)
    order = {"field": "CODE", "direction": "ASC"}
    first = (await api.data(PAGE, first=2, order=order))["institutions"]
    second = (await api.data(PAGE, first=2, after=first["pageInfo"]["endCursor"], order=order))[
        "institutions"
    ]
    third = (await api.data(PAGE, first=2, after=second["pageInfo"]["endCursor"], order=order))[
        "institutions"
    ]
    codes = [e["node"]["code"] for page in (first, second, third) for e in page["edges"]]
    assert codes == ["C01", "C02", "C03", "C04", "C05"]
    assert first["totalCount"] == 5
    assert first["pageInfo"]["hasPreviousPage"] is False
    assert third["pageInfo"]["hasNextPage"] is False


async def test_backward_page_with_last_and_before(api: GraphQLClient) -> None:
    await _seed(api)
    order = {"field": "CODE", "direction": "ASC"}
    everything = (await api.data(PAGE, first=5, order=order))["institutions"]
    fourth_cursor = everything["edges"][3]["cursor"]
    page = (await api.data(PAGE, last=2, before=fourth_cursor, order=order))["institutions"]
    assert [e["node"]["code"] for e in page["edges"]] == ["C02", "C03"]
    assert page["pageInfo"]["hasPreviousPage"] is True


async def test_descending_order(api: GraphQLClient) -> None:
    await _seed(api)
    page = (await api.data(PAGE, first=2, order={"field": "CODE", "direction": "DESC"}))[
        "institutions"
    ]
    assert [e["node"]["code"] for e in page["edges"]] == ["C05", "C04"]


async def test_filters_combine_and_count(api: GraphQLClient) -> None:
    await _seed(api)
    data = await api.data(
        '{ institutions(filter: {regionPrefix: "31", kinds: [HOSPITAL, DISTRIBUTOR]}, '
        "orderBy: {field: CODE}) { totalCount nodes { code } } }"
    )
    assert data["institutions"] == {
        "totalCount": 2,
        "nodes": [{"code": "C02"}, {"code": "C03"}],
    }


async def test_name_search_treats_wildcards_literally(api: GraphQLClient) -> None:
    await _seed(api)
    await factories.institution(api, code="C06", name="100%_达标诊所", kind="CLINIC")
    hit = await api.data('{ institutions(filter: {nameContains: "%_"}) { nodes { code } } }')
    assert hit["institutions"]["nodes"] == [{"code": "C06"}]
    by_text = await api.data('{ institutions(filter: {nameContains: "上海"}) { totalCount } }')
    assert by_text["institutions"]["totalCount"] == 3


async def test_bad_cursor_is_a_bad_user_input(api: GraphQLClient) -> None:
    body = await api.execute('{ institutions(after: "bm9wZQ==") { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_contacts_filter_by_institution(api: GraphQLClient) -> None:
    first = await factories.institution(api, name="甲医院")
    second = await factories.institution(api, name="乙医院")
    await factories.contact(api, first["id"], name="甲的人")
    await factories.contact(api, second["id"], name="乙的人")
    data = await api.data(
        "query($id: ID!) { contacts(filter: {institutionId: $id}) { nodes { name } } }",
        id=second["id"],
    )
    assert data["contacts"]["nodes"] == [{"name": "乙的人"}]
