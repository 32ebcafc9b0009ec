"""Qualification of a page of institutions costs one certificate statement, not one per row."""

from hub.db.engine import Database
from tests import factories
from tests.api.test_dataloaders import counted_statements
from tests.graphql_client import GraphQLClient
from tests.quality.reviewing import submit

LIST = """
query($first: Int) {
  institutions(first: $first) { nodes { qualification { status } dataQuality { score } } }
}
"""


async def _statements_for(api: GraphQLClient, database: Database, first: int) -> int:
    with counted_statements(database) as statements:
        data = await api.data(LIST, first=first)
    assert len(data["institutions"]["nodes"]) == first
    return len(statements)


async def test_qualification_of_many_institutions_is_batched(
    api: GraphQLClient, database: Database
) -> None:
    for index in range(20):
        hospital = await factories.institution(api, name=f"医院{index:02d}")
        await submit(api, institutionId=hospital["id"], kind="PRACTICE_LICENSE", number=f"P{index}")
    small = await _statements_for(api, database, 2)
    large = await _statements_for(api, database, 20)
    # API key, count, page, and one statement for every institution's certificates.
    assert small == large == 4
