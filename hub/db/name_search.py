"""Substring search on institution names through a trigram index, on both backends.

"Did you mean?" looks for stored names that contain a new record's core name (中山大学附属
in 中山大学附属第一医院). `LIKE '%core%'` cannot use a B-tree index: against 100,000 names it
read every row. A trigram index answers it from the index:

- PostgreSQL: a GIN index with pg_trgm's `gin_trgm_ops` on `institution.name`; the planner uses
  it for `LIKE '%…%'` by itself.
- SQLite: an FTS5 table with the trigram tokenizer over `institution.name` (external content:
  it stores only the index, kept in step by triggers). A `LIKE` on that table with three or
  more characters is answered from the index.

Both are created by migration 0013 and live outside the ORM models, so the schema comparison
leaves them alone (`outside_models`).
"""

from sqlalchemy import Column, ColumnElement, Integer, MetaData, String, Table, literal_column

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


def outside_models(name: str | None) -> bool:
    """Is this table or index one of the search structures the models do not declare?"""
    return bool(name) and (name == TRIGRAM_INDEX or str(name).startswith(TRIGRAM_TABLE))


def name_contains(text: str, dialect: str) -> ColumnElement[bool]:
    """`institution.name` contains `text`, answered from the trigram index where it can be."""
    if dialect != "sqlite" or len(text) < _SHORTEST or any(w in text for w in _WILDCARDS):
        return Institution.name.contains(text, autoescape=True)
    matching = _fts.select().with_only_columns(_fts.c.rowid).where(_fts.c.name.like(f"%{text}%"))
    return literal_column("institution.rowid").in_(matching)
