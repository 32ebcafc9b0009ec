"""Reading CSV and XLSX files into rows of cells keyed by (mapped) column names."""

import csv
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook


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


def load_mapping(path: Path | None) -> dict[str, str]:
    """A column mapping file (TOML, `[columns]` header = "field"); empty when none is given."""
    if path is None:
        return {}
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    return {str(header).strip(): str(field) for header, field in document["columns"].items()}


def mapped(cells: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    """Cells renamed to hub field names; headers already named like fields pass through."""
    return {mapping.get(header, header): value for header, value in cells.items() if header}
