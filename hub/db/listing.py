"""Filtered, ordered, counted pages of any entity, described by a small declarative spec."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute


@dataclass(frozen=True)
class Filter:
    """A named list filter: the column it reads and how it turns a value into a condition."""

    column: InstrumentedAttribute[Any]
    build: Callable[[Any], ColumnElement[bool]]

    @property
    def attribute(self) -> str:
        """The model attribute the filter reads (permission checks need it)."""
        return self.column.key

    def __call__(self, value: Any) -> ColumnElement[bool]:
        return self.build(value)


Scope = Callable[[type[Any]], Sequence[ColumnElement[bool]]]
"""Extra conditions per model that restrict a query to what the caller may see."""


def unrestricted(_: type[Any]) -> Sequence[ColumnElement[bool]]:
    """The scope of trusted callers: no restriction."""
    return ()


class SortDirection(StrEnum):
    ASC = "ASC"
    DESC = "DESC"


@dataclass(frozen=True, eq=False)
class Listing:
    """How to filter and order one entity: named filters, sortable columns, default scope."""

    model: type[Any]
    filters: Mapping[str, Filter]
    order_fields: Mapping[str, InstrumentedAttribute[Any]]
    default_order: str
    # Applied when the caller does not filter on status: archived and merged rows stay hidden.
    default_scope: Callable[[], ColumnElement[bool]] | None = None
    scope_overridden_by: frozenset[str] = field(default_factory=frozenset)


class UnknownFilter(ValueError):
    """A filter name the listing does not know: a filter that would silently match everything."""


def check_filter_names(listing: Listing, names: Iterable[str]) -> None:
    """Refuse filter names that `listing` has no filter for."""
    unknown = sorted(set(names) - set(listing.filters))
    if unknown:
        raise UnknownFilter(
            f"{listing.model.__name__} listing has no filter named {', '.join(unknown)}."
        )


@dataclass(frozen=True)
class Page:
    """One page of rows and the total number of rows matching the filter."""

    rows: Sequence[Any]
    total: int
    offset: int


def where_clauses(listing: Listing, filter_values: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    """The SQL conditions of a filter (None values are ignored, unknown names refused)."""
    check_filter_names(listing, filter_values)
    clauses = [
        listing.filters[name](value) for name, value in filter_values.items() if value is not None
    ]
    overridden = any(filter_values.get(name) is not None for name in listing.scope_overridden_by)
    if listing.default_scope is not None and not overridden:
        clauses.append(listing.default_scope())
    return clauses


def ordered(
    statement: Select[Any], listing: Listing, order_field: str | None, direction: SortDirection
) -> Select[Any]:
    """Order by the requested column, then by id so pages are stable."""
    column = listing.order_fields[order_field or listing.default_order]
    primary = column.desc() if direction == SortDirection.DESC else column.asc()
    return statement.order_by(primary, listing.model.id.asc())


def count_statement(listing: Listing, clauses: list[ColumnElement[bool]]) -> Select[Any]:
    """How many rows match."""
    return select(func.count()).select_from(listing.model).where(*clauses)


def page_statement(
    listing: Listing,
    clauses: list[ColumnElement[bool]],
    *,
    order_field: str | None,
    direction: SortDirection,
    offset: int,
    limit: int,
    columns: tuple[str, ...] | None = None,
) -> Select[Any]:
    """The rows of one page, as Core rows of the listing's table (every column, or `columns`)."""
    table = listing.model.__table__
    selected = table.c if columns is None else [table.c[name] for name in columns]
    statement = ordered(select(*selected).where(*clauses), listing, order_field, direction)
    return statement.offset(offset).limit(limit)


def text_contains(column: InstrumentedAttribute[str]) -> Filter:
    """Case-insensitive substring search, with LIKE wildcards in the input escaped."""
    return Filter(column, lambda value: column.icontains(value, autoescape=True))


def one_of(column: InstrumentedAttribute[Any]) -> Filter:
    """Column value in the given list."""
    return Filter(column, lambda values: column.in_(list(values)))


def equals(column: InstrumentedAttribute[Any]) -> Filter:
    """Column equal to the value."""
    return Filter(column, lambda value: column == value)


def prefix(column: InstrumentedAttribute[str]) -> Filter:
    """Column starting with the value (region codes, org paths)."""
    return Filter(column, lambda value: column.startswith(value, autoescape=True))


def before(column: InstrumentedAttribute[Any]) -> Filter:
    """Column strictly before the value."""
    return Filter(column, lambda value: column < value)


def on_or_after(column: InstrumentedAttribute[Any]) -> Filter:
    """Column on or after the value."""
    return Filter(column, lambda value: column >= value)
