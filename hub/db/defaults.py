"""Python-side column defaults applied to plain dicts, for multi-row Core inserts that bypass
the ORM (bulk imports) yet must store and audit exactly what an ORM insert would."""

from typing import Any

from sqlalchemy import inspect


def with_defaults(model: type, values: dict[str, Any]) -> dict[str, Any]:
    """`values` with every other column of `model` set to its default (None when it has none),
    so the dicts of one executemany share their keys."""
    row = dict(values)
    for column in inspect(model).columns:
        if column.key in row:
            continue
        default = column.default
        if default is None:
            row[column.key] = None
        elif default.is_callable:
            row[column.key] = default.arg(None)  # type: ignore[attr-defined]
        else:
            row[column.key] = default.arg  # type: ignore[attr-defined]
    return row
