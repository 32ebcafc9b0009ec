"""Institution.qualification, complianceCheck and complianceCheckByDevice over GraphQL."""

from datetime import timedelta
from typing import Any

from hub.quality.clock import today
from tests import factories
from tests.channel.building import authorise
from tests.graphql_client import GraphQLClient
from tests.quality.reviewing import DISTRIBUTOR_USCC, approved, submit

Reviewers = tuple[GraphQLClient, GraphQLClient]

QUALIFICATION = """
query($id: ID!) {
  node(id: $id) {
    ... on Institution {
      qualificationStatus
      qualification { status reasons { code certificateKind message } }
    }
  }
}
"""

CHECK = """
query($institution: ID!, $model: ID!, $on: Date) {
  complianceCheck(institutionId: $institution, deviceModelId: $model, on: $on) {
    decision reasons { code certificateKind }
  }
}
"""

CHECK_DEVICE = """
query($institution: ID!, $model: ID!, $serial: String!) {
  complianceCheckByDevice(institutionId: $institution, deviceModelId: $model,
                          serialNumber: $serial) {
    decision reasons { code }
  }
}
"""


async def _distributor(api: GraphQLClient, reviewers: Reviewers, **filing: Any) -> dict[str, Any]:
    """A distributor with an approved business licence and Class II filing for category 07."""
    distributor = await factories.institution(
        api, name="上海医疗器械经营有限公司", kind="DISTRIBUTOR", uscc=DISTRIBUTOR_USCC
    )
    licence = {"kind": "BUSINESS_LICENSE", "number": DISTRIBUTOR_USCC}
    await approved(api, reviewers, institutionId=distributor["id"], **licence)
    await approved(
        api,
        reviewers,
        institutionId=distributor["id"],
        kind="CLASS_II_FILING",
        number="沪徐药监械经营备20220012号",
        scope={"deviceClasses": ["II"], "categories": ["07", "6821"]},
        **filing,
    )
    return distributor


async def _models(api: GraphQLClient) -> tuple[dict[str, Any], dict[str, Any]]:
    monitor = await factories.device_model(api, registrationNumber="粤械注准20212070585")
    stent = await factories.device_model(
        api,
        name="Firebird2 冠脉雷帕霉素洗脱钴基合金支架系统",
        manufacturer="上海微创医疗器械(集团)有限公司",
        deviceClass="III",
        categoryCode="13-07",
        registrationNumber="国械注准20173130001",
    )
    return monitor, stent


async def test_approved_certificates_make_a_distributor_qualified(
    api: GraphQLClient, reviewers: Reviewers
) -> None:
    distributor = await _distributor(api, reviewers)
    node = (await api.data(QUALIFICATION, id=distributor["id"]))["node"]
    assert node == {
        "qualificationStatus": "QUALIFIED",
        "qualification": {"status": "QUALIFIED", "reasons": []},
    }


async def test_filing_expiring_soon_makes_it_expiring(
    api: GraphQLClient, reviewers: Reviewers
) -> None:
    soon = (today() + timedelta(days=20)).isoformat()
    distributor = await _distributor(api, reviewers, validTo=soon)
    node = (await api.data(QUALIFICATION, id=distributor["id"]))["node"]
    assert node["qualification"]["status"] == "EXPIRING"
    assert node["qualification"]["reasons"][0]["code"] == "EXPIRING"
    assert node["qualification"]["reasons"][0]["certificateKind"] == "CLASS_II_FILING"


async def test_certificates_still_in_review_do_not_qualify(api: GraphQLClient) -> None:
    clinic = await factories.institution(api, name="徐汇区社区卫生服务中心", kind="CLINIC")
    await submit(api, institutionId=clinic["id"], kind="PRACTICE_LICENSE", number="PDY00001X")
    node = (await api.data(QUALIFICATION, id=clinic["id"]))["node"]
    assert node["qualificationStatus"] is None  # never screened: no certificate was approved
    assert node["qualification"]["status"] == "NOT_QUALIFIED"
    assert [r["code"] for r in node["qualification"]["reasons"]] == [
        "MISSING_CERTIFICATE",
        "PENDING_REVIEW",
    ]


async def test_approval_that_qualifies_an_institution_reaches_the_change_feed(
    api: GraphQLClient, reviewers: Reviewers
) -> None:
    distributor = await _distributor(api, reviewers)
    feed = await api.data(
        '{ changes(entityTypes: ["Institution"]) { events { action entityId changes } } }'
    )
    requalified = [e for e in feed["changes"]["events"] if e["action"] == "REQUALIFY"]
    assert [e["changes"]["qualification_status"] for e in requalified] == [
        {"before": None, "after": "NOT_QUALIFIED"},
        {"before": "NOT_QUALIFIED", "after": "QUALIFIED"},
    ]
    assert {e["entityId"] for e in requalified} == {distributor["id"]}


async def test_compliance_allows_a_covered_class_ii_and_denies_an_unlicensed_class_iii(
    api: GraphQLClient, reviewers: Reviewers
) -> None:
    distributor = await _distributor(api, reviewers)
    monitor, stent = await _models(api)
    await authorise(api, reviewers, distributor["id"], [monitor["id"]])
    allowed = await api.data(CHECK, institution=distributor["id"], model=monitor["id"])
    denied = await api.data(CHECK, institution=distributor["id"], model=stent["id"])
    assert allowed["complianceCheck"] == {
        "decision": "ALLOWED",
        "reasons": [{"code": "COVERED", "certificateKind": "CLASS_II_FILING"}],
    }
    assert denied["complianceCheck"] == {
        "decision": "DENIED",
        "reasons": [
            {"code": "NOT_AUTHORISED", "certificateKind": None},
            {"code": "MISSING_CERTIFICATE", "certificateKind": "OPERATION_LICENSE"},
        ],
    }


async def test_compliance_on_a_day_after_the_filing_ends_is_denied(
    api: GraphQLClient, reviewers: Reviewers
) -> None:
    distributor = await _distributor(api, reviewers, validTo="2030-12-31")
    monitor, _ = await _models(api)
    await authorise(api, reviewers, distributor["id"], [monitor["id"]])
    later = await api.data(
        CHECK, institution=distributor["id"], model=monitor["id"], on="2031-01-01"
    )
    assert later["complianceCheck"]["decision"] == "DENIED"
    assert later["complianceCheck"]["reasons"][0]["code"] == "EXPIRED"


async def test_compliance_by_device_at_the_dock(api: GraphQLClient, reviewers: Reviewers) -> None:
    distributor = await _distributor(api, reviewers)
    monitor, _ = await _models(api)
    await authorise(api, reviewers, distributor["id"], [monitor["id"]])
    await factories.device(api, monitor["id"], serialNumber="DS-0001")
    known = await api.data(
        CHECK_DEVICE, institution=distributor["id"], model=monitor["id"], serial="DS-0001"
    )
    unknown = await api.data(
        CHECK_DEVICE, institution=distributor["id"], model=monitor["id"], serial="NOPE"
    )
    assert known["complianceCheckByDevice"] == {
        "decision": "ALLOWED",
        "reasons": [{"code": "COVERED"}],
    }
    assert unknown["complianceCheckByDevice"] == {
        "decision": "DENIED",
        "reasons": [{"code": "DEVICE_NOT_FOUND"}],
    }


async def test_recalled_batch_is_denied_at_the_dock(
    api: GraphQLClient, reviewers: Reviewers
) -> None:
    distributor = await _distributor(api, reviewers)
    monitor, _ = await _models(api)
    lot = await factories.batch(api, monitor["id"])
    await factories.device(api, monitor["id"], serialNumber="DS-0002", batchId=lot["id"])
    await api.data(
        "mutation($input: UpdateBatchInput!) { updateBatch(input: $input) "
        "{ userErrors { code } } }",
        input={"id": lot["id"], "status": "RECALLED"},
    )
    result = await api.data(
        CHECK_DEVICE, institution=distributor["id"], model=monitor["id"], serial="DS-0002"
    )
    assert result["complianceCheckByDevice"]["reasons"] == [{"code": "BATCH_RECALLED"}]


async def test_compliance_check_with_a_wrong_id_is_a_bad_request(api: GraphQLClient) -> None:
    monitor, _ = await _models(api)
    body = await api.execute(CHECK, institution=monitor["id"], model=monitor["id"])
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_blocking_a_screened_institution_requalifies_it(
    api: GraphQLClient, reviewers: Reviewers
) -> None:
    distributor = await _distributor(api, reviewers)
    await api.data(
        "mutation($input: UpdateInstitutionInput!) { updateInstitution(input: $input) "
        "{ userErrors { code } } }",
        input={"id": distributor["id"], "status": "BLOCKED"},
    )
    node = (await api.data(QUALIFICATION, id=distributor["id"]))["node"]
    assert node["qualificationStatus"] == "NOT_QUALIFIED"
    assert node["qualification"]["reasons"] == [
        {
            "code": "INSTITUTION_BLOCKED",
            "certificateKind": None,
            "message": "The institution is blocked.",
        }
    ]
