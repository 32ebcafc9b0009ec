"""`hub people`: adding, listing, re-passwording and disabling the people who sign in."""

import asyncio
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from hub.authz import people
from hub.cli import app
from hub.config import get_settings
from hub.db.engine import Database

runner = CliRunner()


@pytest.fixture
def database_url(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """HUB_DATABASE_URL pointing at the test database, for the commands."""
    monkeypatch.setenv("HUB_DATABASE_URL", database.url)
    get_settings.cache_clear()
    yield database.url
    get_settings.cache_clear()


def _people(*args: str, password: str | None = None) -> str:
    stdin = f"{password}\n" if password is not None else None
    result = runner.invoke(app, ["people", *args], input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


async def _signs_in(url: str, username: str, password: str) -> bool:
    database = Database(url)
    try:
        async with database.reader() as session:
            return await people.authenticate(session, username, password) is not None
    finally:
        await database.dispose()


def test_a_person_added_from_the_cli_signs_in_until_disabled(database_url: str) -> None:
    _people(
        "add",
        "li.na",
        "--role",
        "steward",
        "--name",
        "李娜",
        "--password-stdin",
        password="a long enough password",
    )
    listed = _people("list")
    assert "li.na" in listed and "steward" in listed and "active" in listed
    assert "argon2" not in listed
    _people("passwd", "li.na", "--password-stdin", password="another long password")
    assert not asyncio.run(_signs_in(database_url, "li.na", "a long enough password"))
    assert asyncio.run(_signs_in(database_url, "li.na", "another long password"))
    _people("disable", "li.na")
    assert not asyncio.run(_signs_in(database_url, "li.na", "another long password"))
    assert "disabled" in _people("list")


def test_adding_a_taken_username_is_refused(database_url: str) -> None:
    _people(
        "add", "wang.fang", "--role", "auditor", "--password-stdin", password="long password one"
    )
    again = runner.invoke(
        app,
        ["people", "add", "wang.fang", "--role", "auditor", "--password-stdin"],
        input="long password two\n",
    )
    assert again.exit_code == 1 and "Another Person has this username" in again.output
