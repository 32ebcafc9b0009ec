"""Rows as JSON and back, column type by column type, so a restore is exact."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Date, DateTime, Table, Uuid
from sqlalchemy.types import TypeDecorator

from hub.db.types import Money


def to_json(value: Any) -> Any:
    """A JSON-safe form of a column value."""
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _base_type(column: Column[Any]) -> Any:
    column_type = column.type
    if isinstance(column_type, Money):
        return column_type
    return column_type.impl if isinstance(column_type, TypeDecorator) else column_type


def from_json(column: Column[Any], value: Any) -> Any:
    """The Python value of a column from its JSON form."""
    if value is None:
        return None
    column_type = _base_type(column)
    if isinstance(column_type, Uuid):
        return uuid.UUID(value)
    if isinstance(column_type, Money):
        return Decimal(value)
    if isinstance(column_type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    return value


def row_to_json(table: Table, row: Any) -> dict[str, Any]:
    """One row as a JSON object keyed by column name."""
    return {column.name: to_json(row._mapping[column]) for column in table.columns}


def row_from_json(table: Table, document: dict[str, Any]) -> dict[str, Any]:
    """Insert values for one row from its JSON object."""
    return {column.name: from_json(column, document[column.name]) for column in table.columns}


def parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order rows so that a row referencing its own table (a branch's parent, a merge target)
    comes after the row it references; foreign keys are checked on every insert."""
    self_keys = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not self_keys:
        return rows
    by_id = {row["id"]: row for row in rows}
    ordered: list[dict[str, Any]] = []
    placed: set[Any] = set()

    def place(row: dict[str, Any], trail: frozenset[Any]) -> None:
        if row["id"] in placed or row["id"] in trail:
            return
        for key in self_keys:
            target = by_id.get(row[key])
            if target is not None:
                place(target, trail | {row["id"]})
        placed.add(row["id"])
        ordered.append(row)

    for row in rows:
        place(row, frozenset())
    return ordered
