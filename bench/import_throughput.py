"""Institution rows per second through `hub import` (validation and upsert included).

    HUB_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/DB \
        python bench/import_throughput.py --rows 5000

Writes a CSV with Chinese headers and valid USCCs, imports it into the (migrated) database,
then imports it again (the idempotent pass) and prints rows/s for both.
"""

import argparse
import asyncio
import csv
import tempfile
import time
from pathlib import Path

from stdnum.cn import uscc

from hub.audit.writer import Author
from hub.authz.bootstrap import prepare_database
from hub.config import get_settings
from hub.db.engine import Database
from hub.transfer.import_columns import ImportKind
from hub.transfer.imports import import_rows
from hub.transfer.tables import mapped_rows

HEADERS = ["客户编号", "客户名称", "客户类型", "统一社会信用代码", "行政区划代码", "地址"]


def write_csv(path: Path, rows: int) -> None:
    """A CRM-style export of `rows` hospitals."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for index in range(rows):
            base = f"12310000{index:09d}"
            writer.writerow(
                [
                    f"C{index:07d}",
                    f"基准导入医院{index:07d}",
                    "医院",
                    base + uscc.calc_check_digit(base),
                    "310104",
                    f"上海市徐汇区测试路{index}号",
                ]
            )


async def run(rows: int) -> None:
    """Import the file twice and print the throughput of each pass."""
    database = Database(get_settings().database_url)
    await prepare_database(database)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crm.csv"
        write_csv(path, rows)
        for label in ("first import", "re-import"):
            _, mapped = mapped_rows(path, ImportKind.INSTITUTIONS)
            records = list(mapped)
            started = time.perf_counter()
            report = await import_rows(
                database,
                Author("bench:import"),
                ImportKind.INSTITUTIONS,
                records,
                source_system="bench",
            )
            elapsed = time.perf_counter() - started
            print(
                f"{label:13} {report.rows} rows, {report.failed_rows} refused, "
                f"{elapsed:.1f} s, {report.rows / elapsed:.0f} rows/s"
            )
    await database.dispose()


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    asyncio.run(run(parser.parse_args().rows))


if __name__ == "__main__":
    main()
