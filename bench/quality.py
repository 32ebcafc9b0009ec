"""Benchmark: re-screening N institutions, and the pure compliance decision.

    .venv/bin/python bench/quality.py --institutions 2000
    .venv/bin/python bench/quality.py --url postgresql+asyncpg://postgres@127.0.0.1:5432/bench

Fills a fresh database (a temporary SQLite file unless --url is given) with distributors, each
holding an approved business licence and Class II filing, then times `rescreen` twice (every
status changes, then none does) and a batch of compliance decisions without I/O.
"""

import argparse
import asyncio
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from hub.audit.writer import Author
from hub.db.certificate import Certificate
from hub.db.engine import Database
from hub.db.enums import (
    CertificateKind,
    DeviceClass,
    InstitutionKind,
    InstitutionStatus,
    RecordStatus,
    ReviewStatus,
)
from hub.db.institution import Institution
from hub.db.migrate import upgrade_to_head
from hub.quality.clock import today
from hub.quality.compliance import Product, check
from hub.quality.rules import load_rules
from hub.store import qualifications

AUTHOR = Author(actor="bench")


async def _fill(database: Database, count: int) -> None:
    day = today()
    async with database.transaction() as session:
        for index in range(count):
            institution = Institution(
                code=f"B{index:06d}", name=f"经销商{index}", kind=InstitutionKind.DISTRIBUTOR
            )
            session.add(institution)
            await session.flush()
            for kind, scope in (
                (CertificateKind.BUSINESS_LICENSE, {}),
                (CertificateKind.CLASS_II_FILING, {"deviceClasses": ["II"], "categories": ["07"]}),
            ):
                session.add(
                    Certificate(
                        institution_id=institution.id,
                        kind=kind,
                        number=f"N{index}",
                        review_status=ReviewStatus.APPROVED,
                        valid_to=day + timedelta(days=index % 365),
                        scope=scope,
                    )
                )


async def _rescreen(database: Database) -> tuple[float, int]:
    started = time.perf_counter()
    async with database.transaction() as session:
        ids = await qualifications.screened_ids(session)
        changes = await qualifications.rescreen(session, AUTHOR, ids, load_rules(), today())
    return time.perf_counter() - started, len(changes)


def _compliance(decisions: int) -> float:
    """Seconds per decision, for a distributor holding a covering filing."""
    rules = load_rules()
    buyer = Institution(kind=InstitutionKind.DISTRIBUTOR, status=InstitutionStatus.ACTIVE)
    held = [
        Certificate(
            kind=kind,
            number="N",
            review_status=ReviewStatus.APPROVED,
            status=RecordStatus.ACTIVE,
            scope={"deviceClasses": ["II"], "categories": ["6821", "07"]},
        )
        for kind in (CertificateKind.BUSINESS_LICENSE, CertificateKind.CLASS_II_FILING)
    ]
    product = Product(DeviceClass.II, "07-03")
    started = time.perf_counter()
    for _ in range(decisions):
        check(buyer, product, held, rules, today())
    return (time.perf_counter() - started) / decisions


async def main(url: str | None, count: int, decisions: int) -> None:
    directory = tempfile.mkdtemp()
    database = Database(url or f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}")
    try:
        await upgrade_to_head(database)
        await _fill(database, count)
        first, changed = await _rescreen(database)
        second, unchanged = await _rescreen(database)
    finally:
        await database.dispose()
    print(f"{database.dialect}: {count} institutions")
    print(f"rescreen, every status changes: {first:.2f} s ({changed} changes)")
    print(f"rescreen, nothing changes:      {second:.2f} s ({unchanged} changes)")
    per_decision = _compliance(decisions)
    print(f"compliance decision without I/O: {per_decision * 1e6:.1f} µs ({decisions} runs)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--url", help="Database URL (an empty database); default: temporary SQLite."
    )
    parser.add_argument("--institutions", type=int, default=2000)
    parser.add_argument("--decisions", type=int, default=20000)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.url, arguments.institutions, arguments.decisions))
