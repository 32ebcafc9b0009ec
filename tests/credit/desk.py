"""Credit requests, reviews and receivables through the API, as the credit desk and the ERP
send them."""

from datetime import timedelta
from typing import Any

from hub.quality.clock import today
from tests.graphql_client import GraphQLClient

REQUEST_CHANGE = """
mutation Request($input: RequestCreditChangeInput!) {
  requestCreditChange(input: $input) {
    creditRequest { id kind reviewStatus submittedBy rating creditLimit currency }
    userErrors { field code message }
  }
}
"""
REQUEST_OVERRIDE = """
mutation Request($input: RequestCreditOverrideInput!) {
  requestCreditOverride(input: $input) {
    creditRequest { id kind reviewStatus overrideUntil reason }
    userErrors { field code message }
  }
}
"""
REVIEW = """
mutation Review($input: ReviewCreditRequestInput!) {
  reviewCreditRequest(input: $input) {
    creditRequest { id reviewStatus reviewer reviewComment }
    userErrors { field code message }
  }
}
"""
UPSERT_RECEIVABLE = """
mutation Receivable($input: UpsertReceivableInput!) {
  upsertReceivable(input: $input) {
    receivable { id documentNumber amount dueOn asOf daysOverdue version }
    userErrors { field code message }
  }
}
"""
CREDIT_STATUS = """
query Status($code: String!) {
  institution(code: $code) {
    creditStatus {
      status utilisation exposure overdueAmount oldestOverdueDays
      reasons { code message }
      account { code }
    }
  }
}
"""


def days_from_today(days: int) -> str:
    """An ISO date `days` after today in China (negative: before)."""
    return (today() + timedelta(days=days)).isoformat()


async def request_change(
    officer: GraphQLClient, institution_id: str, **terms: Any
) -> dict[str, Any]:
    """The payload of a change request (rating A, limit 100,000.00 unless told otherwise)."""
    values = {
        "institutionId": institution_id,
        "rating": "A",
        "creditLimit": "100000.00",
        "reason": "年度授信评审",
        **terms,
    }
    return (await officer.data(REQUEST_CHANGE, input=values))["requestCreditChange"]


async def review(
    reviewer: GraphQLClient, request_id: str, decision: str = "APPROVE", comment: str | None = None
) -> dict[str, Any]:
    """The payload of a review decision."""
    values = {"id": request_id, "decision": decision, "comment": comment}
    return (await reviewer.data(REVIEW, input=values))["reviewCreditRequest"]


async def approved_profile(
    desk: tuple[GraphQLClient, GraphQLClient], institution_id: str, **terms: Any
) -> dict[str, Any]:
    """A change requested by the officer and approved by the manager."""
    officer, manager = desk
    requested = await request_change(officer, institution_id, **terms)
    assert requested["userErrors"] == [], requested["userErrors"]
    decided = await review(manager, requested["creditRequest"]["id"])
    assert decided["userErrors"] == [], decided["userErrors"]
    return decided["creditRequest"]


async def receivable(
    erp: GraphQLClient,
    institution_id: str,
    number: str,
    amount: str,
    due_in_days: int,
    **more: Any,
) -> dict[str, Any]:
    """The payload of one receivable document sent by the ERP."""
    values = {
        "source": {"system": "erp", "id": number},
        "institutionId": institution_id,
        "amount": amount,
        "dueOn": days_from_today(due_in_days),
        **more,
    }
    return (await erp.data(UPSERT_RECEIVABLE, input=values))["upsertReceivable"]


async def owed(
    erp: GraphQLClient, institution_id: str, number: str, amount: str, due_in: int
) -> None:
    """A receivable the ERP sends, which must be accepted."""
    payload = await receivable(erp, institution_id, number, amount, due_in)
    assert payload["userErrors"] == [], payload["userErrors"]


async def credit_status(api: GraphQLClient, code: str) -> dict[str, Any]:
    """Institution(code).creditStatus, read by `api`."""
    return (await api.data(CREDIT_STATUS, code=code))["institution"]["creditStatus"]
