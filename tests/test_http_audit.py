"""graphql-http's own GraphQL-over-HTTP audit, run against a live hub: no errors, at most one
warning. The audit is an npm package installed into tests/http_audit/ on first use."""

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from tests.clients.live import LiveHub
from tests.graphql_client import issue_key

AUDIT = Path(__file__).parent / "http_audit"


def _installed_audit() -> Path:
    """The audit folder with graphql-http installed (from package-lock.json) if it was not."""
    npm = shutil.which("npm")
    assert npm is not None and shutil.which("node") is not None, "the audit needs Node and npm"
    if not (AUDIT / "node_modules" / "graphql-http").is_dir():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=AUDIT, check=True, capture_output=True
        )
    return AUDIT


@pytest.fixture
def live_hub(settings: Settings) -> Iterator[LiveHub]:
    server = LiveHub(settings)
    server.start()
    try:
        yield server
    finally:
        server.stop()


async def test_graphql_over_http_audit_finds_no_error_and_at_most_one_warning(
    live_hub: LiveHub, database: Database
) -> None:
    key = await issue_key(database, Role.ADMIN, "http-audit")
    folder = _installed_audit()

    run = subprocess.run(
        ["node", "audit.mjs", f"{live_hub.url}/graphql", key],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["error"] == 0, report["failed"]
    assert report["warn"] <= 1, report["failed"]
    assert report["ok"] >= 60
