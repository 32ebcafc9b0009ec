"""Qualification of a page of institutions costs one certificate statement, not one per row."""

import pytest

from hub.db.engine import Database
from tests import factories
from tests.graphql_client import GraphQLClient, logged
from tests.quality.reviewing import submit

LIST = """
query($first: Int) {
  institutions(first: $first) { nodes { qualification { status } dataQuality { score } } }
}
"""


async def _statements_for(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture, first: int
) -> int:
    line = await logged(caplog, api, LIST, first=first)
    assert len(line["body"]["data"]["institutions"]["nodes"]) == first
    # SQLite wraps a request's reads in BEGIN ... ROLLBACK; PostgreSQL reads in autocommit.
    return int(line["sql_statements"]) - (2 if database.dialect == "sqlite" else 0)


async def test_qualification_of_many_institutions_is_batched(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    for index in range(20):
        hospital = await factories.institution(api, name=f"医院{index:02d}")
        await submit(api, institutionId=hospital["id"], kind="PRACTICE_LICENSE", number=f"P{index}")
    small = await _statements_for(api, database, caplog, 2)
    large = await _statements_for(api, database, caplog, 20)
    # The page (the key is remembered, no COUNT without totalCount), and one statement for
    # every institution's certificates in its own read transaction (BEGIN ... ROLLBACK).
    assert small == large == 4
