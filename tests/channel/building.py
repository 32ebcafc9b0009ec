"""A small channel, built through the public API: a manufacturer, two tiers of distributors,
a hospital, a device model and units; letters submitted and approved by two people."""

from dataclasses import dataclass
from typing import Any

from tests import factories
from tests.graphql_client import GraphQLClient

MAKER = "深圳迈瑞生物医疗电子股份有限公司"

CREATE_LETTER = """
mutation Create($input: CreateAuthorisationInput!) {
  createAuthorisation(input: $input) {
    authorisation { id number reviewStatus version }
    userErrors { field code message }
  }
}
"""

REVIEW_LETTER = """
mutation Review($input: ReviewAuthorisationInput!) {
  reviewAuthorisation(input: $input) {
    authorisation { id reviewStatus }
    userErrors { field code message }
  }
}
"""

CHAIN = """
query Chain($distributor: ID!, $model: ID!, $region: String!, $on: Date) {
  authorisationChain(distributor: $distributor, deviceModel: $model, region: $region, on: $on) {
    complete
    links { position status message grantee { name } authorisation { number } }
    brokenLink { position status message authorisation { number } }
  }
}
"""


@dataclass
class Channel:
    """The parties and the product of a channel."""

    maker: dict[str, Any]
    tier1: dict[str, Any]
    tier2: dict[str, Any]
    hospital: dict[str, Any]
    model: dict[str, Any]


async def parties(api: GraphQLClient) -> Channel:
    """Manufacturer (Shenzhen), a Shanghai first tier, a Pudong second tier, a Pudong hospital."""
    maker = await factories.institution(
        api, name=MAKER, kind="MANUFACTURER", regionCode="440305", orgPath="cn/south"
    )
    tier1 = await factories.institution(
        api, name="上海康泽医疗器械有限公司", kind="DISTRIBUTOR", orgPath="cn/east/shanghai"
    )
    tier2 = await factories.institution(
        api,
        name="上海浦东瑞宁医疗科技有限公司",
        kind="DISTRIBUTOR",
        regionCode="310115",
        orgPath="cn/east/shanghai",
    )
    hospital = await factories.institution(api, name="上海市东方医院", regionCode="310115")
    model = await factories.device_model(api, manufacturer=MAKER)
    return Channel(maker, tier1, tier2, hospital, model)


async def submit_letter(api: GraphQLClient, **input: Any) -> dict[str, Any]:
    """A letter submitted by `api`; it must be accepted."""
    payload = (await api.data(CREATE_LETTER, input=input))["createAuthorisation"]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["authorisation"]


async def review_letter(
    api: GraphQLClient, letter_id: str, decision: str = "APPROVE", comment: str | None = None
) -> dict[str, Any]:
    """The payload of one review step."""
    input = {"id": letter_id, "decision": decision, "comment": comment}
    return (await api.data(REVIEW_LETTER, input=input))["reviewAuthorisation"]


async def approved_letter(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient], **input: Any
) -> dict[str, Any]:
    """A letter for a year of 2026, submitted by `api` and approved by both reviewers."""
    values = {"validFrom": "2026-01-01", "validTo": "2026-12-31", **input}
    letter = await submit_letter(api, **values)
    for reviewer in reviewers:
        payload = await review_letter(reviewer, letter["id"])
        assert payload["userErrors"] == [], payload["userErrors"]
    return letter


async def two_tier_chain(
    api: GraphQLClient,
    reviewers: tuple[GraphQLClient, GraphQLClient],
    channel: Channel,
    **tier2: Any,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Maker → tier 1 for all of Shanghai; tier 1 → tier 2 for Pudong (or as `tier2` says)."""
    first = await approved_letter(
        api,
        reviewers,
        number="MR-SQ-2026-001",
        grantorId=channel.maker["id"],
        institutionId=channel.tier1["id"],
        deviceModelIds=[channel.model["id"]],
        regions=["310000"],
    )
    values = {
        "number": "KZ-SQ-2026-017",
        "grantorId": channel.tier1["id"],
        "institutionId": channel.tier2["id"],
        "categories": ["07"],
        "regions": ["310115"],
        **tier2,
    }
    second = await approved_letter(api, reviewers, **values)
    return first, second


async def chain(
    api: GraphQLClient, distributor: str, model: str, region: str, on: str = "2026-06-01"
) -> dict[str, Any]:
    """The authorisationChain answer."""
    data = await api.data(CHAIN, distributor=distributor, model=model, region=region, on=on)
    return data["authorisationChain"]


async def authorise(
    api: GraphQLClient,
    reviewers: tuple[GraphQLClient, GraphQLClient],
    distributor_id: str,
    model_ids: list[str],
    region: str = "310000",
) -> dict[str, Any]:
    """The manufacturer's approved letter to a distributor for these models, 2020 to 2035: what
    a distributor needs before the dock check looks at its certificates."""
    found = await api.data(
        "query($name: String!) { institutions(filter: {nameContains: $name, kinds: "
        "[MANUFACTURER]}) { nodes { id } } }",
        name=MAKER,
    )
    makers = found["institutions"]["nodes"]
    maker = (
        makers[0]
        if makers
        else await factories.institution(api, name=MAKER, kind="MANUFACTURER", regionCode="440305")
    )
    return await approved_letter(
        api,
        reviewers,
        number=f"MR-SQ-{distributor_id[-6:]}",
        grantorId=maker["id"],
        institutionId=distributor_id,
        deviceModelIds=model_ids,
        regions=[region],
        validFrom="2020-01-01",
        validTo="2035-12-31",
    )
