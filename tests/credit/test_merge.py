"""Merging customers keeps one approved credit profile, and undo gives it back."""

from hub.db.engine import Database
from tests import factories
from tests.api.test_dedup import UNDO, _dump
from tests.channel.test_merge_repointing import _merge
from tests.credit.desk import approved_profile
from tests.graphql_client import GraphQLClient

Desk = tuple[GraphQLClient, GraphQLClient]
PROFILE = (
    "query($id: ID!) { node(id: $id) { ... on Institution "
    "{ creditProfile { creditLimit rating } } } }"
)


async def _limit(api: GraphQLClient, institution_id: str) -> str | None:
    profile = (await api.data(PROFILE, id=institution_id))["node"]["creditProfile"]
    return None if profile is None else profile["creditLimit"]


async def _twins(api: GraphQLClient) -> tuple[str, str]:
    survivor = await factories.institution(api, name="上海康泽医疗器械", kind="DISTRIBUTOR")
    twin = await factories.institution(api, name="上海康泽医疗器械有限公司", kind="DISTRIBUTOR")
    return survivor["id"], twin["id"]


async def test_a_survivor_without_a_profile_takes_the_merged_records(
    api: GraphQLClient, desk: Desk
) -> None:
    survivor, twin = await _twins(api)
    await approved_profile(desk, twin, creditLimit="500000")
    await _merge(api, survivor, twin)
    assert await _limit(api, survivor) == "500000.00"


async def test_a_survivor_keeps_its_own_approved_profile(api: GraphQLClient, desk: Desk) -> None:
    survivor, twin = await _twins(api)
    await approved_profile(desk, survivor, creditLimit="200000")
    await approved_profile(desk, twin, creditLimit="900000")
    await _merge(api, survivor, twin)
    assert await _limit(api, survivor) == "200000.00"


async def test_undo_gives_the_profile_back(
    api: GraphQLClient, desk: Desk, database: Database
) -> None:
    survivor, twin = await _twins(api)
    await approved_profile(desk, twin, creditLimit="500000")
    before = await _dump(database)
    event = await _merge(api, survivor, twin)
    undone = (await api.data(UNDO, id=event["id"]))["undoMerge"]
    assert undone["userErrors"] == []
    after = await _dump(database)
    assert after["credit_profile"] == before["credit_profile"]
    assert await _limit(api, twin) == "500000.00"
    assert await _limit(api, survivor) is None
