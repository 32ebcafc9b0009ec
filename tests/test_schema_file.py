"""The committed schema.graphql is what the code serves."""

from pathlib import Path

from hub.api import build_schema
from hub.config import Settings


def test_committed_schema_file_is_current(project_root: Path) -> None:
    committed = (project_root / "schema.graphql").read_text(encoding="utf-8")
    assert committed == str(build_schema(Settings())) + "\n", (
        "schema.graphql is stale: run `hub export-schema`"
    )
