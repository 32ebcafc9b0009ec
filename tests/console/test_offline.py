"""Everything a console page or GraphiQL loads comes from the hub itself (intranets have no
internet), and lists cost a bounded number of SQL statements."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from hub.audit.writer import Author
from hub.db.dedup import DuplicateCandidate
from hub.db.engine import Database
from hub.db.enums import CandidateStatus, InstitutionKind, MatchEntity, Role
from hub.store import institutions
from tests.console.conftest import SignIn

_REFERENCES = re.compile(r'(?:src|href)\s*=\s*"([^"]+)"')


def _external(html: str) -> list[str]:
    return [ref for ref in _REFERENCES.findall(html) if re.match(r"(?:https?:)?//", ref)]


async def test_graphiql_loads_its_scripts_and_styles_from_the_hub(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text
    assert "unpkg.com" not in page.text and _external(page.text) == []
    assets = [ref for ref in _REFERENCES.findall(page.text) if ref.startswith("/console/static/")]
    assert len(assets) == 7
    for asset in assets:
        assert (await client.get(asset)).status_code == 200


async def test_console_pages_reference_only_the_hubs_own_files(signed_in: SignIn) -> None:
    steward = await signed_in(Role.STEWARD)
    for path in ("/", "/duplicates", "/merges", "/reviews", "/compliance", "/quality"):
        page = await steward.get(path)
        assert page.status_code == 200, path
        assert _external(page.text) == [], path
        assert "default-src 'self'" in page.headers["content-security-policy"]
    assert (await steward.get("/static/console.css")).status_code == 200


@contextmanager
def _counted(database: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement != "BEGIN":
            statements.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)


async def _candidates(database: Database, count: int) -> None:
    author = Author(actor="test:setup")
    async with database.transaction() as session:
        ids = []
        for number in range(count + 1):
            values = {"name": f"测试医院{number:03d}", "kind": InstitutionKind.HOSPITAL}
            ids.append((await institutions.create(session, author, values)).id)
        for number in range(count):
            left, right = sorted((ids[number], ids[number + 1]))
            session.add(
                DuplicateCandidate(
                    entity_type=MatchEntity.INSTITUTION,
                    left_id=left,
                    right_id=right,
                    score=0.5 + number / (2 * count),
                    evidence=[],
                    status=CandidateStatus.OPEN,
                )
            )


async def test_a_queue_page_costs_the_same_statements_for_5_or_50_pairs(
    database: Database, signed_in: SignIn
) -> None:
    await _candidates(database, 60)
    steward = await signed_in(Role.STEWARD)
    await steward.get("/duplicates")  # policies loaded once per process
    with _counted(database) as few:
        page = await steward.get("/duplicates?min_score=0.955")
    assert page.text.count('class="open-pair"') == 5
    with _counted(database) as many:
        page = await steward.get("/duplicates")
    assert page.text.count('class="open-pair"') == 50
    assert "共 60 对" in page.text
    # The session, its person, the count, the page, and the names of the pairs' records.
    assert len(many) == len(few) == 5
