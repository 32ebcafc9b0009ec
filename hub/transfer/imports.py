"""Bulk import of institutions, contacts, device models, devices, certificates, authorisation
letters, demo loans, departments, interactions, trainings and receivables from CSV/XLSX, through
the same validated upserts the API uses: idempotent per source ID, failing rows reported by row
number, the rest written in batches of one transaction each."""

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author, events_recorded
from hub.db.device import DeviceModel
from hub.db.engine import Database
from hub.db.source_record import SourceRecord
from hub.errors import (
    AccessDenied,
    ErrorCode,
    FieldError,
    UserInputError,
    fail,
    forbidden,
)
from hub.store import (
    authorisations,
    catalogue,
    certificates,
    contacts,
    demo_loans,
    departments,
    devices,
    institutions,
    interactions,
    receivables,
    row_scope,
    trainings,
)
from hub.store.row_scope import RowAccess
from hub.store.source_records import SourceKey
from hub.transfer import archive_rows, institution_batch
from hub.transfer.import_columns import ImportKind, converted, list_cell, source_id_of, text

Upsert = Callable[[AsyncSession, Author, SourceKey, dict[str, Any]], Awaitable[Any]]


class _DryRun(Exception):
    """Rolls a dry-run batch back after every row was tried."""


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), row by row."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[tuple[int, FieldError]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def refused(self) -> int:
        """How many rows were refused."""
        return len({number for number, _ in self.failures})

    @property
    def written(self) -> int:
        """How many rows were accepted: created, updated or found unchanged."""
        return self.created + self.updated + self.unchanged

    def count(self, outcome: "Outcome") -> None:
        """Count one accepted row."""
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)


class Outcome(StrEnum):
    """What an accepted row did to its record."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def _outcome(before: Counter[tuple[str, str]], after: Counter[tuple[str, str]]) -> Outcome:
    # A row creates its record, or changes it (or adopts it by natural key, linking its source
    # ID), or finds it as it is: the audit events it wrote say which.
    written = after - before
    if any(action == "CREATE" and entity != SourceRecord.__name__ for entity, action in written):
        return Outcome.CREATED
    return Outcome.UPDATED if written else Outcome.UNCHANGED


async def _institution_id(
    session: AsyncSession, code: str | None, column: str = "institution_code"
) -> Any:
    if code is None:
        raise fail(column, ErrorCode.REQUIRED, f"{column} is required.")
    found = await institutions.by_code(session, code)
    if found is None:
        raise fail(column, ErrorCode.NOT_FOUND, f"No institution with code {code}.")
    return found.id


async def _model_id(
    session: AsyncSession, registration_number: str | None, udi_di: str | None
) -> Any:
    statement = select(DeviceModel.id)
    if udi_di:
        statement = statement.where(DeviceModel.udi_di == udi_di)
    elif registration_number:
        statement = statement.where(DeviceModel.registration_number == registration_number)
    else:
        raise fail("registration_number", ErrorCode.REQUIRED, "Give registration_number or udi_di.")
    model_id = (await session.execute(statement.limit(1))).scalar_one_or_none()
    if model_id is None:
        raise fail("registration_number", ErrorCode.NOT_FOUND, "No device model matches.")
    return model_id


async def values_of(
    session: AsyncSession, kind: ImportKind, cells: dict[str, Any]
) -> dict[str, Any]:
    """The store values of one mapped row: typed, references resolved."""
    values = converted(kind, cells)
    if (
        kind in (ImportKind.CONTACTS, ImportKind.CERTIFICATES, ImportKind.RECEIVABLES)
        or kind in archive_rows.KINDS
    ):
        values["institution_id"] = await _institution_id(
            session, text(cells.get("institution_code"))
        )
    if kind in (ImportKind.DEVICES, ImportKind.TRAININGS):
        values["device_model_id"] = await _model_id(
            session, text(cells.get("registration_number")), text(cells.get("udi_di"))
        )
        if text(cells.get("institution_code")):
            values["institution_id"] = await _institution_id(
                session, text(cells["institution_code"])
            )
    if kind is ImportKind.AUTHORISATIONS:
        await _letter_references(session, cells, values)
    if kind is ImportKind.DEMO_LOANS:
        await _loan_references(session, cells, values)
    return values


async def _letter_references(
    session: AsyncSession, cells: dict[str, Any], values: dict[str, Any]
) -> None:
    values["grantor_id"] = await _institution_id(
        session, text(cells.get("grantor_code")), "grantor_code"
    )
    values["institution_id"] = await _institution_id(session, text(cells.get("institution_code")))
    if text(cells.get("hospital_code")):
        values["hospital_id"] = await _institution_id(
            session, text(cells["hospital_code"]), "hospital_code"
        )
    numbers = list_cell(cells.get("registration_numbers"))
    if numbers:
        values["device_model_ids"] = [await _model_id(session, n, None) for n in numbers]


async def _loan_references(
    session: AsyncSession, cells: dict[str, Any], values: dict[str, Any]
) -> None:
    model_id = await _model_id(
        session, text(cells.get("registration_number")), text(cells.get("udi_di"))
    )
    serial = text(cells.get("serial_number"))
    unit = await devices.by_serial(session, model_id, serial) if serial else None
    if unit is None:
        raise fail("serial_number", ErrorCode.NOT_FOUND, "No unit of that model has that serial.")
    values["device_id"] = unit.id
    values["institution_id"] = await _institution_id(session, text(cells.get("institution_code")))


_UPSERTS: dict[ImportKind, Upsert] = {
    ImportKind.INSTITUTIONS: institutions.upsert_from_source,
    ImportKind.CONTACTS: contacts.upsert_from_source,
    ImportKind.DEVICE_MODELS: catalogue.upsert_model_from_source,
    ImportKind.DEVICES: devices.upsert_from_source,
    ImportKind.CERTIFICATES: certificates.upsert_from_source,
    ImportKind.AUTHORISATIONS: authorisations.upsert_from_source,
    ImportKind.DEMO_LOANS: demo_loans.upsert_from_source,
    ImportKind.DEPARTMENTS: departments.upsert_from_source,
    ImportKind.INTERACTIONS: interactions.upsert_from_source,
    ImportKind.TRAININGS: trainings.upsert_from_source,
    ImportKind.RECEIVABLES: receivables.upsert_from_source,
}


async def _import_row(
    session: AsyncSession,
    author: Author,
    kind: ImportKind,
    source_system: str,
    cells: dict[str, Any],
) -> Outcome:
    key = SourceKey(source_system, source_id_of(cells))
    before = Counter(events_recorded(session))
    values = await values_of(session, kind, cells)
    if kind in archive_rows.KINDS:
        values = await archive_rows.completed(session, author, kind, source_system, cells, values)
    await _UPSERTS[kind](session, author, key, values)
    return _outcome(before, events_recorded(session))


async def import_rows(
    database: Database,
    author: Author,
    kind: ImportKind,
    rows: Iterable[tuple[int, dict[str, Any]]],
    *,
    source_system: str,
    batch_size: int = 500,
    dry_run: bool = False,
    advance: Callable[[int], None] = lambda done: None,
    row_access: RowAccess | None = None,
    ignored_columns: list[str] | None = None,
) -> ImportReport:
    """Upsert mapped rows in batches; each batch is one transaction (rolled back in a dry run),
    each row a savepoint, so a refused row costs only itself. With `row_access`, rows outside
    the caller's units are refused as FORBIDDEN. `ignored_columns` (the columns the operator
    chose not to import) are repeated in the report."""
    report = ImportReport(ignored_columns=list(ignored_columns or []))
    batch: list[tuple[int, dict[str, Any]]] = []

    async def flush_batch() -> None:
        try:
            async with database.transaction() as session:
                if row_access is not None:
                    row_scope.grant(session, row_access)
                pending = batch
                if kind is ImportKind.INSTITUTIONS:
                    settled = await institution_batch.settle(session, author, source_system, batch)
                    report.created += settled.created
                    report.unchanged += settled.unchanged
                    report.failures.extend(settled.failures)
                    pending = settled.left
                for number, cells in pending:
                    try:
                        async with session.begin_nested():
                            outcome = await _import_row(session, author, kind, source_system, cells)
                        report.count(outcome)
                    except UserInputError as error:
                        report.failures.extend((number, problem) for problem in error.errors)
                    except AccessDenied as error:
                        report.failures.append((number, forbidden(error)))
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass  # everything was checked against the database; nothing is kept
        report.failures.sort(key=lambda failure: failure[0])
        advance(report.rows)
        batch.clear()

    for number, cells in rows:
        report.rows += 1
        batch.append((number, cells))
        if len(batch) >= batch_size:
            await flush_batch()
    if batch:
        await flush_batch()
    return report
