"""institution names: a trigram index for substring search ("did you mean?", issue 13)

PostgreSQL: pg_trgm's GIN index on institution.name. SQLite: an FTS5 trigram table over
institution.name (external content, kept in step by triggers). See hub/db/name_search.py.

A later batch migration that rebuilds `institution` on SQLite drops these triggers and renumbers
rowids: it must recreate the triggers and run the table's 'rebuild' command (as must whoever
runs VACUUM, which may renumber rowids too).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 18:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_UP = (
    "CREATE VIRTUAL TABLE institution_name_trigram USING fts5("
    "name, content='institution', content_rowid='rowid', tokenize='trigram')",
    "INSERT INTO institution_name_trigram(institution_name_trigram) VALUES ('rebuild')",
    "CREATE TRIGGER institution_name_trigram_insert AFTER INSERT ON institution BEGIN "
    "INSERT INTO institution_name_trigram(rowid, name) VALUES (new.rowid, new.name); END",
    "CREATE TRIGGER institution_name_trigram_delete AFTER DELETE ON institution BEGIN "
    "INSERT INTO institution_name_trigram(institution_name_trigram, rowid, name) "
    "VALUES ('delete', old.rowid, old.name); END",
    "CREATE TRIGGER institution_name_trigram_update AFTER UPDATE OF name ON institution BEGIN "
    "INSERT INTO institution_name_trigram(institution_name_trigram, rowid, name) "
    "VALUES ('delete', old.rowid, old.name); "
    "INSERT INTO institution_name_trigram(rowid, name) VALUES (new.rowid, new.name); END",
)
_SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS institution_name_trigram_update",
    "DROP TRIGGER IF EXISTS institution_name_trigram_delete",
    "DROP TRIGGER IF EXISTS institution_name_trigram_insert",
    "DROP TABLE IF EXISTS institution_name_trigram",
)
# The trigram tokenizer came with SQLite 3.34; FTS5 is a compile-time option.
_SQLITE_TRIGRAM_SINCE = (3, 34)
_POSTGRES_UP = (
    # Trusted since PostgreSQL 13: the database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_institution_name_trigram ON institution USING gin (name gin_trgm_ops)",
)
_POSTGRES_DOWN = ("DROP INDEX ix_institution_name_trigram",)


def _run(statements: Sequence[str]) -> None:
    for statement in statements:
        op.execute(statement)


def _sqlite_has_trigram() -> bool:
    bind = op.get_bind()
    version = bind.exec_driver_sql("SELECT sqlite_version()").scalar_one()
    fts5 = bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar_one()
    major_minor = tuple(int(part) for part in version.split(".")[:2])
    return bool(fts5) and major_minor >= _SQLITE_TRIGRAM_SINCE


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _run(_POSTGRES_UP)
    elif _sqlite_has_trigram():
        _run(_SQLITE_UP)
    # An SQLite built without FTS5 gets no index: name search then reads every name.


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _run(_SQLITE_DOWN if sqlite else _POSTGRES_DOWN)
