"""A sales user sees and changes only rows under their own organisation unit, by every path."""

from typing import Any

from hub.db.enums import Role
from tests import factories
from tests.authz.conftest import SHANGHAI, RoleClient
from tests.graphql_client import GraphQLClient


def _codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


async def test_lists_and_totals_hold_only_own_branch(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    data = await sales.data(
        "{ institutions { totalCount nodes { code } } contacts { totalCount } "
        "tickets { totalCount nodes { number } } devices { totalCount } }"
    )
    assert data["institutions"] == {"totalCount": 1, "nodes": [{"code": "SH-1"}]}
    assert data["contacts"]["totalCount"] == 1
    assert data["tickets"] == {"totalCount": 1, "nodes": [{"number": "TK-sh"}]}
    assert data["devices"]["totalCount"] == 1


async def test_node_of_another_branch_is_forbidden(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    body = await sales.execute(
        "query($id: ID!) { node(id: $id) { ... on Institution { name } } }",
        id=branches["bj"]["institution"]["id"],
    )
    assert body["data"] == {"node": None}
    assert _codes(body) == ["FORBIDDEN"]


async def test_natural_key_lookup_of_another_branch_is_forbidden(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    body = await sales.execute(
        '{ own: institution(code: "SH-1") { name } other: institution(code: "BJ-1") { name } '
        'ticket(number: "TK-bj") { number } }'
    )
    assert body["data"] == {"own": {"name": "sh医院"}, "other": None, "ticket": None}
    assert _codes(body) == ["FORBIDDEN", "FORBIDDEN"]


async def test_nested_relation_into_another_branch_is_forbidden(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    body = await sales.execute('{ institution(code: "SH-1") { name parent { name } } }')
    assert body["data"]["institution"] == {"name": "sh医院", "parent": None}
    assert body["errors"][0]["path"] == ["institution", "parent"]
    assert _codes(body) == ["FORBIDDEN"]


async def test_change_feed_carries_only_own_branch_events(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    data = await sales.data("{ changes(first: 100) { events { entityType entityId } } }")
    own_ids = {record["id"] for record in branches["sh"].values()}
    seen = {event["entityId"] for event in data["changes"]["events"]}
    assert seen == own_ids | {branches["model"]["id"]}


async def test_audit_trail_of_another_branch_is_forbidden(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    query = "query($id: ID!) { auditTrail(entityId: $id) { totalCount } }"
    own = await sales.data(query, id=branches["sh"]["institution"]["id"])
    other = await sales.execute(query, id=branches["bj"]["institution"]["id"])
    assert own["auditTrail"]["totalCount"] == 1
    assert other["data"] is None
    assert _codes(other) == ["FORBIDDEN"]


async def test_writing_another_branch_is_forbidden_and_writes_nothing(
    api: GraphQLClient, as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    body = await sales.execute(
        'mutation($id: ID!) { updateInstitution(input: {id: $id, name: "改名"}) '
        "{ institution { name } userErrors { code } } }",
        id=branches["bj"]["institution"]["id"],
    )
    assert _codes(body) == ["FORBIDDEN"]
    check = await api.data('{ institution(code: "BJ-1") { name version } }')
    assert check["institution"] == {"name": "bj医院", "version": 1}


async def test_creating_outside_own_branch_is_forbidden(
    api: GraphQLClient, as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    body = await sales.execute(
        factories.CREATE_INSTITUTION,
        input={"name": "越界医院", "kind": "CLINIC", "orgPath": "cn/north/beijing"},
    )
    assert _codes(body) == ["FORBIDDEN"]
    assert (await api.data("{ institutions { totalCount } }"))["institutions"]["totalCount"] == 3


async def test_moving_a_row_out_of_own_branch_is_forbidden(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    body = await sales.execute(
        'mutation($id: ID!) { updateInstitution(input: {id: $id, orgPath: "cn/north"}) '
        "{ userErrors { code } } }",
        id=branches["sh"]["institution"]["id"],
    )
    assert _codes(body) == ["FORBIDDEN"]


async def test_referencing_another_branch_reads_as_missing(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    payload = (
        await sales.data(
            factories.CREATE_CONTACT,
            input={"institutionId": branches["bj"]["institution"]["id"], "name": "探子"},
        )
    )["createContact"]
    assert payload["contact"] is None
    assert payload["userErrors"][0]["code"] == "NOT_FOUND"


async def test_own_branch_work_is_allowed(as_role: RoleClient, branches: dict[str, Any]) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    created = await factories.contact(sales, branches["sh"]["institution"]["id"], name="新客户")
    assert created["orgPath"] == SHANGHAI


async def test_filtering_on_a_field_the_caller_cannot_read_is_refused(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    wms = await as_role(Role.WMS)
    body = await wms.execute('{ contacts(filter: {mobile: "13812345678"}) { totalCount } }')
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["errors"][0]["message"] == "You may not filter or sort on Contact.mobile."


async def test_sorting_on_a_withheld_field_is_refused(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    sales = await as_role(Role.SALES, SHANGHAI)
    body = await sales.execute("{ contracts(orderBy: {field: AMOUNT}) { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
