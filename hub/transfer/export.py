"""`hub export DIR`: every table as NDJSON, plus a manifest with counts, revision and checksums."""

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hub.db.engine import Database
from hub.db.migrate import current_revision
from hub.db.models import Base
from hub.transfer.rows import row_to_json

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
_BATCH = 1_000


def table_file(name: str) -> str:
    """The file one table is written to."""
    return f"{name}.ndjson"


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


async def export_database(
    database: Database, directory: Path, progress: Callable[[str, int], None] = lambda t, n: None
) -> dict[str, Any]:
    """Write every table and the manifest into `directory`; returns the manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    tables: dict[str, Any] = {}
    async with database.reader() as session:
        for table in Base.metadata.sorted_tables:
            path = directory / table_file(table.name)
            count = 0
            primary = list(table.primary_key.columns)
            statement = select(table).order_by(*primary).execution_options(yield_per=_BATCH)
            with path.open("w", encoding="utf-8") as handle:
                async for row in await session.stream(statement):
                    document = row_to_json(table, row)
                    handle.write(json.dumps(document, ensure_ascii=False, sort_keys=True) + "\n")
                    count += 1
            progress(table.name, count)
            tables[table.name] = {"rows": count, "sha256": sha256_of(path)}
    manifest = {
        "format": FORMAT_VERSION,
        "schema_revision": await current_revision(database),
        "exported_at": datetime.now(UTC).isoformat(),
        "source_dialect": database.dialect,
        "tables": tables,
    }
    (directory / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest
