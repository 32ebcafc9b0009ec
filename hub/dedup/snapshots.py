"""Exact column images of rows, JSON-safe and back, for undoing a merge byte for byte."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, Enum, Uuid, inspect
from sqlalchemy.types import TypeDecorator

from hub.audit.writer import jsonable
from hub.db.types import Money, UtcDateTime


def image(row: Any) -> dict[str, Any]:
    """Every column of a row (bookkeeping included), JSON-safe."""
    return {attr.key: jsonable(getattr(row, attr.key)) for attr in inspect(type(row)).column_attrs}


def _revive(column: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, Money):
        return Decimal(value)
    if isinstance(kind, UtcDateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, TypeDecorator):
        kind = kind.impl
    if isinstance(kind, Uuid):
        return uuid.UUID(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Enum) and kind.enum_class is not None:
        return kind.enum_class(value)
    return value


def revive(model: type[Any], values: dict[str, Any]) -> dict[str, Any]:
    """Python values of a column image, typed as the model's columns expect."""
    attrs = {attr.key: attr.columns[0] for attr in inspect(model).column_attrs}
    return {key: _revive(attrs[key], value) for key, value in values.items()}
