"""The demo database, loaded once per test run and backend, handed out as fresh copies.

Loading the demo through the hub's own validated, audited writes takes the better part of a
minute; the demo test, the console's browser tests and the export round trip all need it. The
first worker to ask loads it (the others wait on a file lock, since xdist runs them as
separate processes); every caller then gets its own copy: a copied file on SQLite, a
`CREATE DATABASE ... TEMPLATE` on PostgreSQL. The run's controller removes the originals.
"""

import os
import shutil
import sqlite3
import tempfile
import uuid
from contextlib import closing
from pathlib import Path

from filelock import FileLock
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from hub.config import Settings
from hub.demo.loader import prepare_demo

RUN_VARIABLE = "HUB_TEST_RUN"
"""Names this run's originals; set by the controller, inherited by xdist's workers."""


def start_run() -> None:
    """Give this test run its name (the controller's; workers keep the one they inherit)."""
    os.environ.setdefault(RUN_VARIABLE, uuid.uuid4().hex[:12])


def _run() -> str:
    return os.environ[RUN_VARIABLE]


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / f"hub-test-{_run()}"
    folder.mkdir(exist_ok=True)
    return folder


def _template_name() -> str:
    return f"hub_demo_{_run()}"


def _locked(name: str) -> FileLock:
    return FileLock(_folder() / f"{name}.lock")


async def _admin(server_url: str, statement: str) -> None:
    engine = create_async_engine(make_url(server_url), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def sqlite_copy(target: Path) -> str:
    """A copy of the loaded demo at `target`, as a database URL."""
    original = _folder() / "demo.db"
    with _locked("sqlite"):
        if not original.exists():
            building = _folder() / "building.db"
            await prepare_demo(Settings(database_url=f"sqlite+aiosqlite:///{building}"), reset=True)
            _sqlite_backup(building, original)
    _sqlite_backup(original, target)
    return f"sqlite+aiosqlite:///{target}"


def _sqlite_backup(source: Path, target: Path) -> None:
    # SQLite's own backup, not a file copy: it includes whatever the write-ahead log still holds.
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(target)) as writing:
        reading.backup(writing)


async def postgres_copy(server_url: str) -> str:
    """A new database on the server holding a copy of the loaded demo, as a database URL."""
    template = _template_name()
    built = _folder() / "postgres.built"
    copy = f"hub_test_{uuid.uuid4().hex[:12]}"
    with _locked("postgres"):
        if not built.exists():
            await _admin(server_url, f'CREATE DATABASE "{template}"')
            url = make_url(server_url).set(database=template)
            await prepare_demo(
                Settings(database_url=url.render_as_string(hide_password=False)), reset=False
            )
            built.touch()
        # A template must have no other connection while it is copied: copies take turns.
        await _admin(server_url, f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')
    return make_url(server_url).set(database=copy).render_as_string(hide_password=False)


async def remove_originals(server_url: str | None) -> None:
    """Drop this run's loaded originals (the controller calls this once every worker is done)."""
    if server_url is not None:
        await _admin(server_url, f'DROP DATABASE IF EXISTS "{_template_name()}" WITH (FORCE)')
    shutil.rmtree(_folder(), ignore_errors=True)
