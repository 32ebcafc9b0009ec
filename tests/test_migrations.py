"""The Alembic history and the ORM models describe the same schema, on every backend."""

from alembic.script import ScriptDirectory

from hub.db.engine import Database
from hub.db.migrate import alembic_config, current_revision, head_revision, schema_differences


async def test_migrated_schema_matches_the_models(database: Database) -> None:
    assert await schema_differences(database) == []


async def test_migrated_database_is_at_head(database: Database) -> None:
    assert await current_revision(database) == head_revision()


def test_migration_history_has_a_single_head() -> None:
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1
