"""`hub export` then `hub restore` into an empty database gives back every row exactly."""

import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from hub.audit.writer import Author
from hub.authz.bootstrap import prepare_database
from hub.authz.policies import PolicyLine, add_line
from hub.cli import app
from hub.config import get_settings
from hub.db.engine import Database
from hub.db.enums import InstitutionKind
from hub.db.models import Base
from hub.store import contacts, institutions
from hub.transfer.export import MANIFEST, export_database
from hub.transfer.restore import RestoreRefused, restore_database
from tests import demo_copies
from tests.conftest import POSTGRES_URL, create_postgres_database, drop_postgres_database


async def _dump(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    async with database.reader() as session:
        return {
            table.name: [
                tuple(row)
                for row in await session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
async def empty_twin(database: Database, tmp_path: Path) -> AsyncIterator[Database]:
    """A second, freshly migrated database on the same backend."""
    if database.dialect == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'twin.db'}"
    else:
        assert POSTGRES_URL is not None
        url = await create_postgres_database(POSTGRES_URL)
    twin = Database(url)
    await prepare_database(twin)
    try:
        yield twin
    finally:
        await twin.dispose()
        if database.dialect == "postgresql":
            assert POSTGRES_URL is not None
            await drop_postgres_database(POSTGRES_URL, url)


@pytest.fixture
async def filled(database: Database, tmp_path: Path) -> AsyncIterator[Database]:
    """A copy of the demo (customer archive, credit, channel, duplicates, console people)
    on the test's backend, plus an admin's policy change."""
    url = await demo_copies.copy(database.dialect, tmp_path, POSTGRES_URL)
    demo = Database(url)
    try:
        async with demo.transaction() as session:
            line = PolicyLine("p", ("crm", "field:Contact.email", "read", "deny"))
            await add_line(session, Author("test:admin"), line)
        yield demo
    finally:
        await demo.dispose()
        await demo_copies.discard(url, POSTGRES_URL)


@pytest.fixture
async def small(database: Database) -> Database:
    """A couple of institutions with a contact: enough to export."""
    author = Author("test:seed")
    async with database.transaction() as session:
        group = await institutions.create(
            session, author, {"name": "华西医院", "kind": InstitutionKind.HOSPITAL}
        )
        await contacts.create(session, author, {"name": "王芳", "institution_id": group.id})
    return database


async def test_round_trip_gives_back_every_row(
    filled: Database, empty_twin: Database, tmp_path: Path
) -> None:
    manifest = await export_database(filled, tmp_path / "export")
    assert manifest["tables"]["institution"]["rows"] > 150
    archive = ("department", "interaction", "interaction_participant", "training_attendee")
    assert all(manifest["tables"][name]["rows"] > 0 for name in archive)
    restored = await restore_database(empty_twin, tmp_path / "export")
    assert restored == {name: entry["rows"] for name, entry in manifest["tables"].items()}
    assert await _dump(empty_twin) == await _dump(filled)


async def test_restore_refuses_a_database_that_is_not_empty(
    small: Database, tmp_path: Path
) -> None:
    await export_database(small, tmp_path / "export")
    with pytest.raises(RestoreRefused, match="is not empty"):
        await restore_database(small, tmp_path / "export")


async def test_restore_refuses_a_tampered_file(
    small: Database, empty_twin: Database, tmp_path: Path
) -> None:
    await export_database(small, tmp_path / "export")
    with (tmp_path / "export" / "contact.ndjson").open("a", encoding="utf-8") as handle:
        handle.write("{}\n")
    with pytest.raises(RestoreRefused, match="checksum"):
        await restore_database(empty_twin, tmp_path / "export")
    assert (await _dump(empty_twin))["contact"] == []


async def test_restore_refuses_another_schema_revision(
    small: Database, empty_twin: Database, tmp_path: Path
) -> None:
    await export_database(small, tmp_path / "export")
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path / "export", copy)
    manifest = json.loads((copy / MANIFEST).read_text(encoding="utf-8"))
    manifest["schema_revision"] = "0000"
    (copy / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(RestoreRefused, match="schema revision 0000"):
        await restore_database(empty_twin, copy)


def test_cli_exports_and_restores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = f"sqlite+aiosqlite:///{tmp_path / 'source.db'}"
    target = f"sqlite+aiosqlite:///{tmp_path / 'target.db'}"
    runner = CliRunner()
    for url, command in (
        (source, ["migrate"]),
        (source, ["keys", "create", "--name", "crm-prod", "--role", "crm"]),
        (source, ["export", str(tmp_path / "export")]),
        (target, ["restore", str(tmp_path / "export")]),
    ):
        monkeypatch.setenv("HUB_DATABASE_URL", url)
        get_settings.cache_clear()
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    get_settings.cache_clear()
    assert "Restored" in result.output
    monkeypatch.setenv("HUB_DATABASE_URL", target)
    get_settings.cache_clear()
    listing = runner.invoke(app, ["keys", "list"])
    again = runner.invoke(app, ["restore", str(tmp_path / "export")])
    get_settings.cache_clear()
    assert "crm-prod" in listing.output
    assert again.exit_code == 1
    assert "is not empty" in again.output
