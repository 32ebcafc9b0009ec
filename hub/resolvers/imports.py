"""`importRecords`: the bulk import, through GraphQL, for moderate sizes."""

from typing import Any

import strawberry

from hub.context.request import Info
from hub.errors import FieldError
from hub.schema.errors import user_errors
from hub.schema.graphql_errors import BadUserInput
from hub.schema.imports import ImportFailure, ImportRecordsInput, ImportRecordsPayload
from hub.transfer.import_columns import ColumnPlan, ColumnsRefused, aliases_with, plan_columns
from hub.transfer.imports import import_rows


def _plans(input: ImportRecordsInput) -> dict[tuple[str, ...], ColumnPlan]:
    """How each shape of row is read: rows are objects, so each set of keys is planned alone
    (two keys of one row may not mean the same field; two rows may spell it differently)."""
    aliases = aliases_with(input.kind, {})
    plans: dict[tuple[str, ...], ColumnPlan] = {}
    problems: dict[FieldError, None] = {}
    unknown: dict[str, None] = {}
    for row in input.rows:
        keys = tuple(row)
        if keys in plans:
            continue
        try:
            plans[keys] = plan_columns(
                input.kind,
                list(keys),
                aliases,
                ignore=frozenset(input.ignore_columns),
                ignore_unknown=input.ignore_unknown,
            )
        except ColumnsRefused as error:
            problems |= dict.fromkeys(error.errors)
            unknown |= dict.fromkeys(error.unknown)
    if problems:
        raise ColumnsRefused(list(problems), list(unknown))
    return plans


def _refused(error: ColumnsRefused) -> ImportRecordsPayload:
    return ImportRecordsPayload(
        rows=0,
        created=0,
        updated=0,
        unchanged=0,
        refused=0,
        written=0,
        failures=[],
        ignored_columns=[],
        unknown_columns=error.unknown,
        user_errors=user_errors(error.errors),
    )


async def import_records(info: Info, input: ImportRecordsInput) -> ImportRecordsPayload:
    """Upsert up to HUB_MAX_IMPORT_ROWS rows; re-sending the same rows changes nothing."""
    context = info.context
    if len(input.rows) > context.settings.max_import_rows:
        raise BadUserInput(
            f"At most {context.settings.max_import_rows} rows per call; use `hub import` for more."
        )
    if not all(isinstance(row, dict) for row in input.rows):
        raise BadUserInput("Every row must be an object.")
    try:
        plans = _plans(input)
    except ColumnsRefused as error:
        return _refused(error)
    rows = [(index, plans[tuple(row)].mapped(row)) for index, row in enumerate(input.rows, start=1)]
    ignored = dict.fromkeys(header for plan in plans.values() for header in plan.ignored)
    report = await import_rows(
        context.database,
        context.author,
        input.kind,
        rows,
        source_system=input.source_system.strip(),
        dry_run=input.dry_run,
        row_access=context.permissions,
        ignored_columns=list(ignored),
    )
    if (report.created or report.updated) and not input.dry_run:
        context.loaders.clear()
        context.notifier.notify()
    return ImportRecordsPayload(
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        refused=report.refused,
        written=report.written,
        failures=[
            ImportFailure(row=number, error=user_errors([problem])[0])
            for number, problem in report.failures
        ],
        ignored_columns=report.ignored_columns,
        unknown_columns=[],
        user_errors=[],
    )


QUERY_FIELDS: dict[str, Any] = {}
MUTATION_FIELDS = {
    "import_records": strawberry.field(
        resolver=import_records,
        description=(
            "Bulk upsert rows of institutions, contacts, device models, devices, certificates, "
            "authorisation letters, demo loans, departments, interactions, trainings or "
            "receivables."
        ),
    ),
}
