"""`hub import` killed with SIGKILL mid-file and run again: every batch that committed before
the kill is kept as it was, no row is imported twice, and the audit trail has one creation
event per row."""

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from hub.db.audit import AuditEvent
from hub.db.engine import Database
from hub.db.institution import Institution
from hub.db.source_record import SourceRecord

ROWS = 20_000
BATCH = 500  # hub.transfer.imports.import_rows' default batch size
HUB = Path(sys.executable).with_name("hub")


def _write_export(path: Path) -> None:
    lines = ["客户编号,客户编码,客户名称,客户类型,详细地址"]
    lines += [f"C-{n:05d},K{n:05d},测试医院{n:05d},医院,测试路{n}号" for n in range(1, ROWS + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _start_import(database: Database, path: Path) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "HUB_DATABASE_URL": database.url}
    return subprocess.Popen(
        [str(HUB), "import", "institutions", str(path), "--source-system", "crm"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


async def _count(database: Database, statement: object) -> int:
    async with database.reader() as session:
        return int((await session.execute(statement)).scalar_one())  # type: ignore[call-overload]


async def _ids_by_code(database: Database) -> dict[str, object]:
    async with database.reader() as session:
        return dict((await session.execute(select(Institution.code, Institution.id))).all())


async def _events(database: Database, entity_type: str, action: str | None = None) -> int:
    statement = select(func.count()).where(AuditEvent.entity_type == entity_type)
    if action is not None:
        statement = statement.where(AuditEvent.action == action)
    return await _count(database, statement)


async def test_an_import_killed_mid_file_and_run_again_loses_and_doubles_nothing(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "crm.csv"
    _write_export(path)
    killed = _start_import(database, path)
    institutions = select(func.count()).select_from(Institution)
    try:
        # Kill once a few batches have committed, well before the end of the file.
        while await _count(database, institutions) < 2 * BATCH:
            assert killed.poll() is None, killed.stdout.read() if killed.stdout else ""
            await asyncio.sleep(0.02)
        killed.send_signal(signal.SIGKILL)
    finally:
        killed.wait(timeout=60)
    before = await _ids_by_code(database)

    rerun = await asyncio.to_thread(
        subprocess.run,
        [str(HUB), "import", "institutions", str(path), "--source-system", "crm"],
        env={**os.environ, "HUB_DATABASE_URL": database.url},
        capture_output=True,
        text=True,
        timeout=600,
    )
    after = await _ids_by_code(database)

    assert killed.returncode == -signal.SIGKILL
    assert 2 * BATCH <= len(before) < ROWS
    assert len(before) % BATCH == 0  # a batch commits whole or not at all
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    summary = " ".join(rerun.stdout.split())
    assert (
        f"{ROWS:,} rows read: {ROWS - len(before):,} created, 0 updated, "
        f"{len(before):,} unchanged, 0 refused."
    ) in summary
    assert {code: after[code] for code in before} == before  # committed rows kept as they were
    assert len(after) == ROWS
    assert await _count(database, select(func.count()).select_from(SourceRecord)) == ROWS
    assert await _events(database, "Institution", "CREATE") == ROWS
    assert await _events(database, "Institution") == ROWS
    assert await _events(database, "SourceRecord", "CREATE") == ROWS
