"""The console's front page: where to go, and a search for an institution by name or code."""

from starlette.requests import Request
from starlette.responses import Response

from hub.console.page import caller, render, signed_in

_SEARCH = """
query Search($filter: InstitutionFilter!) {
  institutions(filter: $filter, first: 20, orderBy: {field: CODE, direction: ASC}) {
    totalCount
    nodes { id code name kind status orgPath qualificationStatus }
  }
}
"""


@signed_in
async def home(request: Request) -> Response:
    """GET /console/?q=中山: the page list and, with q, matching institutions."""
    me = caller(request)
    query = (request.query_params.get("q") or "").strip()[:100]
    found = None
    if query:
        key = "code" if query.isascii() and "-" in query else "nameContains"
        found = (await me.run(_SEARCH, filter={key: query}))["institutions"]
    return render(request, "home.html", q=query, found=found)
