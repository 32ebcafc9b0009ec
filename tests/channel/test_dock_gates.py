"""The dock check refuses a unit on loan and a model without a valid authorisation chain."""

from typing import Any

from tests import factories
from tests.channel.building import parties, two_tier_chain
from tests.channel.lending import lent, return_loan
from tests.graphql_client import GraphQLClient

BY_MODEL = """
query Check($institution: ID!, $model: ID!, $on: Date) {
  complianceCheck(institutionId: $institution, deviceModelId: $model, on: $on) {
    decision reasons { code message }
  }
}
"""

BY_DEVICE = """
query Check($institution: ID!, $model: ID!, $serial: String!) {
  complianceCheckByDevice(
    institutionId: $institution, deviceModelId: $model, serialNumber: $serial
  ) { decision reasons { code message } }
}
"""


async def _check(api: GraphQLClient, institution: str, model: str, on: str) -> dict[str, Any]:
    data = await api.data(BY_MODEL, institution=institution, model=model, on=on)
    return data["complianceCheck"]


async def test_distributor_with_a_valid_chain_passes_the_gate(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    channel = await parties(api)
    await two_tier_chain(api, reviewers, channel)
    answer = await _check(api, channel.tier2["id"], channel.model["id"], "2026-06-01")
    assert "NOT_AUTHORISED" not in [reason["code"] for reason in answer["reasons"]]


async def test_expired_link_denies_shipping_and_names_the_letter(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    channel = await parties(api)
    await two_tier_chain(api, reviewers, channel)
    answer = await _check(api, channel.tier2["id"], channel.model["id"], "2027-02-01")
    assert answer["decision"] == "DENIED"
    first = answer["reasons"][0]
    assert first["code"] == "NOT_AUTHORISED"
    assert "link 1 is EXPIRED" in first["message"]
    assert "KZ-SQ-2026-017" in first["message"]


async def test_hospitals_are_not_subject_to_the_channel_gate(api: GraphQLClient) -> None:
    channel = await parties(api)
    answer = await _check(api, channel.hospital["id"], channel.model["id"], "2026-06-01")
    assert "NOT_AUTHORISED" not in [reason["code"] for reason in answer["reasons"]]


async def test_a_unit_on_loan_is_refused_at_the_dock(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    hospital = await factories.institution(api, name="上海市东方医院", regionCode="310115")
    model = await factories.device_model(api, deviceClass="I")
    unit = await factories.device(api, model["id"], serialNumber="DEMO-9")
    loan = await lent(api, reviewers[0], unit["id"], hospital["id"])
    other = await factories.institution(api, name="上海市第十人民医院", regionCode="310106")
    body = await api.data(BY_DEVICE, institution=other["id"], model=model["id"], serial="DEMO-9")
    answer = body["complianceCheckByDevice"]
    assert answer["decision"] == "DENIED"
    assert answer["reasons"][0]["code"] == "ON_LOAN"
    assert "on loan to 上海市东方医院" in answer["reasons"][0]["message"]
    await return_loan(api, loan["id"])
    body = await api.data(BY_DEVICE, institution=other["id"], model=model["id"], serial="DEMO-9")
    reasons = body["complianceCheckByDevice"]["reasons"]
    assert "ON_LOAN" not in [reason["code"] for reason in reasons]
