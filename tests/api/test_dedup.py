"""Duplicate candidates, merges with survivorship and lineage, and undo, through GraphQL."""

from typing import Any

from sqlalchemy import text

from hub.audit.writer import Author
from hub.db.engine import Database
from hub.db.enums import MatchEntity
from hub.db.institution import Institution
from hub.db.models import Base
from hub.dedup import candidates, merge
from hub.errors import ErrorCode, UserInputError
from hub.global_ids import decode_any
from tests import factories
from tests.graphql_client import GraphQLClient

CREATE = """
mutation Create($input: CreateInstitutionInput!) {
  createInstitution(input: $input) {
    institution { id code }
    possibleDuplicates { record { id name } score candidateId }
    userErrors { field code message }
  }
}
"""
UPSERT = """
mutation Upsert($input: UpsertInstitutionInput!) {
  upsertInstitution(input: $input) {
    institution { id code }
    possibleDuplicates { record { id } score }
    userErrors { field code message }
  }
}
"""
UPDATE = """
mutation Update($input: UpdateInstitutionInput!) {
  updateInstitution(input: $input) {
    institution { id version address }
    possibleDuplicates { record { id } }
    userErrors { field code message }
  }
}
"""
QUEUE = """
query Queue($status: CandidateStatus!) {
  duplicateCandidates(entityType: INSTITUTION, status: $status, minScore: 0.5) {
    totalCount
    nodes {
      id score status
      left { id } right { id }
      evidence { feature method left right similarity vetoed }
    }
  }
}
"""
DISMISS = """
mutation Dismiss($id: ID!) {
  dismissDuplicate(input: {candidateId: $id}) {
    candidate { status }
    userErrors { code }
  }
}
"""
MERGE = """
mutation Merge($input: MergeInput!) {
  mergeInstitutions(input: $input) {
    mergeEvent {
      id actor undoneAt mergedIds
      survivor { id ... on Institution { name address uscc } }
      decisions { field fromId rule }
    }
    userErrors { field code message }
  }
}
"""
UNDO = """
mutation Undo($id: ID!) {
  undoMerge(input: {mergeEventId: $id}) {
    mergeEvent { id undoneAt undoneBy }
    userErrors { field code message }
  }
}
"""
NODE = """
query Node($id: ID!) {
  node(id: $id) { id ... on Institution { name status redirectedFrom contacts { id } } }
}
"""
SUFFIXED = "复旦大学附属中山医院（徐汇院区）"


async def _hospital(api: GraphQLClient, name: str, **input: Any) -> dict[str, Any]:
    payload = (await api.data(CREATE, input={"name": name, "kind": "HOSPITAL", **input}))[
        "createInstitution"
    ]
    assert payload["userErrors"] == []
    return payload


async def _pair(api: GraphQLClient) -> tuple[dict[str, Any], dict[str, Any]]:
    first = await _hospital(
        api, "复旦大学附属中山医院", regionCode="310104", uscc="12310000425005876W"
    )
    second = await _hospital(api, "上海中山医院", regionCode="310104", address="枫林路180号")
    return first, second


async def test_a_create_returns_and_queues_possible_duplicates(api: GraphQLClient) -> None:
    first, second = await _pair(api)
    assert first["possibleDuplicates"] == []
    [found] = second["possibleDuplicates"]
    assert found["record"]["id"] == first["institution"]["id"]
    assert found["score"] >= 0.78
    queue = (await api.data(QUEUE, status="OPEN"))["duplicateCandidates"]
    assert queue["totalCount"] == 1
    [candidate] = queue["nodes"]
    assert candidate["id"] == found["candidateId"]
    ids = {candidate["left"]["id"], candidate["right"]["id"]}
    assert ids == {first["institution"]["id"], second["institution"]["id"]}
    core = next(item for item in candidate["evidence"] if item["feature"] == "name.core")
    assert (core["left"], core["right"], core["similarity"]) == ("中山医院", "中山医院", 1.0)


async def test_the_queue_never_proposes_a_dismissed_pair_again(
    api: GraphQLClient, database: Database
) -> None:
    _, second = await _pair(api)
    candidate_id = second["possibleDuplicates"][0]["candidateId"]
    dismissed = (await api.data(DISMISS, id=candidate_id))["dismissDuplicate"]
    assert dismissed == {"candidate": {"status": "DISMISSED"}, "userErrors": []}
    updated = (
        await api.data(UPDATE, input={"id": second["institution"]["id"], "address": "枫林路"})
    )["updateInstitution"]
    assert updated["possibleDuplicates"] == []
    async with database.transaction() as session:
        summary, _ = await candidates.rebuild(session, MatchEntity.INSTITUTION)
    assert (summary.candidates, summary.skipped_decided) == (0, 1)
    assert (await api.data(QUEUE, status="OPEN"))["duplicateCandidates"]["totalCount"] == 0
    assert (await api.data(QUEUE, status="DISMISSED"))["duplicateCandidates"]["totalCount"] == 1


async def _dump(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    dump = {}
    async with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            order = ", ".join(column.name for column in table.primary_key.columns)
            rows = await connection.execute(text(f"SELECT * FROM {table.name} ORDER BY {order}"))
            dump[table.name] = [tuple(row) for row in rows]
    return dump


async def _merge_fixture(api: GraphQLClient) -> dict[str, str]:
    survivor = await factories.institution(
        api, name="复旦大学附属中山医院", uscc="12310000425005876W"
    )
    source = {"system": "crm", "id": "8812"}
    merged = (
        await api.data(
            UPSERT,
            input={
                "source": source,
                "name": SUFFIXED,
                "kind": "HOSPITAL",
                "address": "枫林路180号",
            },
        )
    )["upsertInstitution"]["institution"]
    contact = await factories.contact(api, merged["id"])
    model = await factories.device_model(api)
    device = await factories.device(api, model["id"], institutionId=merged["id"])
    ticket = await factories.ticket(api, merged["id"], deviceId=device["id"])
    return {
        "survivor": survivor["id"],
        "merged": merged["id"],
        "merged_code": merged["code"],
        "contact": contact["id"],
        "ticket": ticket["id"],
    }


async def _merge(api: GraphQLClient, ids: dict[str, str], **input: Any) -> dict[str, Any]:
    values = {"survivorId": ids["survivor"], "mergedIds": [ids["merged"]], **input}
    return (await api.data(MERGE, input=values))["mergeInstitutions"]


async def test_a_merge_moves_children_and_source_ids_and_redirects_lookups(
    api: GraphQLClient,
) -> None:
    ids = await _merge_fixture(api)
    choice = [{"field": "address", "fromId": ids["merged"]}]
    payload = await _merge(api, ids, fieldChoices=choice)
    assert payload["userErrors"] == []
    event = payload["mergeEvent"]
    assert event["survivor"]["address"] == "枫林路180号"
    assert event["survivor"]["uscc"] == "12310000425005876W"
    assert {"field": "address", "fromId": ids["merged"], "rule": "STEWARD"} in event["decisions"]
    assert event["mergedIds"] == [ids["merged"]]
    answered = (await api.data(NODE, id=ids["merged"]))["node"]
    assert answered["id"] == ids["survivor"]
    assert answered["redirectedFrom"] == ids["merged"]
    assert answered["contacts"] == [{"id": ids["contact"]}]
    by_source = await api.data(
        'query { sourceRecord(system: "crm", id: "8812") { entity { id } } }'
    )
    assert by_source["sourceRecord"]["entity"]["id"] == ids["survivor"]
    by_code = await api.data(
        "query($code: String!) { institution(code: $code) { id redirectedFrom } }",
        code=ids["merged_code"],
    )
    assert by_code["institution"] == {"id": ids["survivor"], "redirectedFrom": ids["merged"]}


async def test_merge_then_undo_leaves_every_table_as_before(
    api: GraphQLClient, database: Database
) -> None:
    ids = await _merge_fixture(api)
    before = await _dump(database)
    event = (await _merge(api, ids, fieldChoices=[{"field": "name", "fromId": ids["merged"]}]))[
        "mergeEvent"
    ]
    assert await _dump(database) != before
    undone = (await api.data(UNDO, id=event["id"]))["undoMerge"]
    assert undone["userErrors"] == []
    assert undone["mergeEvent"]["undoneBy"] == "key:admin"
    after = await _dump(database)
    # The audit trail and the merge log only grow: they record the merge and its undo.
    logs = {"audit_event", "merge_event", "merge_member"}
    for table in before.keys() - logs:
        assert after[table] == before[table], table
    assert after["audit_event"][: len(before["audit_event"])] == before["audit_event"]
    assert len(after["merge_event"]) == 1
    history = await api.data(
        "query($id: ID!) { mergeHistory(entityId: $id) { id undoneAt } }", id=ids["contact"]
    )
    assert history["mergeHistory"] == []
    history = await api.data(
        "query($id: ID!) { mergeHistory(entityId: $id) { id undoneAt } }", id=ids["merged"]
    )
    assert history["mergeHistory"] == [
        {"id": event["id"], "undoneAt": undone["mergeEvent"]["undoneAt"]}
    ]


async def test_undo_is_refused_when_a_moved_child_changed_since(api: GraphQLClient) -> None:
    ids = await _merge_fixture(api)
    event = (await _merge(api, ids))["mergeEvent"]
    changed = await api.data(
        'mutation($id: ID!) { updateContact(input: {id: $id, title: "主任"}) '
        "{ userErrors { code } } }",
        id=ids["contact"],
    )
    assert changed["updateContact"]["userErrors"] == []
    refused = (await api.data(UNDO, id=event["id"]))["undoMerge"]
    assert refused["mergeEvent"] is None
    [conflict] = refused["userErrors"]
    assert conflict["code"] == "CONFLICT"
    assert conflict["field"] == ["input", "mergeEventId"]
    assert str(decode_any(ids["contact"])[1]) in conflict["message"]


async def test_undo_is_refused_when_the_survivor_was_merged_again(api: GraphQLClient) -> None:
    ids = await _merge_fixture(api)
    first = (await _merge(api, ids))["mergeEvent"]
    third = await factories.institution(api, name="中山医院")
    again = await _merge(api, {"survivor": third["id"], "merged": ids["survivor"]})
    assert again["userErrors"] == []
    refused = (await api.data(UNDO, id=first["id"]))["undoMerge"]
    assert any("merged again" in error["message"] for error in refused["userErrors"])


async def test_a_merge_refuses_unknown_fields_and_merged_records(api: GraphQLClient) -> None:
    ids = await _merge_fixture(api)
    bad = await _merge(api, ids, fieldChoices=[{"field": "code", "fromId": ids["merged"]}])
    assert bad["userErrors"][0]["field"] == ["input", "fieldChoices", "0", "field"]
    assert (await _merge(api, ids))["userErrors"] == []
    again = await _merge(api, ids)
    assert again["userErrors"][0]["code"] == "INVALID_STATE"


async def test_a_concurrent_update_is_not_lost_to_a_merge(
    api: GraphQLClient, database: Database
) -> None:
    ids = await _merge_fixture(api)
    survivor_id, merged_id = (decode_any(ids[key])[1] for key in ("survivor", "merged"))
    author = Author(actor="test:steward")
    try:
        async with database.transaction() as session:
            # The merge reads both records, then someone else changes one and commits first.
            read = [await session.get(Institution, row_id) for row_id in (survivor_id, merged_id)]
            updated = (
                await api.data(UPDATE, input={"id": ids["merged"], "address": "斜土路1609号"})
            )["updateInstitution"]
            assert updated["userErrors"] == []
            assert read[1].version == 1  # what the merge saw, one version behind
            await merge.merge_records(
                session, author, MatchEntity.INSTITUTION, survivor_id, [merged_id], []
            )
        raise AssertionError("the merge should have been refused")
    except UserInputError as error:
        assert [item.code for item in error.errors] == [ErrorCode.CONFLICT]
    answered = (await api.data(NODE, id=ids["merged"]))["node"]
    assert answered["id"] == ids["merged"]
    assert answered["status"] == "ACTIVE"
    address = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Institution { address version } } }",
        id=ids["merged"],
    )
    assert address["node"] == {"address": "斜土路1609号", "version": 2}


async def test_merging_contacts_moves_their_tickets(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    survivor = await factories.contact(api, hospital["id"], name="张伟", email="zw@example.cn")
    duplicate = await factories.contact(api, hospital["id"], name="張偉", mobile="13812345678")
    ticket = await factories.ticket(api, hospital["id"], contactId=duplicate["id"])
    payload = await api.data(
        "mutation($input: MergeInput!) { mergeContacts(input: $input) {"
        " mergeEvent { survivor { id ... on Contact { email mobile } } }"
        " userErrors { code } } }",
        input={"survivorId": survivor["id"], "mergedIds": [duplicate["id"]]},
    )
    merged = payload["mergeContacts"]
    assert merged["userErrors"] == []
    assert merged["mergeEvent"]["survivor"]["email"] == "zw@example.cn"
    moved = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Ticket { contact { id } } } }",
        id=ticket["id"],
    )
    assert moved["node"]["contact"]["id"] == survivor["id"]


async def test_a_stewards_merge_teaches_the_alias_registry_and_undo_forgets_it(
    api: GraphQLClient, database: Database
) -> None:
    survivor = (await _hospital(api, "四川省肿瘤医院", regionCode="510107"))["institution"]
    merged = (await _hospital(api, "电子科技大学附属肿瘤医院", regionCode="510107"))["institution"]
    ids = {"survivor": survivor["id"], "merged": merged["id"]}
    keep_name = [{"field": "name", "fromId": survivor["id"]}]
    event = (await _merge(api, ids, fieldChoices=keep_name))["mergeEvent"]
    async with database.engine.connect() as connection:
        learned = (await connection.execute(text("SELECT alias, canonical FROM name_alias"))).all()
        audited = await connection.execute(
            text("SELECT action FROM audit_event WHERE entity_type = 'NameAlias'")
        )
        actions = [row[0] for row in audited]
    assert [tuple(row) for row in learned] == [("电子科技大学附属肿瘤医院", "四川省肿瘤医院")]
    assert actions == ["MERGE"]
    again = await _hospital(api, "电子科技大学附属肿瘤医院", regionCode="510107")
    assert [item["record"]["id"] for item in again["possibleDuplicates"]] == [survivor["id"]]
    assert (await api.data(UNDO, id=event["id"]))["undoMerge"]["userErrors"] == []
    async with database.engine.connect() as connection:
        left = (await connection.execute(text("SELECT count(*) FROM name_alias"))).scalar_one()
    assert left == 0


async def test_did_you_mean_finds_a_county_level_city_hospital_spelt_with_its_province(
    api: GraphQLClient,
) -> None:
    first = (await _hospital(api, "义乌市中心医院", regionCode="330782"))["institution"]
    second = await _hospital(api, "浙江省义乌市中心医院", regionCode="330782")
    assert [item["record"]["id"] for item in second["possibleDuplicates"]] == [first["id"]]
