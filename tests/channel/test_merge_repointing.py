"""Merging institutions moves their demo loans and authorisation letters; undo puts them back."""

from typing import Any

from tests import factories
from tests.api.test_dedup import MERGE, UNDO, _dump
from tests.channel.building import approved_letter, parties
from tests.channel.lending import lent
from tests.graphql_client import GraphQLClient

LETTER = (
    "query($id: ID!) { node(id: $id) { ... on Authorisation "
    "{ grantor { id } institution { id } orgPath } } }"
)
LOAN = "query($id: ID!) { node(id: $id) { ... on DemoLoan { institution { id } orgPath } } }"


async def _world(api: GraphQLClient, reviewers: Any) -> dict[str, Any]:
    channel = await parties(api)
    twin = await factories.institution(
        api, name="上海康泽医疗器械", kind="DISTRIBUTOR", orgPath="cn/east/pudong"
    )
    letter = await approved_letter(
        api,
        reviewers,
        number="MR-SQ-2026-001",
        grantorId=channel.maker["id"],
        institutionId=twin["id"],
        deviceModelIds=[channel.model["id"]],
        regions=["310000"],
    )
    hospital_twin = await factories.institution(api, name="东方医院", orgPath="cn/east/pudong")
    unit = await factories.device(api, channel.model["id"], serialNumber="DEMO-1")
    loan = await lent(api, reviewers[0], unit["id"], hospital_twin["id"])
    return {
        "channel": channel,
        "twin": twin,
        "letter": letter,
        "hospital_twin": hospital_twin,
        "loan": loan,
    }


async def _merge(api: GraphQLClient, survivor: str, merged: str) -> dict[str, Any]:
    payload = (await api.data(MERGE, input={"survivorId": survivor, "mergedIds": [merged]}))[
        "mergeInstitutions"
    ]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["mergeEvent"]


async def test_letters_move_to_the_surviving_distributor(api: GraphQLClient, reviewers) -> None:
    world = await _world(api, reviewers)
    survivor = world["channel"].tier1
    await _merge(api, survivor["id"], world["twin"]["id"])
    letter = (await api.data(LETTER, id=world["letter"]["id"]))["node"]
    assert letter["institution"]["id"] == survivor["id"]
    assert letter["orgPath"] == "cn/east/shanghai"


async def test_loans_move_to_the_surviving_hospital(api: GraphQLClient, reviewers) -> None:
    world = await _world(api, reviewers)
    survivor = world["channel"].hospital
    await _merge(api, survivor["id"], world["hospital_twin"]["id"])
    loan = (await api.data(LOAN, id=world["loan"]["id"]))["node"]
    assert loan["institution"]["id"] == survivor["id"]
    assert loan["orgPath"] == "cn"


async def test_a_merged_manufacturer_hands_its_letters_to_the_survivor(
    api: GraphQLClient, reviewers
) -> None:
    world = await _world(api, reviewers)
    twin_maker = await factories.institution(
        api, name="深圳迈瑞生物医疗电子", kind="MANUFACTURER", regionCode="440305"
    )
    await _merge(api, twin_maker["id"], world["channel"].maker["id"])
    letter = (await api.data(LETTER, id=world["letter"]["id"]))["node"]
    assert letter["grantor"]["id"] == twin_maker["id"]


async def test_undo_puts_letters_and_loans_back(
    api: GraphQLClient, reviewers, database: Any
) -> None:
    world = await _world(api, reviewers)
    before = await _dump(database)
    event = await _merge(api, world["channel"].tier1["id"], world["twin"]["id"])
    assert await _dump(database) != before
    undone = (await api.data(UNDO, id=event["id"]))["undoMerge"]
    assert undone["userErrors"] == []
    after = await _dump(database)
    for table in ("authorisation", "demo_loan", "institution"):
        assert after[table] == before[table], table
