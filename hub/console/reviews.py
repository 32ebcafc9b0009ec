"""The certificate review inbox (four eyes): who submitted, whose step is next, approve or
reject with a comment, all through reviewCertificate."""

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from hub.console.page import back_to, caller, checked_form, render, signed_in

_INBOX = """
query Inbox($after: String) {
  certificates(
    filter: {reviewStatuses: [SUBMITTED, FIRST_APPROVED], statuses: [ACTIVE]}
    orderBy: {field: CREATED_AT, direction: ASC}
    first: 50
    after: $after
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id version kind number issuer validFrom validTo document reviewStatus
      submittedBy firstReviewer firstReviewedAt firstComment
      scope { deviceClasses categories }
      institution { id name code }
      contact { id name }
    }
  }
}
"""
_REVIEW = """
mutation Review($input: ReviewCertificateInput!) {
  reviewCertificate(input: $input) {
    certificate { id reviewStatus }
    userErrors { field code message }
  }
}
"""


def next_step(certificate: dict[str, Any]) -> str:
    """Whose step is next, in words: first review by anyone but the submitter, second review
    by anyone but the submitter and the first reviewer."""
    excluded = [certificate.get("submittedBy")]
    step = "初审"
    if certificate["reviewStatus"] == "FIRST_APPROVED":
        excluded.append(certificate.get("firstReviewer"))
        step = "复审"
    names = "、".join(who for who in excluded if who)
    return f"{step}：由 {names} 以外的审核人办理" if names else f"{step}：任一审核人"


async def _page(
    request: Request, errors: dict[str, list[dict[str, Any]]] | None = None
) -> Response:
    me = caller(request)
    after = request.query_params.get("after") or None
    inbox = (await me.run(_INBOX, after=after))["certificates"]
    for certificate in inbox["nodes"]:
        certificate["nextStep"] = next_step(certificate)
    return render(
        request,
        "reviews.html",
        status_code=422 if errors else 200,
        inbox=inbox,
        can_review=me.can("reviewCertificate"),
        errors=errors or {},
    )


@signed_in
async def inbox(request: Request) -> Response:
    """GET /console/reviews."""
    return await _page(request)


@signed_in
async def review(request: Request) -> Response:
    """POST /console/reviews/{id}: approve, or reject with a comment."""
    form = await checked_form(request)
    certificate_id = request.path_params["id"]
    decision = "REJECT" if form.get("decision") == "REJECT" else "APPROVE"
    version = str(form.get("version") or "")
    review_input = {
        "id": certificate_id,
        "decision": decision,
        "comment": str(form.get("comment") or "") or None,
        "expectedVersion": int(version) if version.isdigit() else None,
    }
    outcome = await caller(request).run(_REVIEW, input=review_input)
    errors = outcome["reviewCertificate"]["userErrors"]
    if errors:
        return await _page(request, {certificate_id: errors})
    return back_to(request, "reviews")
