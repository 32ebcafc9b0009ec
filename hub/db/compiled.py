"""SQLAlchemy statements compiled once for asyncpg and run on the driver connection itself.

Executing a Core statement through SQLAlchemy's async layer costs about three times the
driver's own CPU per statement (a greenlet hop, cache-key lookup, result metadata, Row
objects). The request reads are a handful of statement shapes executed over and over, so each
is compiled once with SQLAlchemy (same SQL, same bind and result type processing) and then
sent with asyncpg directly; rows come back as named tuples.
"""

from collections import OrderedDict, namedtuple
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Executable, Float
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine

Processor = Callable[[Any], Any] | None
_NUMERIC, _FLOAT8 = 1700, 701  # PostgreSQL type OIDs


@dataclass(frozen=True)
class CompiledRead:
    """One statement's SQL for the dialect, its row type and its result processors."""

    compiled: SQLCompiler
    row_type: type
    processors: tuple[Processor, ...]

    def arguments(self, parameters: dict[str, Any]) -> tuple[str, list[Any]]:
        """The SQL (expanding IN lists filled in) and its positional arguments, processed."""
        compiled = self.compiled
        if not compiled.post_compile_params:
            processors = compiled._bind_processors
            return compiled.string, [
                processors[name](parameters[name]) if name in processors else parameters[name]
                for name in compiled.positiontup or ()
            ]
        state = compiled.construct_expanded_state(parameters, escape_names=False)
        processors = state.processors
        values = state.parameters
        arguments = [
            processors[name](values[name]) if name in processors else values[name]
            for name in state.positiontup or ()
        ]
        return state.statement, arguments

    def rows(self, records: Sequence[Any]) -> list[Any]:
        """Driver records as named tuples, with the column types' result processing."""
        make = self.row_type._make  # type: ignore[attr-defined]
        processors = self.processors
        if not any(processors):
            return [make(record) for record in records]
        return [
            make([v if p is None else p(v) for p, v in zip(processors, record, strict=True)])
            for record in records
        ]


def _result_processor(column_type: TypeEngine[Any], dialect: Dialect) -> Processor:
    # Numeric processors depend on the driver's type code: asyncpg decodes NUMERIC to Decimal
    # and FLOAT8 to float, which is what these columns are on PostgreSQL.
    try:
        return column_type._cached_result_processor(dialect, None)
    except (TypeError, InvalidRequestError):
        impl = getattr(column_type, "impl", column_type)
        type_code = _FLOAT8 if isinstance(impl, Float) else _NUMERIC
        return column_type._cached_result_processor(dialect, type_code)


_CACHE_SIZE = 1024
_COMPILED: "OrderedDict[Any, CompiledRead]" = OrderedDict()


def compiled_read(
    statement: Executable, parameters: dict[str, Any] | None, dialect: Dialect
) -> tuple[str, list[Any], CompiledRead] | None:
    """The SQL, positional arguments and row handling of a read, compiled once per statement
    shape (SQLAlchemy's cache key, so literal values of a new statement object still reuse
    the compiled form); None for a statement SQLAlchemy cannot cache."""
    key = statement._generate_cache_key()  # type: ignore[attr-defined]
    if key is None:
        return None
    found = _COMPILED.get(key.key)
    if found is None:
        found = _compile(statement, dialect, key)
        _COMPILED[key.key] = found
        if len(_COMPILED) > _CACHE_SIZE:
            _COMPILED.popitem(last=False)
    values = found.compiled.construct_params(
        parameters, extracted_parameters=key.bindparams, escape_names=False
    )
    sql, arguments = found.arguments(values)
    return sql, arguments, found


def _compile(statement: Executable, dialect: Dialect, key: Any) -> CompiledRead:
    # Compiled against its cache key, so that later statements of the same shape can pass
    # their own literal values as extracted parameters.
    compiled = statement.compile(dialect=dialect, cache_key=key)
    assert isinstance(compiled, SQLCompiler)
    columns = compiled._result_columns
    return CompiledRead(
        compiled=compiled,
        row_type=namedtuple("ReadRow", [column[0] for column in columns]),  # type: ignore[misc]
        processors=tuple(_result_processor(column[3], dialect) for column in columns),
    )
