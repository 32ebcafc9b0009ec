"""Demo loans through the API, as the CRM and a second person use it."""

from typing import Any

from tests.graphql_client import GraphQLClient

LOAN = """
  id status department startsOn dueBackOn requestedBy approvedBy approvalComment
  returnedOn returnCondition version
"""

REQUEST = f"""
mutation Request($input: RequestDemoLoanInput!) {{
  requestDemoLoan(input: $input) {{
    demoLoan {{ {LOAN} }}
    userErrors {{ field code message }}
  }}
}}
"""

REVIEW = f"""
mutation Review($input: ReviewDemoLoanInput!) {{
  reviewDemoLoan(input: $input) {{
    demoLoan {{ {LOAN} }}
    userErrors {{ field code message }}
  }}
}}
"""

RETURN = f"""
mutation Return($input: ReturnDemoLoanInput!) {{
  returnDemoLoan(input: $input) {{
    demoLoan {{ {LOAN} }}
    userErrors {{ field code message }}
  }}
}}
"""


async def request_loan(api: GraphQLClient, **input: Any) -> dict[str, Any]:
    """The requestDemoLoan payload."""
    values = {"startsOn": "2026-03-01", "dueBackOn": "2026-03-31", "department": "心血管内科"}
    return (await api.data(REQUEST, input={**values, **input}))["requestDemoLoan"]


async def review_loan(
    api: GraphQLClient, loan_id: str, decision: str = "APPROVE", comment: str | None = None
) -> dict[str, Any]:
    """The reviewDemoLoan payload."""
    input = {"id": loan_id, "decision": decision, "comment": comment}
    return (await api.data(REVIEW, input=input))["reviewDemoLoan"]


async def return_loan(
    api: GraphQLClient, loan_id: str, returned_on: str = "2026-03-28", condition: str = "完好"
) -> dict[str, Any]:
    """The returnDemoLoan payload."""
    input = {"id": loan_id, "returnedOn": returned_on, "condition": condition}
    return (await api.data(RETURN, input=input))["returnDemoLoan"]


async def lent(
    api: GraphQLClient, approver: GraphQLClient, device_id: str, institution_id: str, **input: Any
) -> dict[str, Any]:
    """A loan requested by `api` and approved by `approver`."""
    requested = await request_loan(api, deviceId=device_id, institutionId=institution_id, **input)
    assert requested["userErrors"] == [], requested["userErrors"]
    approved = await review_loan(approver, requested["demoLoan"]["id"])
    assert approved["userErrors"] == [], approved["userErrors"]
    return approved["demoLoan"]
