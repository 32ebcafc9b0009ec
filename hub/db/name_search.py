"""Substring search on institution names through a trigram index, on both backends.

"Did you mean?" looks for stored names that contain a new record's core name (中山大学附属
in 中山大学附属第一医院). `LIKE '%core%'` cannot use a B-tree index: against 100,000 names it
read every row. A trigram index answers it from the index:

- PostgreSQL: a GIN index with pg_trgm's `gin_trgm_ops` on `institution.name`; the planner uses
  it for `LIKE '%…%'` by itself.
- SQLite: an FTS5 table with the trigram tokenizer over `institution.name` (external content:
  it stores only the index, kept in step by triggers). A `LIKE` on that table with three or
  more characters is answered from the index. It maps the table's rowids, which `VACUUM` may
  renumber: after a VACUUM, rebuild it with
  `INSERT INTO institution_name_trigram(institution_name_trigram) VALUES ('rebuild')`.

Both are created by migration 0013 and live outside the ORM models, so the schema comparison
leaves them alone (`declared_by_models`, Alembic's `include_name` hook). An SQLite built
without FTS5 (or older than 3.34) gets no index: the search then reads every name, as `LIKE`
does.
"""

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    String,
    Table,
    literal_column,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.institution import Institution

TRIGRAM_INDEX = "ix_institution_name_trigram"
"""PostgreSQL's GIN index on institution.name."""

TRIGRAM_TABLE = "institution_name_trigram"
"""SQLite's FTS5 table (and the prefix of its shadow tables)."""

_fts = Table(
    TRIGRAM_TABLE,
    MetaData(),
    Column("rowid", Integer, primary_key=True),
    Column("name", String),
)

# The trigram tokenizer needs three characters to use its index; wildcards in the text would
# change the meaning of the pattern, which FTS5's LIKE cannot escape.
_SHORTEST = 3
_WILDCARDS = ("%", "_")


def declared_by_models(name: str | None, _kind: str, _parents: object) -> bool:
    """Alembic's `include_name` hook: compare every table and index with the models except
    the search structures, which migration 0013 creates and the models do not declare."""
    return not name or not (name == TRIGRAM_INDEX or name.startswith(TRIGRAM_TABLE))


_sqlite_indexed: dict[str, bool] = {}


async def sqlite_trigram_table(session: AsyncSession) -> bool:
    """Does this SQLite database have the trigram table (remembered per database)?"""
    bind = session.bind
    if bind.dialect.name != "sqlite":
        return False
    key = str(bind.url)
    if key not in _sqlite_indexed:
        schema = Table("sqlite_master", MetaData(), Column("name", String))
        found = await session.execute(select(schema.c.name).where(schema.c.name == TRIGRAM_TABLE))
        _sqlite_indexed[key] = found.first() is not None
    return _sqlite_indexed[key]


def name_contains(text: str, sqlite_table: bool) -> ColumnElement[bool]:
    """`institution.name` contains `text`, answered from the trigram index where it can be
    (`sqlite_table`: on SQLite, through its trigram table; PostgreSQL's index needs no help)."""
    contains = Institution.name.contains(text, autoescape=True)
    if not sqlite_table or len(text) < _SHORTEST or any(w in text for w in _WILDCARDS):
        return contains
    matching = _fts.select().with_only_columns(_fts.c.rowid).where(_fts.c.name.like(f"%{text}%"))
    # The index maps rowids, which a VACUUM may renumber: the names it points at are checked.
    return literal_column("institution.rowid").in_(matching) & contains
