"""Minutes between two timestamps, in SQL, on SQLite and PostgreSQL alike."""

from typing import Any

from sqlalchemy import Float
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class minutes_between(FunctionElement[float]):
    """`minutes_between(start, end)`: end minus start in minutes (NULL when either is NULL)."""

    type = Float()
    inherit_cache = True
    name = "minutes_between"


def _arguments(element: minutes_between, compiler: Any, **kw: Any) -> tuple[str, str]:
    start, end = list(element.clauses)
    return compiler.process(start, **kw), compiler.process(end, **kw)


@compiles(minutes_between, "sqlite")
def _sqlite(element: minutes_between, compiler: Any, **kw: Any) -> str:
    # SQLite keeps timestamps as ISO text; julianday() reads them as fractional days.
    start, end = _arguments(element, compiler, **kw)
    return f"((julianday({end}) - julianday({start})) * 1440.0)"


@compiles(minutes_between, "postgresql")
def _postgresql(element: minutes_between, compiler: Any, **kw: Any) -> str:
    start, end = _arguments(element, compiler, **kw)
    return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 60.0)"
