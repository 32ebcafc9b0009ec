"""Institution.timeline: one UNION ALL in SQL against loading every source's rows into Python.

Loads a synthetic base (bench/generate.py: institutions with certificates, devices and
tickets), gives one institution a deep history of extra tickets, then times, side by side and
interleaved, the hub's `timeline.page` (two statements) and the naive way (one query per source,
every row into Python, sort, slice) for (a) one page of 20 events for each of 50 institutions,
(b) the first 20 events of the deep institution. Both must return the same entries.

    python bench/timeline.py [--institutions 2000] [--deep 5000] [--rounds 15]
    HUB_BENCH_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
        python bench/timeline.py

With a PostgreSQL server URL it creates a database with a random name and drops it afterwards.
"""

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

# The repository root, for bench.generate and the test suite's helpers.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import load
from hub.db.engine import Database
from hub.db.institution import Institution
from hub.db.listing import unrestricted
from hub.db.ticket import Ticket
from hub.store import timeline
from tests.pg_databases import create_postgres_database, drop_postgres_database
from tests.sql_counting import counted_statements

EVERYTHING = timeline.Visible(timeline.SOURCES, frozenset(s.kind for s in timeline.SOURCES))
PAGE = 20


async def _deepen(database: Database, institution: Any, count: int) -> None:
    now = datetime.now(UTC)
    rows = [
        {
            "id": uuid.uuid4(),
            "number": f"DEEP-{n:06d}",
            "institution_id": institution.id,
            "kind": "REPAIR",
            "priority": "NORMAL",
            "status": "OPEN",
            "opened_at": now - timedelta(hours=n),
            "summary": "历史工单",
            "org_path": institution.org_path,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for n in range(count)
    ]
    async with database.transaction() as session:
        await session.execute(insert(Ticket), rows)


async def naive(session: Any, ids: Sequence[uuid.UUID], size: int) -> dict[Any, list[Any]]:
    """Every event of every source for these institutions into Python, sorted, sliced."""
    found: dict[Any, list[Any]] = {}
    for source in timeline.SOURCES:
        statement = select(
            source.model.id, source.at, source.institution, source.label or source.model.id
        ).where(source.institution.in_(ids), source.at.is_not(None), *source.where())
        for entity_id, at, institution_id, label in await session.execute(statement):
            if not isinstance(at, datetime):
                at = datetime(at.year, at.month, at.day, tzinfo=UTC)
            shown = label if source.label is not None else None
            found.setdefault(institution_id, []).append(
                (at, source.kind.value, str(entity_id), shown)
            )
    return {
        key: sorted(events, key=lambda e: (-e[0].timestamp(), e[1], e[2]))[:size]
        for key, events in found.items()
    }


async def hub_way(session: Any, ids: Sequence[uuid.UUID], size: int) -> dict[Any, list[Any]]:
    """The hub's timeline page."""
    _, pages = await timeline.page(
        session, ids, timeline.Window(), EVERYTHING, unrestricted, 0, size
    )
    return {
        key: [(e.at, e.kind.value, str(e.entity_id), e.label) for e in entries]
        for key, entries in pages.items()
    }


async def _time(database: Database, run: Callable[..., Awaitable[Any]], *args: Any) -> float:
    async with database.reader() as session:
        started = time.perf_counter()
        await run(session, *args)
        return time.perf_counter() - started


async def measure(url: str, institutions: int, deep: int, rounds: int) -> None:
    """Load, deepen, check both ways agree, then time them interleaved."""
    totals = await load(url, institutions)
    print(f"loaded: {totals}")
    database = Database(url)
    try:
        async with database.reader() as session:
            places = list(
                (await session.execute(select(Institution).order_by(Institution.code).limit(50)))
                .scalars()
                .all()
            )
        await _deepen(database, places[0], deep)
        cases = {
            "50 institutions, 20 each": [p.id for p in places],
            "1 deep institution": [places[0].id],
        }
        for name, ids in cases.items():
            async with database.reader() as session:
                with counted_statements(database) as union_statements:
                    ours = await hub_way(session, ids, PAGE)
                with counted_statements(database) as naive_statements:
                    theirs = await naive(session, ids, PAGE)
            same = {k: [e[1:3] for e in v] for k, v in ours.items()} == {
                k: [e[1:3] for e in v] for k, v in theirs.items()
            }
            timings: dict[str, list[float]] = {"union": [], "naive": []}
            for _ in range(rounds):
                timings["union"].append(await _time(database, hub_way, ids, PAGE))
                timings["naive"].append(await _time(database, naive, ids, PAGE))
            union_ms = statistics.median(timings["union"]) * 1000
            naive_ms = statistics.median(timings["naive"]) * 1000
            print(
                f"{name:28} union {union_ms:8.1f} ms ({len(union_statements)} statements)   "
                f"naive {naive_ms:8.1f} ms ({len(naive_statements)} statements)   "
                f"naive/union {naive_ms / union_ms:5.2f}   same entries: {same}"
            )
    finally:
        await database.dispose()


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--institutions", type=int, default=2_000)
    parser.add_argument("--deep", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    server = os.environ.get("HUB_BENCH_DATABASE_URL")

    async def run() -> None:
        if server is None:
            with tempfile.TemporaryDirectory() as directory:
                url = f"sqlite+aiosqlite:///{directory}/timeline.db"
                await measure(url, args.institutions, args.deep, args.rounds)
            return
        url = await create_postgres_database(server)
        try:
            await measure(url, args.institutions, args.deep, args.rounds)
        finally:
            await drop_postgres_database(server, url)

    asyncio.run(run())


if __name__ == "__main__":
    main()
