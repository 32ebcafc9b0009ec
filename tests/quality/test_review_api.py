"""Four-eyes review of certificates: two different people, neither the submitter."""

from tests import factories
from tests.graphql_client import GraphQLClient
from tests.quality.reviewing import review, submit

TRAIL = """
query($id: ID!) { auditTrail(entityId: $id) { nodes { action actor changes } } }
"""


async def _licence(api: GraphQLClient) -> dict:
    distributor = await factories.institution(api, name="国药控股上海有限公司", kind="DISTRIBUTOR")
    return await submit(
        api,
        institutionId=distributor["id"],
        kind="OPERATION_LICENSE",
        number="沪徐食药监械经营许20190012号",
        validTo="2029-01-01",
    )


async def test_submission_records_the_submitter(api: GraphQLClient) -> None:
    certificate = await _licence(api)
    assert certificate["reviewStatus"] == "SUBMITTED"
    assert certificate["submittedBy"] == "key:admin"


async def test_two_different_reviewers_approve_it(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    certificate = await _licence(api)
    first = await review(reviewers[0], certificate["id"], comment="原件已核对")
    second = await review(reviewers[1], certificate["id"])
    assert first["certificate"]["reviewStatus"] == "FIRST_APPROVED"
    assert first["certificate"]["firstReviewer"] == "key:reviewer-li"
    assert first["certificate"]["firstComment"] == "原件已核对"
    assert second["certificate"]["reviewStatus"] == "APPROVED"
    assert second["certificate"]["secondReviewer"] == "key:reviewer-wang"
    trail = (await api.data(TRAIL, id=certificate["id"]))["auditTrail"]["nodes"]
    assert [(event["action"], event["actor"]) for event in trail] == [
        ("CREATE", "key:admin"),
        ("APPROVE", "key:reviewer-li"),
        ("APPROVE", "key:reviewer-wang"),
    ]


async def test_submitter_cannot_review_their_own_certificate(api: GraphQLClient) -> None:
    certificate = await _licence(api)
    payload = await review(api, certificate["id"])
    assert payload["certificate"] is None
    assert payload["userErrors"][0]["code"] == "SAME_REVIEWER"


async def test_one_person_cannot_give_both_approvals(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    certificate = await _licence(api)
    await review(reviewers[0], certificate["id"])
    payload = await review(reviewers[0], certificate["id"])
    assert payload["userErrors"] == [
        {
            "field": ["input", "id"],
            "code": "SAME_REVIEWER",
            "message": "The second review must come from another person.",
        }
    ]


async def test_rejection_needs_a_comment_and_ends_the_review(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    certificate = await _licence(api)
    silent = await review(reviewers[0], certificate["id"], decision="REJECT")
    assert silent["userErrors"][0]["field"] == ["input", "comment"]
    assert silent["userErrors"][0]["code"] == "REQUIRED"
    rejected = await review(reviewers[0], certificate["id"], decision="REJECT", comment="已过期")
    assert rejected["certificate"]["reviewStatus"] == "REJECTED"
    again = await review(reviewers[1], certificate["id"])
    assert again["userErrors"][0]["code"] == "INVALID_TRANSITION"


async def test_changing_an_approved_certificate_sends_it_back_to_review(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient]
) -> None:
    certificate = await _licence(api)
    for reviewer in reviewers:
        await review(reviewer, certificate["id"])
    updated = await api.data(
        "mutation($input: UpdateCertificateInput!) { updateCertificate(input: $input) "
        "{ certificate { reviewStatus firstReviewer submittedBy } userErrors { code } } }",
        input={"id": certificate["id"], "validTo": "2031-01-01"},
    )
    assert updated["updateCertificate"]["certificate"] == {
        "reviewStatus": "SUBMITTED",
        "firstReviewer": None,
        "submittedBy": "key:admin",
    }
