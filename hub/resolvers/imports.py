"""`importRecords`: the bulk import, through GraphQL, for moderate sizes."""

from typing import Any

import strawberry

from hub.resolvers.context import Info
from hub.resolvers.graphql_errors import BadUserInput
from hub.schema.errors import user_errors
from hub.schema.imports import ImportFailure, ImportRecordsInput, ImportRecordsPayload
from hub.transfer.import_columns import aliases_with
from hub.transfer.imports import import_rows
from hub.transfer.tables import mapped


async def import_records(info: Info, input: ImportRecordsInput) -> ImportRecordsPayload:
    """Upsert up to HUB_MAX_IMPORT_ROWS rows; re-sending the same rows changes nothing."""
    context = info.context
    if len(input.rows) > context.settings.max_import_rows:
        raise BadUserInput(
            f"At most {context.settings.max_import_rows} rows per call; use `hub import` for more."
        )
    if not all(isinstance(row, dict) for row in input.rows):
        raise BadUserInput("Every row must be an object.")
    aliases = aliases_with(input.kind, {})
    rows = [(index, mapped(row, aliases)) for index, row in enumerate(input.rows, start=1)]
    report = await import_rows(
        context.database,
        context.author,
        input.kind,
        rows,
        source_system=input.source_system.strip(),
        dry_run=input.dry_run,
        row_access=context.permissions,
    )
    if report.written and not input.dry_run:
        context.loaders.clear()
        context.notifier.notify()
    return ImportRecordsPayload(
        rows=report.rows,
        written=report.written,
        failures=[
            ImportFailure(row=number, error=user_errors([problem])[0])
            for number, problem in report.failures
        ],
    )


QUERY_FIELDS: dict[str, Any] = {}
MUTATION_FIELDS = {
    "import_records": strawberry.field(
        resolver=import_records,
        description=(
            "Bulk upsert rows of institutions, contacts, device models, devices, certificates, "
            "authorisation letters or demo loans."
        ),
    ),
}
