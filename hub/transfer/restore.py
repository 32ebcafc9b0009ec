"""`hub restore DIR`: load an export into an empty database at the same schema revision."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.engine import Database
from hub.db.migrate import current_revision
from hub.db.models import Base
from hub.db.policy import PolicyRule
from hub.transfer.export import FORMAT_VERSION, MANIFEST, sha256_of, table_file
from hub.transfer.rows import parents_first, row_from_json

_BATCH = 1_000
# `hub migrate` seeds the default policy; a restore replaces it with the exported one.
_REPLACED_ON_RESTORE = frozenset({PolicyRule.__tablename__})
# PostgreSQL sequences behind auto-increment keys, advanced past the restored values.
_SEQUENCES = {"audit_event": "seq", "casbin_rule": "id"}


class RestoreRefused(Exception):
    """The export or the target database is not fit for a restore; nothing was written."""


def read_manifest(directory: Path) -> dict[str, Any]:
    """The export's manifest, with every table file's checksum verified."""
    path = directory / MANIFEST
    if not path.exists():
        raise RestoreRefused(f"{path} is missing: not a hub export.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise RestoreRefused(f"Unknown export format {manifest.get('format')!r}.")
    for name, entry in manifest["tables"].items():
        table_path = directory / table_file(name)
        if not table_path.exists() or sha256_of(table_path) != entry["sha256"]:
            raise RestoreRefused(f"{table_path.name} is missing or does not match its checksum.")
    return manifest


async def _ensure_empty(session: AsyncSession) -> None:
    for table in Base.metadata.sorted_tables:
        if table.name in _REPLACED_ON_RESTORE:
            continue
        if (await session.execute(select(func.count()).select_from(table))).scalar_one():
            raise RestoreRefused(f"Table {table.name} is not empty: restore needs an empty hub.")


def _documents(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


async def restore_database(
    database: Database, directory: Path, progress: Callable[[str, int], None] = lambda t, n: None
) -> dict[str, int]:
    """Restore every table in one transaction; returns rows per table."""
    manifest = read_manifest(directory)
    revision = await current_revision(database)
    if manifest["schema_revision"] != revision:
        raise RestoreRefused(
            f"The export is at schema revision {manifest['schema_revision']}, the database at "
            f"{revision}: migrate both to the same revision first."
        )
    restored: dict[str, int] = {}
    async with database.transaction() as session:
        await _ensure_empty(session)
        for table in Base.metadata.sorted_tables:
            if table.name not in manifest["tables"]:
                continue
            if table.name in _REPLACED_ON_RESTORE:
                await session.execute(delete(table))
            documents = _documents(directory / table_file(table.name))
            rows = parents_first(table, [row_from_json(table, d) for d in documents])
            for start in range(0, len(rows), _BATCH):
                await session.execute(insert(table), rows[start : start + _BATCH])
            restored[table.name] = len(rows)
            progress(table.name, len(rows))
        if database.dialect == "postgresql":
            for table_name, column in _SEQUENCES.items():
                await session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table_name}', '{column}'), "
                        f"COALESCE((SELECT MAX({column}) FROM {table_name}), 0) + 1, false)"
                    )
                )
    return restored
