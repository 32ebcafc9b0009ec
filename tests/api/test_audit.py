"""Every successful mutation is audited in its transaction; a failed one leaves no trace."""

import uuid

from sqlalchemy import func, select

from hub.db.audit import AuditEvent
from hub.db.contract import Contract
from hub.db.engine import Database
from hub.global_ids import encode_id
from tests import factories
from tests.graphql_client import GraphQLClient

TRAIL = """
query Trail($id: ID!, $after: String) {
  auditTrail(entityId: $id, first: 2, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { action actor changes requestId entityId }
  }
}
"""

CHANGES = """
query Feed($after: BigInt!, $first: Int) {
  changes(after: $after, first: $first) { lastSeq hasMore events { seq action entityType } }
}
"""


async def _count(database: Database, model: type) -> int:
    async with database.reader() as session:
        return (await session.execute(select(func.count()).select_from(model))).scalar_one()


async def test_create_and_update_record_before_and_after(api: GraphQLClient) -> None:
    created = await factories.institution(api, name="旧名")
    await api.data(
        'mutation($id: ID!) { updateInstitution(input: {id: $id, name: "新名"}) '
        "{ userErrors { code } } }",
        id=created["id"],
    )
    trail = (await api.data(TRAIL, id=created["id"]))["auditTrail"]
    assert trail["totalCount"] == 2
    create_event, update_event = trail["nodes"]
    assert create_event["action"] == "CREATE"
    assert create_event["actor"] == "key:admin"
    assert create_event["changes"]["name"] == {"before": None, "after": "旧名"}
    assert update_event["action"] == "UPDATE"
    assert update_event["changes"] == {"name": {"before": "旧名", "after": "新名"}}
    assert update_event["entityId"] == created["id"]
    assert len(update_event["requestId"]) == 32


async def test_audit_trail_pages_with_cursors(api: GraphQLClient) -> None:
    created = await factories.institution(api, name="v1")
    for name in ("v2", "v3"):
        await api.data(
            "mutation($id: ID!, $n: String) { updateInstitution(input: {id: $id, name: $n}) "
            "{ userErrors { code } } }",
            id=created["id"],
            n=name,
        )
    first = (await api.data(TRAIL, id=created["id"]))["auditTrail"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (await api.data(TRAIL, id=created["id"], after=first["pageInfo"]["endCursor"]))[
        "auditTrail"
    ]
    assert [e["changes"]["name"]["after"] for e in rest["nodes"]] == ["v3"]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_failure_after_a_partial_write_leaves_no_row_and_no_event(
    api: GraphQLClient, database: Database
) -> None:
    hospital = await factories.institution(api)
    events_before = await _count(database, AuditEvent)
    # The contract row is inserted and audited first; the covered-device check fails after.
    payload = (
        await api.data(
            "mutation($input: CreateContractInput!) { createContract(input: $input) "
            "{ contract { id } userErrors { code field } } }",
            input={
                "number": "HT-LATE",
                "institutionId": hospital["id"],
                "kind": "SALES",
                "deviceIds": [encode_id("Device", uuid.uuid4())],
            },
        )
    )["createContract"]
    assert payload == {
        "contract": None,
        "userErrors": [{"code": "NOT_FOUND", "field": ["input", "deviceIds"]}],
    }
    assert await _count(database, Contract) == 0
    assert await _count(database, AuditEvent) == events_before


async def test_change_feed_resumes_after_a_cursor(api: GraphQLClient) -> None:
    for name in ("甲", "乙", "丙"):
        await factories.institution(api, name=name)
    first = (await api.data(CHANGES, after=0, first=2))["changes"]
    assert [e["action"] for e in first["events"]] == ["CREATE", "CREATE"]
    assert first["hasMore"] is True
    rest = (await api.data(CHANGES, after=first["lastSeq"], first=100))["changes"]
    seqs = [e["seq"] for e in first["events"] + rest["events"]]
    assert seqs == sorted(set(seqs))
    assert rest["hasMore"] is False
    assert [e["entityType"] for e in rest["events"]][-1] == "Institution"
    empty = (await api.data(CHANGES, after=rest["lastSeq"]))["changes"]
    assert empty == {"lastSeq": rest["lastSeq"], "hasMore": False, "events": []}
