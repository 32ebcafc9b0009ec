"""authorisationChain: every link's status and the first broken link, for a model and region."""

from tests.channel.building import (
    approved_letter,
    chain,
    parties,
    review_letter,
    submit_letter,
    two_tier_chain,
)
from tests.graphql_client import GraphQLClient


async def test_valid_two_tier_chain_is_complete(api: GraphQLClient, reviewers) -> None:
    channel = await parties(api)
    await two_tier_chain(api, reviewers, channel)
    answer = await chain(api, channel.tier2["id"], channel.model["id"], "310115")
    assert answer["complete"] is True
    assert answer["brokenLink"] is None
    assert [(link["position"], link["status"]) for link in answer["links"]] == [
        (1, "VALID"),
        (2, "VALID"),
    ]
    assert [link["authorisation"]["number"] for link in answer["links"]] == [
        "KZ-SQ-2026-017",
        "MR-SQ-2026-001",
    ]


async def test_expired_upper_link_breaks_the_chain_there(api: GraphQLClient, reviewers) -> None:
    channel = await parties(api)
    await two_tier_chain(api, reviewers, channel)
    answer = await chain(api, channel.tier2["id"], channel.model["id"], "310115", on="2027-01-05")
    assert answer["complete"] is False
    assert answer["brokenLink"]["position"] == 1
    assert answer["brokenLink"]["status"] == "EXPIRED"
    assert "expired on 2026-12-31" in answer["brokenLink"]["message"]


async def test_region_outside_the_letter_is_not_covered(api: GraphQLClient, reviewers) -> None:
    channel = await parties(api)
    await two_tier_chain(api, reviewers, channel)
    # Minhang (310112) is in Shanghai, so the first tier may go there; the second may not.
    answer = await chain(api, channel.tier2["id"], channel.model["id"], "310112")
    assert answer["brokenLink"]["position"] == 1
    assert answer["brokenLink"]["status"] == "REGION_NOT_COVERED"
    assert answer["brokenLink"]["authorisation"]["number"] == "KZ-SQ-2026-017"
    upper = await chain(api, channel.tier1["id"], channel.model["id"], "310112")
    assert upper["complete"] is True


async def test_model_outside_the_letter_is_not_covered(api: GraphQLClient, reviewers) -> None:
    channel = await parties(api)
    await two_tier_chain(api, reviewers, channel)
    other = await api.data(
        'mutation { createDeviceModel(input: {name: "超声诊断系统", manufacturer: "'
        + channel.maker["name"]
        + '", deviceClass: II, categoryCode: "06-07"}) { deviceModel { id } } }'
    )
    model_id = other["createDeviceModel"]["deviceModel"]["id"]
    answer = await chain(api, channel.tier2["id"], model_id, "310115")
    assert answer["complete"] is False
    assert answer["brokenLink"]["position"] == 1
    assert answer["brokenLink"]["status"] == "MODEL_NOT_COVERED"


async def test_a_distributor_without_letters_is_missing_its_link(api: GraphQLClient) -> None:
    channel = await parties(api)
    answer = await chain(api, channel.tier2["id"], channel.model["id"], "310115")
    assert answer["links"] == [
        {
            "position": 1,
            "status": "MISSING",
            "message": "上海浦东瑞宁医疗科技有限公司 holds no authorisation letter for "
            "BeneVision N12 病人监护仪.",
            "grantee": {"name": "上海浦东瑞宁医疗科技有限公司"},
            "authorisation": None,
        }
    ]


async def test_letter_counts_only_after_both_approvals(api: GraphQLClient, reviewers) -> None:
    channel = await parties(api)
    letter = await submit_letter(
        api,
        number="MR-SQ-2026-002",
        grantorId=channel.maker["id"],
        institutionId=channel.tier1["id"],
        deviceModelIds=[channel.model["id"]],
        regions=["310000"],
        validFrom="2026-01-01",
        validTo="2026-12-31",
    )
    await review_letter(reviewers[0], letter["id"])
    pending = await chain(api, channel.tier1["id"], channel.model["id"], "310101")
    assert pending["brokenLink"]["status"] == "PENDING_REVIEW"
    await review_letter(reviewers[1], letter["id"])
    assert (await chain(api, channel.tier1["id"], channel.model["id"], "310101"))["complete"]


async def test_valid_letter_is_chosen_over_an_expired_one(api: GraphQLClient, reviewers) -> None:
    channel = await parties(api)
    common = {
        "grantorId": channel.maker["id"],
        "institutionId": channel.tier1["id"],
        "deviceModelIds": [channel.model["id"]],
        "regions": ["310000"],
    }
    await approved_letter(
        api, reviewers, number="OLD", validFrom="2024-01-01", validTo="2025-12-31", **common
    )
    await approved_letter(api, reviewers, number="NEW", **common)
    answer = await chain(api, channel.tier1["id"], channel.model["id"], "310101")
    assert answer["complete"] is True
    assert answer["links"][0]["authorisation"]["number"] == "NEW"


async def test_letter_from_another_manufacturer_does_not_count(
    api: GraphQLClient, reviewers
) -> None:
    channel = await parties(api)
    other = (
        await api.data(
            'mutation { createInstitution(input: {name: "飞利浦医疗(苏州)有限公司", '
            "kind: MANUFACTURER}) { institution { id } } }"
        )
    )["createInstitution"]["institution"]
    await approved_letter(
        api,
        reviewers,
        number="PH-2026-9",
        grantorId=other["id"],
        institutionId=channel.tier1["id"],
        categories=["07"],
        regions=["310000"],
    )
    answer = await chain(api, channel.tier1["id"], channel.model["id"], "310101")
    assert answer["brokenLink"]["status"] == "WRONG_MANUFACTURER"
