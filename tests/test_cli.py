"""The `hub` command: migrate, keys and export-schema, run as a user would."""

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from hub.audit.writer import Author
from hub.authz.api_keys import identify
from hub.cli import app
from hub.config import get_settings
from hub.db.dedup import MergeEvent
from hub.db.engine import Database
from hub.db.enums import InstitutionKind, InstitutionStatus, Role
from hub.db.institution import Institution
from hub.db.migrate import current_revision, head_revision
from hub.dedup.rules import DEFAULT_RULES_PATH, RULES_ENV
from hub.store import institutions

runner = CliRunner()


@pytest.fixture
def database_url(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """HUB_DATABASE_URL pointing at the test database, for commands that read settings."""
    monkeypatch.setenv("HUB_DATABASE_URL", database.url)
    get_settings.cache_clear()
    yield database.url
    get_settings.cache_clear()


async def _revision(url: str) -> str | None:
    database = Database(url)
    try:
        return await current_revision(database)
    finally:
        await database.dispose()


async def _identify(url: str, secret: str) -> tuple[str, Role, str] | None:
    database = Database(url)
    try:
        async with database.reader() as session:
            identity = await identify(session, secret)
    finally:
        await database.dispose()
    return None if identity is None else (identity.subject, identity.roles, identity.org_path)


def test_migrate_brings_an_empty_sqlite_file_to_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    monkeypatch.setenv("HUB_DATABASE_URL", url)
    get_settings.cache_clear()
    result = runner.invoke(app, ["migrate"])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert asyncio.run(_revision(url)) == head_revision()


def test_keys_create_prints_a_working_key_as_last_line(database_url: str) -> None:
    result = runner.invoke(
        app, ["keys", "create", "--name", "crm-prod", "--role", "crm", "--org-path", "cn/east"]
    )
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert asyncio.run(_identify(database_url, secret)) == ("crm-prod", (Role.CRM,), "cn/east")


def test_keys_create_refuses_a_taken_name(database_url: str) -> None:
    assert runner.invoke(app, ["keys", "create", "--name", "dup", "--role", "wms"]).exit_code == 0
    again = runner.invoke(app, ["keys", "create", "--name", "dup", "--role", "wms"])
    assert again.exit_code == 1
    assert "Another ApiKey has this name" in again.output


def test_keys_revoke_stops_the_key(database_url: str) -> None:
    created = runner.invoke(app, ["keys", "create", "--name", "old", "--role", "service"])
    secret = created.output.strip().splitlines()[-1]
    assert runner.invoke(app, ["keys", "revoke", "old"]).exit_code == 0
    assert asyncio.run(_identify(database_url, secret)) is None
    listing = runner.invoke(app, ["keys", "list"])
    assert "revoked" in listing.output
    assert secret not in listing.output


def test_export_schema_writes_the_sdl(tmp_path: Path) -> None:
    target = tmp_path / "schema.graphql"
    assert runner.invoke(app, ["export-schema", str(target)]).exit_code == 0
    assert "type Query" in target.read_text(encoding="utf-8")


async def _seed_duplicates(url: str) -> None:
    database = Database(url)
    try:
        async with database.transaction() as session:
            for name in ("复旦大学附属中山医院", "複旦大學附屬中山醫院", "四川大学华西医院"):
                values = {"name": name, "kind": InstitutionKind.HOSPITAL, "region_code": "310104"}
                await institutions.create(session, Author("test:seed"), values)
    finally:
        await database.dispose()


async def _merges(url: str) -> tuple[list[str], list[InstitutionStatus]]:
    """Who merged, and the institutions' statuses."""
    database = Database(url)
    try:
        async with database.reader() as session:
            actors = (await session.execute(select(MergeEvent.actor))).scalars()
            statuses = (await session.execute(select(Institution.status))).scalars()
            return list(actors), sorted(statuses)
    finally:
        await database.dispose()


def test_dedup_scan_rebuilds_the_queue_and_reports(database_url: str) -> None:
    asyncio.run(_seed_duplicates(database_url))
    result = runner.invoke(app, ["dedup", "scan", "--entity", "institution"])
    assert result.exit_code == 0, result.output
    assert "open candidates" in result.output
    assert " 3 " in result.output and " 1 " in result.output


def test_dedup_scan_auto_merge_is_refused_unless_the_rules_enable_it(database_url: str) -> None:
    asyncio.run(_seed_duplicates(database_url))
    result = runner.invoke(app, ["dedup", "scan", "--auto-merge"])
    assert result.exit_code == 1
    assert "auto_merge is off" in result.output
    assert asyncio.run(_merges(database_url))[0] == []


def test_dedup_scan_auto_merges_as_the_system_when_enabled(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = DEFAULT_RULES_PATH.read_text(encoding="utf-8").replace(
        "auto_merge = false", "auto_merge = true", 1
    )
    (tmp_path / "rules.toml").write_text(rules, encoding="utf-8")
    monkeypatch.setenv(RULES_ENV, str(tmp_path / "rules.toml"))
    asyncio.run(_seed_duplicates(database_url))
    result = runner.invoke(app, ["dedup", "scan", "--auto-merge"])
    assert result.exit_code == 0, result.output
    assert "Auto-merged 1 pairs" in result.output
    actors, statuses = asyncio.run(_merges(database_url))
    assert actors == ["system:system"]
    assert statuses == ["ACTIVE", "ACTIVE", "MERGED"]


def test_keys_rotate_replaces_the_secret(database_url: str) -> None:
    created = runner.invoke(app, ["keys", "create", "--name", "wms-1", "--role", "wms"])
    old = created.output.strip().splitlines()[-1]
    rotated = runner.invoke(app, ["keys", "rotate", "wms-1"])
    new = rotated.output.strip().splitlines()[-1]
    assert rotated.exit_code == 0, rotated.output
    assert asyncio.run(_identify(database_url, old)) is None
    assert asyncio.run(_identify(database_url, new)) == ("wms-1", (Role.WMS,), "cn")
