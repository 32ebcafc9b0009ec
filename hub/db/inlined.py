"""IN lists with their values written into the SQL text, for large batch lookups."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, bindparam


def among(column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """`column IN (values)`, the values rendered as literals.

    Bound, a 500-value IN list is one prepared statement reused batch after batch, and from its
    sixth execution PostgreSQL may switch to a generic plan that ignores the values (measured:
    a sequential scan, 80 ms instead of 4 ms). Inlined, each batch is planned for its values.
    """
    name = f"{column.key}_among"
    return column.in_(bindparam(name, list(values), expanding=True, literal_execute=True))
