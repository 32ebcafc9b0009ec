"""Reading CSV and XLSX files into rows of cells keyed by (mapped) column names."""

import csv
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from hub.transfer.import_columns import ColumnPlan, ImportKind, aliases_with, plan_columns


def read_header(path: Path) -> list[str]:
    """The column names of a CSV or XLSX file (its first row)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            first = next(workbook.active.iter_rows(values_only=True), ())
        finally:
            workbook.close()
        return [str(cell).strip() if cell is not None else "" for cell in first]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell.strip() for cell in next(csv.reader(handle), [])]


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(spreadsheet row number, {header: cell}) for every non-empty data row of a CSV or XLSX
    file; the header is row 1, so the first data row is number 2."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _xlsx_rows(path)
    else:
        yield from _csv_rows(path)


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    # utf-8-sig: exports from Excel start with a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [cell.strip() for cell in next(reader, [])]
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield number, dict(zip(header, cells, strict=False))


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.active.iter_rows(values_only=True)
        header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
        for number, cells in enumerate(rows, start=2):
            if any(cell not in (None, "") for cell in cells):
                yield number, dict(zip(header, cells, strict=False))
    finally:
        workbook.close()


@dataclass(frozen=True)
class Mapping:
    """A column mapping file: `[columns]` header = "field", and `ignore = [headers]` for
    columns the operator has decided not to import."""

    columns: dict[str, str] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()


def load_mapping(path: Path | None) -> Mapping:
    """The mapping file at `path` (TOML); an empty mapping when none is given."""
    if path is None:
        return Mapping()
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    columns = document.get("columns", {})
    return Mapping(
        columns={str(header).strip(): str(name).strip() for header, name in columns.items()},
        ignore=frozenset(str(header).strip() for header in document.get("ignore", [])),
    )


def mapped_rows(
    path: Path,
    kind: ImportKind,
    mapping: Mapping | None = None,
    *,
    ignore: frozenset[str] = frozenset(),
    ignore_unknown: bool = False,
) -> tuple[ColumnPlan, Iterator[tuple[int, dict[str, Any]]]]:
    """How the file's columns are read (ColumnsRefused, before any row is read, if some would
    be lost), and its rows keyed by field name."""
    mapping = mapping or Mapping()
    plan = plan_columns(
        kind,
        read_header(path),
        aliases_with(kind, mapping.columns),
        ignore=mapping.ignore | ignore,
        ignore_unknown=ignore_unknown,
    )
    return plan, ((number, plan.mapped(cells)) for number, cells in read_rows(path))
