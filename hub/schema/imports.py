"""GraphQL presentation of record imports."""

import strawberry
from strawberry.scalars import JSON

from hub.schema.errors import UserError
from hub.transfer.import_columns import ImportKind

strawberry.enum(ImportKind, description="What a bulk import creates or updates.")


@strawberry.input(description="Rows as objects keyed by field name or by a known foreign header.")
class ImportRecordsInput:
    kind: ImportKind
    source_system: str = strawberry.field(description="Whose IDs `source_id` holds, e.g. crm.")
    rows: list[JSON]
    dry_run: bool = False


@strawberry.type(description="A refused row: its position in `rows` (1-based) and why.")
class ImportFailure:
    row: int
    error: UserError


@strawberry.type(description="What an import did; refused rows did not stop the others.")
class ImportRecordsPayload:
    rows: int
    written: int
    failures: list[ImportFailure]
