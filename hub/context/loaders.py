"""Per-request DataLoaders: every relation costs one SQL statement per query level.

The statements are built once per shape (model, relation, filter values, the caller's row
rule) with expanding bind parameters for the ids, and read Core rows over the request's one
connection: no statement construction, ORM identity map or session per batch.
"""

import uuid
from collections import defaultdict
from collections.abc import Hashable, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Column, ColumnElement, Select, Table, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import InstrumentedAttribute
from strawberry.dataloader import DataLoader

from hub.authz.permissions import Permissions, RowRule
from hub.authz.row_filter import rule_clause
from hub.authz.row_scope import read_scope
from hub.credit.rules import CreditRules
from hub.db.certificate import Certificate
from hub.db.device import Device
from hub.db.listing import Listing, Scope, where_clauses
from hub.db.reads import RequestReads
from hub.store import credit_standing, maintenance_due, qualifications, service_metrics
from hub.store.credit_standing import Standing
from hub.store.maintenance_due import DueMaintenance
from hub.store.service_metrics import Metrics

_SHAPES = 512  # cached statements per kind; filter values are part of a shape
Filters = tuple[tuple[str, Any], ...]
Columns = tuple[str, ...] | None
"""The columns to read (None: every column); a look-ahead read asks only for what it shows."""


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def _among(column: Column[Any], name: str, dialect: str) -> ColumnElement[bool]:
    # PostgreSQL takes the ids as one array: one SQL text (and prepared statement) whatever
    # their number; SQLite gets an IN list expanded per execution.
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))


def _selected(table: Table, columns: Columns) -> list[Column[Any]]:
    return list(table.c) if columns is None else [table.c[name] for name in columns]


def _scope(rule: RowRule | None, model: type[Any]) -> list[Any]:
    return [] if rule is None else [rule_clause(rule, model.org_path)]


@lru_cache(maxsize=_SHAPES)
def _by_id_statement(model: type[Any], columns: Columns, dialect: str) -> Select[Any]:
    table = _table(model)
    return select(*_selected(table, columns)).where(_among(table.c.id, "ids", dialect))


@lru_cache(maxsize=_SHAPES)
def _by_unique_statement(
    column: InstrumentedAttribute[Any], columns: Columns, dialect: str
) -> Select[Any]:
    table = _table(column.class_)
    key = table.c[column.key]
    return select(*_selected(table, columns)).where(_among(key, "keys", dialect))


@lru_cache(maxsize=_SHAPES)
def _children_statement(
    listing: Listing,
    parent_key: str,
    filters: Filters,
    rule: RowRule | None,
    columns: Columns,
    dialect: str,
) -> Select[Any]:
    model = listing.model
    table = _table(model)
    parent = table.c[parent_key]
    selected = _selected(table, columns)
    order = listing.order_fields[listing.default_order]
    rank = (
        func.row_number()
        .over(partition_by=parent, order_by=(order.asc(), table.c.id.asc()))
        .label("rank")
    )
    ranked = (
        select(*selected, rank)
        .where(
            _among(parent, "parents", dialect),
            *where_clauses(listing, dict(filters)),
            *_scope(rule, model),
        )
        .subquery()
    )
    return (
        select(*(ranked.c[column.key] for column in selected))
        .where(ranked.c.rank <= bindparam("limit"))
        .order_by(ranked.c[parent_key], ranked.c.rank)
    )


@lru_cache(maxsize=_SHAPES)
def _linked_statement(
    link: Table,
    near: Column[Any],
    far: Column[Any],
    listing: Listing,
    rule: RowRule | None,
    dialect: str,
) -> Select[Any]:
    model = listing.model
    table = _table(model)
    order = listing.order_fields[listing.default_order]
    return (
        select(near.label("link_key"), *table.c)
        .join(link, far == table.c.id)
        .where(
            _among(near, "ids", dialect),
            *where_clauses(listing, {}),
            *_scope(rule, model),
        )
        .order_by(order, table.c.id)
    )


class Loaders:
    """The DataLoaders of one request, created on first use and keyed by what they load."""

    def __init__(self, reads: RequestReads, permissions: Permissions | None) -> None:
        self._reads = reads
        self._permissions = permissions
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}

    def clear(self) -> None:
        """Forget every cached row (after a mutation changed them)."""
        self._loaders.clear()

    def _get(self, key: Hashable, load: Any) -> DataLoader[Any, Any]:
        if key not in self._loaders:
            self._loaders[key] = DataLoader(load_fn=load)
        return self._loaders[key]

    def _rule(self, model: type[Any]) -> RowRule | None:
        if self._permissions is None:
            return None
        return self._permissions.row_rule(model.__name__, "read")

    def batch(self, key: Hashable, load: Any) -> DataLoader[Any, Any]:
        """A request-scoped loader for a derived value, built by `load` on first use."""
        return self._get(("batch", key), load)

    def by_id(self, model: type[Any], columns: Columns = None) -> DataLoader[uuid.UUID, Any]:
        """Rows by primary key (None for a missing id); callers check row permissions, so that
        a row outside the caller's units is refused rather than silently missing."""
        statement = _by_id_statement(model, columns, self._reads.dialect)

        async def load(ids: list[uuid.UUID]) -> list[Any]:
            rows = await self._reads.rows(statement, {"ids": ids})
            found = {row.id: row for row in rows}
            return [found.get(row_id) for row_id in ids]

        return self._get(("by_id", model, columns), load)

    def by_unique(
        self, column: InstrumentedAttribute[Any], columns: Columns = None
    ) -> DataLoader[Any, Any]:
        """Rows by the value of a unique column (None when missing); callers check row
        permissions, as for `by_id`."""
        statement = _by_unique_statement(column, columns, self._reads.dialect)

        async def load(keys: list[Any]) -> list[Any]:
            rows = await self._reads.rows(statement, {"keys": keys})
            found = {getattr(row, column.key): row for row in rows}
            return [found.get(key) for key in keys]

        return self._get(("by_unique", column.class_, column.key, columns), load)

    def children(
        self,
        listing: Listing,
        parent_key: InstrumentedAttribute[Any],
        filters: Filters,
        limit: int,
        columns: Columns = None,
    ) -> DataLoader[uuid.UUID, list[Any]]:
        """Up to `limit` rows per parent id, filtered and in the listing's default order."""
        rule = self._rule(listing.model)
        dialect = self._reads.dialect
        statement = _children_statement(listing, parent_key.key, filters, rule, columns, dialect)

        async def load(parent_ids: list[uuid.UUID]) -> list[list[Any]]:
            rows = await self._reads.rows(statement, {"parents": parent_ids, "limit": limit})
            return _grouped(rows, parent_key.key, parent_ids)

        key = ("children", listing.model, parent_key.key, filters, limit, columns)
        return self._get(key, load)

    def linked(
        self, link: Table, from_column: Column[Any], to_column: Column[Any], listing: Listing
    ) -> DataLoader[uuid.UUID, list[Any]]:
        """Rows on the far side of a many-to-many link table, per id on the near side."""
        statement = _linked_statement(
            link, from_column, to_column, listing, self._rule(listing.model), self._reads.dialect
        )

        async def load(ids: list[uuid.UUID]) -> list[list[Any]]:
            rows = await self._reads.rows(statement, {"ids": ids})
            return _grouped(rows, "link_key", ids)

        return self._get(("linked", link.name, from_column.name), load)

    def certificates_of(self) -> DataLoader[uuid.UUID, list[Certificate]]:
        """Every live certificate per institution id, regardless of the caller's row scope:
        qualification is a fact about the institution, computed from all its certificates,
        whether or not the caller may read them one by one."""

        async def load(ids: list[uuid.UUID]) -> list[list[Certificate]]:
            async with self._reads.session() as session:
                held = await qualifications.certificates_by_institution(session, ids)
            return [held.get(row_id, []) for row_id in ids]

        return self._get("certificates_of", load)

    def credit_standing(self, rules: CreditRules, on: date) -> DataLoader[uuid.UUID, Standing]:
        """Each institution's credit standing on a day: a list of institutions costs two
        statements however long it is.

        Like qualification, standing is a fact about the customer, computed from every
        receivable of its account whether or not the caller may read them one by one.
        """

        async def load(ids: list[uuid.UUID]) -> list[Standing]:
            async with self._reads.session() as session:
                found = await credit_standing.standings(session, ids, rules, on)
            return [found[row_id] for row_id in ids]

        return self._get(("credit_standing", on), load)

    def _scope(self) -> Scope:
        return lambda model: read_scope(self._permissions, model)

    def maintenance_due(
        self, on: date, within_days: int
    ) -> DataLoader[uuid.UUID, list[DueMaintenance]]:
        """Each institution's devices due for maintenance by `on + within_days`, among the
        devices the caller may read."""

        async def load(ids: list[uuid.UUID]) -> list[list[DueMaintenance]]:
            async with self._reads.session() as session:
                found = await maintenance_due.due_within(
                    session, on, within_days, [Device.institution_id.in_(ids)], self._scope()
                )
            grouped: dict[uuid.UUID, list[DueMaintenance]] = defaultdict(list)
            for due in found:
                grouped[due.device.institution_id].append(due)  # type: ignore[index]
            return [grouped.get(row_id, []) for row_id in ids]

        return self._get(("maintenance_due", on, within_days), load)

    def service_metrics(
        self, start: datetime, end: datetime
    ) -> DataLoader[uuid.UUID, Metrics | None]:
        """Each institution's service KPIs over [start, end), from the tickets the caller may
        read (None: no ticket in the period)."""

        async def load(ids: list[uuid.UUID]) -> list[Metrics | None]:
            async with self._reads.session() as session:
                found = await service_metrics.by_institution(
                    session, ids, start, end, self._scope()
                )
            return [found.get(row_id) for row_id in ids]

        return self._get(("service_metrics", start, end), load)


def _grouped(rows: Sequence[Any], key: str, ids: list[uuid.UUID]) -> list[list[Any]]:
    grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return [grouped.get(row_id, []) for row_id in ids]
