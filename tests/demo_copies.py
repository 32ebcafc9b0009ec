"""The demo database, loaded once per test run and backend, handed out as fresh copies.

Loading the demo through the hub's own validated, audited writes takes the better part of a
minute; the demo test, the console's browser tests and the export round trip all need it. The
first worker to ask loads it (the others wait on a file lock, since xdist runs them as
separate processes); every caller then gets its own copy: an SQLite backup of the file, a
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
from sqlalchemy.engine import make_url

from hub.config import Settings
from hub.demo.loader import prepare_demo
from tests.pg_databases import create_postgres_database, drop_postgres_database, on_server

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


async def _sqlite_copy(target: Path) -> str:
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


async def _postgres_copy(server_url: str) -> str:
    """A new database on the server holding a copy of the loaded demo, as a database URL."""
    template = _template_name()
    built = _folder() / "postgres.built"
    with _locked("postgres"):
        if not built.exists():
            await on_server(server_url, f'CREATE DATABASE "{template}"')
            url = make_url(server_url).set(database=template)
            await prepare_demo(
                Settings(database_url=url.render_as_string(hide_password=False)), reset=False
            )
            built.touch()
        # A template must have no other connection while it is copied: copies take turns.
        return await create_postgres_database(server_url, template)


async def copy(backend: str, folder: Path, server_url: str | None) -> str:
    """A fresh copy of the loaded demo on `backend` (`sqlite`: a file in `folder`;
    `postgresql`: a new database on `server_url`), as a database URL."""
    if backend == "sqlite":
        return await _sqlite_copy(folder / "demo.db")
    assert server_url is not None
    return await _postgres_copy(server_url)


async def discard(url: str, server_url: str | None) -> None:
    """Drop a copy made by `copy` (a SQLite file goes with its temporary folder)."""
    if make_url(url).get_backend_name() == "postgresql":
        assert server_url is not None
        await drop_postgres_database(server_url, url)


async def remove_originals(server_url: str | None) -> None:
    """Drop this run's loaded originals (the controller calls this once every worker is done)."""
    if server_url is not None:
        await on_server(server_url, f'DROP DATABASE IF EXISTS "{_template_name()}" WITH (FORCE)')
    shutil.rmtree(_folder(), ignore_errors=True)
