"""Certificates through submission and review, as the API's users do it."""

from typing import Any

from tests.graphql_client import GraphQLClient

CREATE_CERTIFICATE = """
mutation Create($input: CreateCertificateInput!) {
  createCertificate(input: $input) {
    certificate { id reviewStatus submittedBy }
    userErrors { field code message }
  }
}
"""

REVIEW = """
mutation Review($input: ReviewCertificateInput!) {
  reviewCertificate(input: $input) {
    certificate {
      id reviewStatus version
      firstReviewer firstComment secondReviewer secondComment firstReviewedAt
    }
    userErrors { field code message }
  }
}
"""

DISTRIBUTOR_USCC = "91310000607396936W"


async def submit(api: GraphQLClient, **input: Any) -> dict[str, Any]:
    """A certificate submitted by `api`; it must be accepted."""
    payload = (await api.data(CREATE_CERTIFICATE, input=input))["createCertificate"]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["certificate"]


async def review(
    api: GraphQLClient, certificate_id: str, decision: str = "APPROVE", comment: str | None = None
) -> dict[str, Any]:
    """The payload of one review step."""
    input = {"id": certificate_id, "decision": decision, "comment": comment}
    return (await api.data(REVIEW, input=input))["reviewCertificate"]


async def approved(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, GraphQLClient], **input: Any
) -> dict[str, Any]:
    """A certificate submitted by `api` and approved by both reviewers."""
    certificate = await submit(api, **input)
    for reviewer in reviewers:
        payload = await review(reviewer, certificate["id"])
        assert payload["userErrors"] == [], payload["userErrors"]
    return certificate
